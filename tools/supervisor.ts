/**
 * Supervisor credentials from the command line (store set-up, PIN changes).
 *
 *   npx tsx tools/supervisor.ts add     --db <file> --badge SUP-0001 --name "Mari" [--pin 1234]
 *   npx tsx tools/supervisor.ts set-pin --db <file> --badge SUP-0001 [--pin 1234]
 *   npx tsx tools/supervisor.ts activate|deactivate --db <file> --badge SUP-0001
 *   npx tsx tools/supervisor.ts list    --db <file>
 *   npx tsx tools/supervisor.ts hash    [--pin 1234]          (prints a pinHash for the config file)
 *
 * Without --pin the PIN is read from the first line of stdin, so it stays out of shell history
 * and the process list. Exit codes: 0 done, 1 the operation failed (e.g. unknown badge),
 * 2 bad usage or bad input.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { createLog } from '../electron/log';
import { SupervisorDirectory, SupervisorInputError, checkBadge, checkName, checkPin, hashPin } from '../electron/supervisor';

const USAGE = `usage:
  supervisor add --db <file> --badge <badge> --name <name> [--pin <4-8 digits>]
  supervisor set-pin --db <file> --badge <badge> [--pin <4-8 digits>]
  supervisor activate|deactivate --db <file> --badge <badge>
  supervisor list --db <file>
  supervisor hash [--pin <4-8 digits>]
Without --pin the PIN is read from stdin.`;

class UsageError extends Error {
  readonly kind = 'UsageError';
}

type Options = { db?: string; badge?: string; name?: string; pin?: string };

async function readPin(given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (process.stdin.isTTY) process.stderr.write('PIN: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(0x0a)) break;
  }
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trim();
}

function need(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing --${flag}`);
  return value;
}

function openDirectory(dbPath: string, mustExist: boolean): { dir: SupervisorDirectory; close(): void } {
  if (mustExist && !existsSync(dbPath)) throw new UsageError(`database not found: ${dbPath}`);
  const db = new BetterSqlite3(dbPath);
  db.pragma('busy_timeout = 5000'); // the kiosk may hold the journal open at the same time
  const log = createLog('supervisor-cli', (l) => process.stderr.write(l + '\n'), 'warn');
  return { dir: new SupervisorDirectory(db, log, { now: () => Date.now() }), close: () => db.close() };
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  let values: Options;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { db: { type: 'string' }, badge: { type: 'string' }, name: { type: 'string' }, pin: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  switch (command) {
    case 'hash': {
      const pin = await readPin(values.pin);
      checkPin(pin);
      process.stdout.write(hashPin(pin) + '\n');
      return 0;
    }
    case 'add': {
      const db = need(values.db, 'db');
      const badge = need(values.badge, 'badge');
      const name = need(values.name, 'name');
      const pin = await readPin(values.pin);
      // Check before opening, so bad input does not leave a new empty database behind.
      checkBadge(badge);
      checkName(name);
      checkPin(pin);
      const { dir, close } = openDirectory(db, false);
      try {
        dir.upsert(badge, name, pin);
      } finally {
        close();
      }
      process.stdout.write(`supervisor ${badge} saved\n`);
      return 0;
    }
    case 'set-pin': {
      const db = need(values.db, 'db');
      const badge = need(values.badge, 'badge');
      const pin = await readPin(values.pin);
      const { dir, close } = openDirectory(db, true);
      try {
        dir.setPin(badge, pin);
      } finally {
        close();
      }
      process.stdout.write(`PIN of ${badge} changed\n`);
      return 0;
    }
    case 'activate':
    case 'deactivate': {
      const { dir, close } = openDirectory(need(values.db, 'db'), true);
      const badge = need(values.badge, 'badge');
      try {
        dir.setActive(badge, command === 'activate');
      } finally {
        close();
      }
      process.stdout.write(`supervisor ${badge} ${command}d\n`);
      return 0;
    }
    case 'list': {
      const { dir, close } = openDirectory(need(values.db, 'db'), true);
      try {
        for (const s of dir.list()) process.stdout.write(`${s.badge}\t${s.name}\t${s.active ? 'active' : 'inactive'}\n`);
      } finally {
        close();
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (e instanceof SupervisorInputError) {
      process.stderr.write(`error: ${e.message}\n`);
      process.exitCode = e.code === 'unknown-badge' ? 1 : 2;
    } else {
      process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  },
);
