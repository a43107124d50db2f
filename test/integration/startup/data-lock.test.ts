/** The data folder's lock in one process: refusal, stale takeover, garbled files, release. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockError, lockDataDir, LOCK_FILE, processAlive } from '../../../electron/app/data-lock';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(processAlive(r.pid!)).toBe(false);
  return r.pid!;
}

describe('data folder lock', () => {
  it('a second lock on the same folder is refused naming the holder; release frees it', () => {
    const d = tmp();
    const a = lockDataDir(d);
    expect(JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockDataDir(d)).toThrow(DataDirLockError);
    expect(() => lockDataDir(d)).toThrow(`data folder ${d} is in use by process ${process.pid}`);
    a.release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(false);
    const b = lockDataDir(d);
    b.release();
    b.release();
  });

  it('a live process other than ours holds the folder', () => {
    const d = tmp();
    // pid 1 always exists (EPERM counts as alive).
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname() }));
    expect(() => lockDataDir(d)).toThrow('is in use by process 1');
    expect(JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 1 });
  });

  it('a lock from another host is never taken over', () => {
    const d = tmp();
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'other-kiosk' }));
    expect(() => lockDataDir(d)).toThrow(/in use by process \d+ on host other-kiosk/);
  });

  it('a stale lock (its process gone) is taken over and reported', () => {
    const d = tmp();
    const pid = deadPid();
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid, host: hostname() }));
    const told: Array<number | null> = [];
    const lock = lockDataDir(d, (s) => told.push(s.pid));
    expect(told).toEqual([pid]);
    expect(JSON.parse(readFileSync(join(d, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('a garbled lock file is taken over', () => {
    const d = tmp();
    writeFileSync(join(d, LOCK_FILE), '{"pid":');
    const told: Array<number | null> = [];
    lockDataDir(d, (s) => told.push(s.pid)).release();
    expect(told).toEqual([null]);
  });

  it('release never removes a lock someone else took over', () => {
    const d = tmp();
    const mine = lockDataDir(d);
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: 1, host: hostname() }));
    mine.release();
    expect(existsSync(join(d, LOCK_FILE))).toBe(true);
  });
});
