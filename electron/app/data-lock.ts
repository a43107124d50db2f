/**
 * One kiosk per data folder. `kassa.lock` in the folder holds the owner's pid and host name;
 * it is written complete to a temporary file and hard-linked into place (link(2) fails if the
 * name exists), so of two kiosks starting together exactly one wins and nobody ever reads a
 * half-written lock. A lock whose
 * process is gone (killed, power cut) is stale and taken over: the stale file is renamed away
 * (only one contender's rename succeeds), then the lock is created again the same way.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'kassa.lock';

/** The data folder is held by another live kiosk (or cannot be locked). */
export class DataDirLockError extends Error {
  readonly kind = 'DataDirLockError';
}

export interface DataDirLock {
  file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && Number.isInteger(o.pid) && o.pid > 0 && typeof o.host === 'string') return { pid: o.pid, host: o.host };
  } catch {
    // garbled: treated as stale
  }
  return null;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new DataDirLockError(`cannot lock the data folder (${file}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Takes the data folder's lock or throws DataDirLockError naming the folder and the owner's pid.
 * `onTakeover` is told when a stale lock (its process gone) was taken over.
 */
export function lockDataDir(dataDir: string, onTakeover?: (stale: { pid: number | null }) => void): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file)) {
      let held = true;
      return {
        file,
        release() {
          if (!held) return;
          held = false;
          // Only our own lock is removed (never one a later owner took over).
          if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    }
    const owner = readOwner(file);
    if (owner && owner.host !== hostname()) {
      throw new DataDirLockError(`data folder ${dataDir} is in use by process ${owner.pid} on host ${owner.host} (remove ${file} only if that kiosk is not running)`);
    }
    if (owner && (owner.pid === process.pid || processAlive(owner.pid))) {
      throw new DataDirLockError(`data folder ${dataDir} is in use by process ${owner.pid}`);
    }
    // Stale: the owner is gone, or the file is garbled (locks are linked in complete, so not half-written).
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // another contender took it over first
      throw new DataDirLockError(`cannot take over the stale lock ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    // Between reading and renaming, another contender may have replaced the stale lock with a live one.
    const moved = readOwner(aside);
    if (moved && moved.pid !== owner?.pid && processAlive(moved.pid)) {
      try {
        linkSync(aside, file); // put the live lock back, unless someone else's is there by now
      } catch {
        // the loop re-reads the state
      }
      rmSync(aside, { force: true });
      continue;
    }
    rmSync(aside, { force: true });
    onTakeover?.({ pid: owner?.pid ?? null });
  }
  throw new DataDirLockError(`data folder ${dataDir} is in use (the lock ${file} keeps changing hands)`);
}
