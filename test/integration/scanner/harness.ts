import { rmSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { PtyPair } from '../../support/pty';
import { memoryLog } from '../../../electron/log';
import { SerialScanner, scannerOptionsFrom } from '../../../electron/devices/scanner';
import type { ScanDrop, ScanFrame, ScannerStatus, SerialScannerOptions, StatusDetail } from '../../../electron/devices/scanner';

/** The far end of the pty: plays the scanner hardware by writing bytes. */
export interface Writer {
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function openWriter(path: string): Promise<Writer> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  port.on('error', () => undefined); // errors surface through the callbacks below
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        port.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data), (err) => {
          if (err) reject(err);
          else port.drain((e) => (e ? reject(e) : resolve()));
        });
      }),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}

export async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scanner on `path` with its events recorded, fast reconnect and no debounce unless given. */
export function recordedScanner(path: string, over: Partial<SerialScannerOptions> = {}) {
  const log = memoryLog('scanner');
  const scanner = new SerialScanner(
    scannerOptionsFrom({ path, debounceMs: 0, reconnect: { initialMs: 40, maxMs: 200, factor: 2 }, ...over }),
    log,
  );
  const frames: ScanFrame[] = [];
  const drops: ScanDrop[] = [];
  const statuses: Array<{ s: ScannerStatus; d?: StatusDetail }> = [];
  scanner.on('frame', (f) => frames.push(f));
  scanner.on('dropped', (d) => drops.push(d));
  scanner.on('status', (s, d) => statuses.push(d ? { s, d } : { s }));
  return { scanner, log, frames, drops, statuses, texts: () => frames.map((f) => f.text) };
}

/**
 * Unplugs the pty and removes its links. A SIGKILLed socat leaves its symlinks dangling, and
 * once the kernel reuses that /dev/pts number for another test's pty (another worker process)
 * a retrying scanner would open the stranger's device. A real unplug removes the device node.
 */
export async function unplug(pty: PtyPair): Promise<void> {
  await pty.unplug();
  rmSync(pty.a, { force: true });
  rmSync(pty.b, { force: true });
}
