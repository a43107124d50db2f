import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { SupervisorDirectory, verifyPin, isPinHash } from '../../../electron/supervisor';

const ROOT = resolve(import.meta.dirname, '../../..');

function cli(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile('npx', ['tsx', 'tools/supervisor.ts', ...args], { cwd: ROOT, timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

describe('tools/supervisor.ts in a child process', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kassa-cli-'));
    db = join(dir, 'journal.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async (badge: string, pin: string) => {
    const conn = new BetterSqlite3(db);
    try {
      return await new SupervisorDirectory(conn, memoryLog(), { now: () => Date.now() }).verify(badge, pin);
    } finally {
      conn.close();
    }
  };

  it('add, then the kiosk side verifies the PIN; set-pin (from stdin) changes it; list shows it', async () => {
    const add = await cli(['add', '--db', db, '--badge', 'SUP-0001', '--name', 'Mari', '--pin', '1234']);
    expect(add).toMatchObject({ code: 0 });
    expect(add.stdout).toContain('SUP-0001');
    expect(await verify('SUP-0001', '1234')).toEqual({ ok: true, supervisor: { badge: 'SUP-0001', name: 'Mari' } });

    const setPin = await cli(['set-pin', '--db', db, '--badge', 'SUP-0001'], '987654\n');
    expect(setPin.code).toBe(0);
    expect((await verify('SUP-0001', '987654')).ok).toBe(true);
    expect(await verify('SUP-0001', '1234')).toMatchObject({ ok: false, reason: 'wrong-pin' });

    const list = await cli(['list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toBe('SUP-0001\tMari\tactive\n');
    expect(list.stdout + list.stderr).not.toContain('987654');
  }, 60_000); // tsx children: slow on a loaded machine

  it('hash prints a verifiable hash for the config file (PIN from --pin or stdin)', async () => {
    const [r, fromStdin] = await Promise.all([cli(['hash', '--pin', '4321']), cli(['hash'], '4321\n')]);
    expect(fromStdin.code).toBe(0);
    expect(await verifyPin('4321', fromStdin.stdout.trim())).toBe(true);
    expect(r.code).toBe(0);
    const hash = r.stdout.trim();
    expect(isPinHash(hash)).toBe(true);
    expect(await verifyPin('4321', hash)).toBe(true);
  }, 60_000); // tsx children: slow on a loaded machine

  it('bad input and usage errors exit 2 with a clear message; an unknown badge exits 1', async () => {
    // Independent calls run side by side: each child pays the tsx start-up.
    const [badPin, missing, unknownCmd, unknownBadge] = await Promise.all([
      cli(['add', '--db', join(dir, 'other.db'), '--badge', 'SUP-0002', '--name', 'Jaan', '--pin', '12']),
      cli(['add', '--db', db, '--name', 'Jaan', '--pin', '1234']),
      cli(['frobnicate']),
      cli(['set-pin', '--db', db, '--badge', 'SUP-0404', '--pin', '1234']),
    ]);
    expect(badPin.code).toBe(2);
    expect(badPin.stderr).toContain('PIN must be 4–8 digits');
    expect(existsSync(join(dir, 'other.db'))).toBe(false);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --badge');

    expect(unknownCmd.code).toBe(2);
    expect(unknownCmd.stderr).toContain('unknown command: frobnicate');

    expect(unknownBadge.code).toBe(1);
    expect(unknownBadge.stderr).toContain('no supervisor has this badge');
  }, 60_000); // four tsx children side by side: slow on a loaded machine
});
