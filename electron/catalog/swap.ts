/**
 * The file side of an import: a new catalog is built as `<file>.next` and renamed over the live
 * file. rename(2) within one folder is atomic, so after a crash the catalog file is either the
 * complete old one or the complete new one; a leftover `.next` is a build that never finished
 * and is deleted when the catalog is next opened.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** The file a new catalog is built in before it replaces `file`. */
export function nextFileOf(file: string): string {
  return `${file}.next`;
}

/** Deletes a SQLite file and its journal/WAL companions, when present. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** True when `next` (a build that never got renamed into place) exists. */
export function hasStaleNext(file: string): boolean {
  return existsSync(nextFileOf(file));
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes the complete `<file>.next` the catalog: flushes it to disk, removes the old file's WAL
 * companions (the connection to it must be closed: a WAL left beside the new file would be
 * replayed into it), renames it over `file` and flushes the folder so the rename survives a
 * power cut. Until the rename the old file stays untouched and in force.
 */
export function installNext(file: string): void {
  const next = nextFileOf(file);
  fsyncPath(next);
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(next, file);
  try {
    fsyncPath(dirname(file));
  } catch (e) {
    // Some file systems refuse fsync on a folder; the rename itself has happened.
    if ((e as NodeJS.ErrnoException).code !== 'EISDIR' && (e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
  }
}
