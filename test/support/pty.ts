import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real pseudo-terminal pair made by socat: `a` and `b` are tty paths that serialport
 * opens like hardware. Bytes written to one come out of the other.
 */
export interface PtyPair {
  a: string;
  b: string;
  dir: string;
  /** Kills socat: both ends go away, as when a USB serial device is unplugged. */
  unplug(): Promise<void>;
  /** Starts a new socat with the same link paths (after unplug). */
  replug(): Promise<void>;
  close(): Promise<void>;
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-pty-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    await waitFor(() => existsSync(a) && existsSync(b), 5000, 'socat pty links');
  };
  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGKILL');
    await exited;
    // SIGKILL leaves socat's symlinks pointing at dead /dev/pts/N entries that the system may
    // hand to another process's pty next: remove them (existsSync follows links, so don't ask it).
    rmSync(a, { force: true });
    rmSync(b, { force: true });
  };
  await start();
  return {
    a,
    b,
    dir,
    unplug: stop,
    replug: start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
