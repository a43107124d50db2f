import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { openWriter, recordedScanner, sleep, unplug, until } from './harness';

let pty: PtyPair | null = null;

afterEach(async () => {
  await pty?.close();
  pty = null;
});

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
/** Live timers once the helpers' own short polls have run out. */
async function settledTimeouts(): Promise<number> {
  await sleep(30);
  return timeouts();
}

describe('SerialScanner start and stop', () => {
  it('starts with a missing path as unavailable, then becomes ready once the pty appears', async () => {
    pty = await openPtyPair();
    await unplug(pty);
    const r = recordedScanner(pty.a);
    try {
      await r.scanner.start();
      expect(r.scanner.status).toBe('unavailable');
      expect(r.statuses[0]).toEqual({ s: 'connecting', d: { attempt: 1 } });
      expect(r.statuses[1]).toMatchObject({ s: 'unavailable', d: { attempt: 1 } });
      expect(r.statuses[1]!.d!.error).toMatch(/no such file/i);
      await pty.replug();
      await until(() => r.scanner.status === 'ready', 3000, 'ready');
      const writer = await openWriter(pty.b);
      await writer.write('HELLO\r');
      await until(() => r.frames.length === 1, 2000, 'a frame');
      await writer.close();
      expect(r.texts()).toEqual(['HELLO']);
    } finally {
      await r.scanner.stop();
    }
  });

  it('start() resolves once and is idempotent while running', async () => {
    pty = await openPtyPair();
    const r = recordedScanner(pty.a);
    const [first, second] = [r.scanner.start(), r.scanner.start()];
    expect(second).toBe(first);
    await first;
    await until(() => r.scanner.status === 'ready', 3000, 'ready');
    await r.scanner.start();
    expect(r.statuses.filter((x) => x.s === 'ready')).toHaveLength(1);
    expect(r.statuses.filter((x) => x.s === 'connecting')).toHaveLength(1);
    await r.scanner.stop();
  });

  it('stop() closes the port, leaves no timers and emits nothing afterwards', async () => {
    pty = await openPtyPair();
    const before = await settledTimeouts();
    const r = recordedScanner(pty.a, { framing: { kind: 'silence', gapMs: 30 } });
    await r.scanner.start();
    await until(() => r.scanner.status === 'ready', 3000, 'ready');
    const writer = await openWriter(pty.b);
    await writer.write('PARTIAL'); // silence timer now pending
    await sleep(5);
    await r.scanner.stop();
    expect(timeouts()).toBeLessThanOrEqual(before); // the pending silence timer is gone at once
    expect(r.scanner.status).toBe('stopped');
    const seen = r.statuses.length + r.frames.length + r.drops.length;
    await writer.write('LATE\r');
    await sleep(100);
    expect(r.statuses.length + r.frames.length + r.drops.length).toBe(seen);
    expect(await settledTimeouts()).toBeLessThanOrEqual(before);
    // The scanner opened the tty with an exclusive lock; a new open succeeds only if it was released.
    const again = new SerialPort({ path: pty.a, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => again.open((err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve) => again.close(() => resolve()));
    await writer.close();
  });

  it('stop() while retrying cancels the backoff timer and no status follows', async () => {
    pty = await openPtyPair();
    await unplug(pty);
    const r = recordedScanner(pty.a, { reconnect: { initialMs: 30, maxMs: 60, factor: 2 } });
    await r.scanner.start();
    await until(() => r.statuses.length >= 4, 2000, 'some retries');
    await r.scanner.stop();
    expect(r.statuses.at(-1)!.s).toBe('stopped');
    const n = r.statuses.length;
    await pty.replug();
    await sleep(200);
    expect(r.statuses.length).toBe(n); // a surviving backoff timer would have reopened the port
  });

  it('stop() during an unplug leaves nothing behind, and the scanner can start again', async () => {
    pty = await openPtyPair();
    const r = recordedScanner(pty.a);
    await r.scanner.start();
    await until(() => r.scanner.status === 'ready', 3000, 'ready');
    await unplug(pty);
    await until(() => r.scanner.status === 'unavailable', 2000, 'unavailable');
    await r.scanner.stop();
    await pty.replug();
    await r.scanner.start();
    await until(() => r.scanner.status === 'ready', 3000, 'ready again');
    await r.scanner.stop();
    expect(r.scanner.status).toBe('stopped');
  });

  it('after stop() nothing keeps the process alive (a child process exits at once)', async () => {
    pty = await openPtyPair();
    const script = join(import.meta.dirname, 'stop-then-exit.script.ts');
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [script, pty.a, join(pty.dir, 'missing')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const exitedAt = Date.now();
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('statuses ready unavailable');
    const stoppedAt = Number(/stopped (\d+)/.exec(out)?.[1]);
    // A leaked 5 s backoff or silence timer would hold the process for seconds.
    expect(exitedAt - stoppedAt).toBeLessThan(3500);
  });
});
