/**
 * Scanner frame latency over a real pty (socat): the time from the synchronous write of a
 * frame's last byte (the terminator) into the far end to the scanner's 'frame' event.
 *
 *   npx tsx test/bench/scanner-frame.bench.ts [frames=2000] [silenceFrames=200]
 *
 * Frames are sent one at a time (the next after the previous arrived), with distinct codes
 * so debounce never drops them. A burst run then writes all frames back to back.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SerialScanner, scannerOptionsFrom, type Framing, type ScanFrame } from '../../electron/devices/scanner';
import { createLog } from '../../electron/log';
import { openPtyPair } from '../support/pty';

const N = Number(process.argv[2] ?? 2000);
const SILENCE_N = Number(process.argv[3] ?? 200);

const code = (i: number) => String(4_000_000_000_000 + i);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(name: string, ms: number[]): void {
  const s = [...ms].sort((x, y) => x - y);
  const f = (v: number) => v.toFixed(3).padStart(8);
  console.log(`${name.padEnd(34)} n=${String(s.length).padStart(5)}  p50 ${f(pct(s, 50))} ms  p90 ${f(pct(s, 90))} ms  p99 ${f(pct(s, 99))} ms  max ${f(s.at(-1)!)} ms`);
}

async function withScanner(framing: Framing, run: (send: (bytes: Buffer) => number, next: () => Promise<ScanFrame>, frames: ScanFrame[]) => Promise<void>) {
  const pty = await openPtyPair();
  const log = createLog('bench', () => undefined);
  const scanner = new SerialScanner(scannerOptionsFrom({ path: pty.a, framing }), log);
  const frames: ScanFrame[] = [];
  let waiter: ((f: ScanFrame) => void) | null = null;
  scanner.on('frame', (f) => {
    frames.push(f);
    const w = waiter;
    waiter = null;
    w?.(f);
  });
  scanner.on('dropped', (d) => console.error('unexpected drop', d));
  await scanner.start();
  if (scanner.status !== 'ready') throw new Error(`scanner not ready: ${scanner.status}`);
  const fd = openSync(pty.b, 'r+');
  try {
    const send = (bytes: Buffer) => {
      writeSync(fd, bytes);
      return performance.now();
    };
    const next = () => new Promise<ScanFrame>((resolve) => (waiter = resolve));
    await run(send, next, frames);
  } finally {
    closeSync(fd);
    await scanner.stop();
    await pty.close();
  }
}

async function sequential(framing: Framing, n: number, name: string): Promise<void> {
  await withScanner(framing, async (send, next) => {
    const lat: number[] = [];
    const terminator = framing.kind === 'silence' ? Buffer.alloc(0) : Buffer.from(framing.suffix === 'CRLF' ? '\r\n' : '\r');
    for (let i = 0; i < n; i++) {
      const text = code(i);
      const arrived = next();
      let t0: number;
      if (terminator.length > 0) {
        send(Buffer.from(text.slice(0, 6)));
        t0 = send(Buffer.concat([Buffer.from(text.slice(6)), terminator]));
      } else {
        t0 = send(Buffer.from(text));
      }
      const f = await arrived;
      const t1 = performance.now();
      if (f.text !== text) throw new Error(`frame ${i}: got ${f.text}, want ${text}`);
      lat.push(t1 - t0);
    }
    summary(name, lat);
  });
}

async function burst(n: number): Promise<void> {
  await withScanner({ kind: 'suffix', suffix: 'CR' }, async (send, _next, frames) => {
    const all = Buffer.from(Array.from({ length: n }, (_, i) => code(i) + '\r').join(''), 'latin1');
    const start = performance.now();
    // 4 KiB writes: the pty buffer is small and writeSync would otherwise block on a full buffer.
    for (let off = 0; off < all.length; off += 4096) send(all.subarray(off, off + 4096));
    const written = performance.now();
    while (frames.length < n && performance.now() - start < 30_000) await new Promise((r) => setImmediate(r));
    const end = performance.now();
    const inOrder = frames.every((f, i) => f.text === code(i));
    console.log(
      `burst suffix CR                     n=${String(n).padStart(5)}  delivered ${frames.length}/${n}${inOrder ? ' in order' : ' OUT OF ORDER'}  ` +
        `write ${(written - start).toFixed(1)} ms  last frame after last byte ${(end - written).toFixed(1)} ms  ${(n / ((end - start) / 1000)).toFixed(0)} frames/s`,
    );
  });
}

console.log(`scanner-frame bench: node ${process.version}, ${N} suffix frames, ${SILENCE_N} silence frames`);
await sequential({ kind: 'suffix', suffix: 'CR' }, N, 'sequential suffix CR (split write)');
await sequential({ kind: 'suffix', suffix: 'CRLF' }, N, 'sequential suffix CRLF (split write)');
if (SILENCE_N > 0) await sequential({ kind: 'silence', gapMs: 30 }, SILENCE_N, 'sequential silence gap 30 ms');
await burst(N);
