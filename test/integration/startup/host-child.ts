/**
 * Runs the browser host (`electron/host/main.ts`) as a real child process for the start-up
 * tests: resolves when it prints its ready line, or when it exits, with its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');

export interface HostRun {
  proc: ChildProcess;
  /** Set when the host printed `ready at <url>`. */
  url: string | null;
  /** Exit code, when the host exited before (or instead of) being ready. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Resolves on exit with the code (or the signal). */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts the host with `env` on top of a quiet default (web port 0, log level error) and waits
 * up to `ms` for it to be ready or to exit; a host that does neither is killed and reported.
 */
export function runHost(env: Record<string, string | undefined>, ms = 45_000): Promise<HostRun> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const k of Object.keys(base)) if (k.startsWith('KASSA_')) delete base[k];
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/host/main.ts')], {
    cwd: REPO,
    env: { ...base, KASSA_WEB_PORT: '0', KASSA_LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: HostRun = {
    proc,
    url: null,
    code: null,
    signal: null,
    stdout: '',
    stderr: '',
    exited: new Promise((r) =>
      proc.once('close', (code, sig) => {
        run.code = code;
        run.signal = sig;
        r(sig ?? code);
      }),
    ),
  };
  proc.stderr!.on('data', (d) => (run.stderr += String(d)));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      rej(new Error(`host neither ready nor exited within ${ms} ms (a hang): ${run.stdout} ${run.stderr}`));
    }, ms);
    proc.stdout!.on('data', (d) => {
      run.stdout += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(run.stdout);
      if (m && !run.url) {
        run.url = m[1]!;
        clearTimeout(timer);
        res(run);
      }
    });
    void run.exited.then(() => {
      clearTimeout(timer);
      res(run);
    });
  });
}

/** Stops a running host with SIGTERM and waits for it to exit. */
export async function stopHost(run: HostRun): Promise<number | NodeJS.Signals | null> {
  if (run.proc.exitCode !== null || run.proc.signalCode !== null) return run.exited;
  run.proc.kill('SIGTERM');
  return run.exited;
}

/** No stack trace and no `uncaught:` line in what the host printed. */
export function noStack(text: string): boolean {
  return !/uncaught:|^\s+at\s/m.test(text);
}
