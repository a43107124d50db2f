import { lstat, stat } from 'node:fs/promises';

/** What identifies the device behind a path: the directory entry and the device number it points to. */
export interface DeviceIdentity {
  ino: number;
  rdev: number;
}

export type IdentityResult = { kind: 'present'; id: DeviceIdentity } | { kind: 'gone'; reason: string };

/** Looks up the device behind `path`; a missing or unreadable path counts as gone. */
export async function deviceIdentity(path: string): Promise<IdentityResult> {
  try {
    const link = await lstat(path);
    const target = await stat(path);
    return { kind: 'present', id: { ino: link.ino, rdev: target.rdev } };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    return { kind: 'gone', reason: `device path ${code === 'ENOENT' ? 'is gone' : `cannot be read (${code})`}` };
  }
}

/**
 * Polls the device path while a port is open. Needed because a read on a hung-up tty can
 * return end-of-file forever instead of an error (serialport then retries the read in a
 * loop and never reports the unplug); a vanished or replaced device node is the reliable sign.
 */
export class DeviceWatch {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #active = false;

  constructor(
    private readonly path: string,
    private readonly intervalMs: number,
    private readonly onGone: (reason: string) => void,
  ) {}

  start(expected: DeviceIdentity): void {
    this.stop();
    if (this.intervalMs <= 0) return;
    this.#active = true;
    const tick = async () => {
      const now = await deviceIdentity(this.path);
      if (!this.#active) return;
      if (now.kind === 'gone') return this.#fire(now.reason);
      if (now.id.ino !== expected.ino || now.id.rdev !== expected.rdev) return this.#fire('device path now points to another device');
      this.#timer = setTimeout(() => void tick(), this.intervalMs);
    };
    this.#timer = setTimeout(() => void tick(), this.intervalMs);
  }

  stop(): void {
    this.#active = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #fire(reason: string): void {
    this.stop();
    this.onGone(reason);
  }
}
