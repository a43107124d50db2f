/**
 * How a failed start is told: one line, `Kassa cannot start: <cause>`, naming what failed (the
 * configuration field, the catalog row, the port, the data folder) — never a stack trace and
 * never file contents. Shared by the browser host (printed, non-zero exit) and Electron (the
 * out-of-order window for staff).
 */
import { CatalogImportError, CatalogSchemaError } from '../catalog';
import { ConfigError } from '../config/load';
import { DataDirLockError } from './data-lock';

/** A start-up phase failed; the message is the cause as staff should read it. */
export class StartupError extends Error {
  readonly kind = 'StartupError';
}

/** Exit codes of the browser host: 2 for configuration, 1 for every other failed start. */
export const EXIT = { config: 2, failed: 1 } as const;

interface ListenError extends Error {
  code?: string;
  address?: string;
  port?: number;
}

/**
 * A server that could not listen → a StartupError naming the service, the address and the
 * setting to change; any other error is returned unchanged.
 */
export function listenFailure(e: unknown, what: string, setting: string, host: string, port: number): unknown {
  const err = e as ListenError;
  if (!err || typeof err !== 'object' || typeof err.code !== 'string' || !/^E(ADDRINUSE|ACCES|ADDRNOTAVAIL|PERM)$/.test(err.code)) return e;
  const where = `${host.includes(':') ? `[${host}]` : host}:${err.port ?? port}`;
  const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EADDRNOTAVAIL' ? 'that address is not on this machine' : 'permission denied';
  return new StartupError(`${what} cannot listen on ${where}: ${why} (${setting})`);
}

/** The one-line cause of a failed start (no stack, first line only, bounded length). */
export function startupCause(e: unknown): string {
  if (e instanceof ConfigError || e instanceof StartupError || e instanceof DataDirLockError || e instanceof CatalogImportError || e instanceof CatalogSchemaError) {
    return firstLine(e.message);
  }
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return firstLine(`${e.name}${code ? ` ${code}` : ''}: ${e.message}`);
  }
  return firstLine(String(e));
}

export function startupMessage(e: unknown): string {
  return `Kassa cannot start: ${startupCause(e)}`;
}

export function exitCodeFor(e: unknown): number {
  return e instanceof ConfigError ? EXIT.config : EXIT.failed;
}

function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
