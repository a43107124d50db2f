import { readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { openWriter, recordedScanner, sleep, unplug, until, type Writer } from './harness';

let pty: PtyPair;
let writer: Writer | null = null;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  pty = await openPtyPair();
});

afterEach(async () => {
  if (writer) await writer.close();
  writer = null;
  for (const c of cleanups.splice(0).reverse()) await c();
  await pty.close();
});

/** A started scanner on end `a` and a writer on end `b`; both cleaned up after the test. */
async function rig(over: Parameters<typeof recordedScanner>[1] = {}) {
  const r = recordedScanner(pty.a, over);
  cleanups.push(() => r.scanner.stop());
  await r.scanner.start();
  // Usually ready at the first attempt; under parallel pty churn the first open can meet a stale lock and retry.
  await until(() => r.scanner.status === 'ready', 3000, 'scanner ready');
  writer = await openWriter(pty.b);
  return { ...r, w: writer };
}

describe('SerialScanner over a real pty', () => {
  it('delivers frames with the right text, across split writes', async () => {
    const r = await rig();
    expect(r.statuses[0]).toEqual({ s: 'connecting', d: { attempt: 1 } });
    expect(r.statuses.at(-1)).toMatchObject({ s: 'ready', d: { attempt: r.statuses.length - 1 } });
    await r.w.write('4006381333931\r');
    await r.w.write('59012');
    await sleep(20);
    await r.w.write('34123457\r');
    await r.w.write('0104012345678901\x1d10LOT7\r');
    await until(() => r.frames.length === 3, 2000, 'three frames');
    expect(r.texts()).toEqual(['4006381333931', '5901234123457', '0104012345678901\x1d10LOT7']);
    expect(r.frames[0]!.bytes).toBe(13);
    expect(r.drops).toEqual([]);
  });

  it('debounce: same code twice quickly gives one frame, after the window two, different codes both', async () => {
    let now = 10_000;
    const r = await rig({ debounceMs: 1000, clock: { now: () => now } });
    await r.w.write('1111\r');
    await r.w.write('1111\r');
    await until(() => r.frames.length + r.drops.length === 2, 2000, 'two outcomes');
    expect(r.texts()).toEqual(['1111']);
    expect(r.drops).toEqual([{ reason: 'duplicate', bytes: 4 }]);
    now += 1000;
    await r.w.write('1111\r');
    await until(() => r.frames.length === 2, 2000, 'the repeat after the window');
    await r.w.write('2222\r3333\r');
    await until(() => r.frames.length === 4, 2000, 'two different codes');
    expect(r.texts()).toEqual(['1111', '1111', '2222', '3333']);
    expect(r.frames.map((f) => f.at)).toEqual([10_000, 11_000, 11_000, 11_000]);
  });

  it('drops garbage and an over-long frame, logs a short preview, and the next good frame still arrives', async () => {
    const r = await rig({ maxFrameLength: 32, framing: { kind: 'suffix', suffix: 'CRLF' } });
    await r.w.write(Uint8Array.from([0x34, 0x30, 0x00, 0xff, 0x1b, 0x36, 0x0d, 0x0a]));
    const long = 'SECRET-LOYALTY-CARD-'.repeat(50);
    for (let i = 0; i < long.length; i += 64) await r.w.write(long.slice(i, i + 64));
    await r.w.write('\r\n4006381333931\r\n');
    await until(() => r.frames.length === 1, 2000, 'the good frame');
    expect(r.texts()).toEqual(['4006381333931']);
    expect(r.drops).toEqual([
      { reason: 'garbage', bytes: 6 },
      { reason: 'too-long', bytes: 1000 },
    ]);
    const dropLines = r.log.lines.filter((l) => l.msg === 'scanner frame dropped');
    expect(dropLines).toMatchObject([
      { level: 'warn', reason: 'garbage', bytes: 6, preview: '343000ff1b', badAt: 2 },
      { level: 'warn', reason: 'too-long', bytes: 1000 },
    ]);
    const tooLong = dropLines[1]!;
    expect(String(tooLong.preview)).toHaveLength(32);
    expect(JSON.stringify(r.log.lines)).not.toContain('SECRET-LOYALTY-CARD-SECRET');
  });

  it('a listener that throws is logged and does not stop the next frames', async () => {
    const r = await rig();
    r.scanner.on('frame', () => {
      throw new Error('subscriber bug');
    });
    await r.w.write('AAA\rBBB\r');
    await until(() => r.frames.length === 2, 2000, 'both frames');
    expect(r.log.lines.filter((l) => l.msg === 'scanner listener threw')).toHaveLength(2);
  });

  it('unplug → unavailable with backoff attempts, replug → ready and frames arrive again', async () => {
    const r = await rig();
    await r.w.write('BEFORE\r');
    await until(() => r.frames.length === 1, 2000, 'frame before unplug');
    await writer!.close();
    writer = null;
    await unplug(pty);
    await until(() => r.scanner.status === 'unavailable', 2000, 'unavailable');
    const lost = r.statuses.findLast((x) => x.s === 'unavailable' && x.d?.attempt === undefined)!;
    expect(lost.d?.error).toBeTruthy();
    expect(r.log.lines.some((l) => l.msg === 'scanner lost' && l.level === 'warn')).toBe(true);
    const failedSinceLoss = () => r.statuses.slice(r.statuses.indexOf(lost)).filter((x) => x.s === 'unavailable' && x.d?.attempt !== undefined);
    await until(() => failedSinceLoss().length >= 2, 2000, 'two failed reopen attempts');
    await pty.replug();
    await until(() => r.scanner.status === 'ready', 3000, 'ready after replug');
    const after = r.statuses.slice(r.statuses.indexOf(lost));
    const attempts = after.map((x) => x.d?.attempt).filter((a) => a !== undefined);
    expect(attempts, JSON.stringify(after)).toEqual(attempts.map((_, i) => i + 1)); // 1, 2, 3, … then ready
    expect(after.at(-1)!.s).toBe('ready');
    writer = await openWriter(pty.b);
    await writer.write('AFTER\r');
    await until(() => r.frames.length === 2, 2000, 'frame after replug');
    expect(r.texts()).toEqual(['BEFORE', 'AFTER']);
  });

  it('silence framing delivers a frame after the gap', async () => {
    const r = await rig({ framing: { kind: 'silence', gapMs: 30 } });
    await r.w.write('4006381');
    await r.w.write('333931');
    await sleep(120);
    await r.w.write('5901234123457\r\n');
    await until(() => r.frames.length === 2, 2000, 'two silence frames');
    expect(r.texts()).toEqual(['4006381333931', '5901234123457']);
  });

  it('notices an unplug that reads miss: the device path vanishes or points to another device', async () => {
    // The pty stays alive, so the open port never sees a read error; only the path watch can tell.
    const link = join(pty.dir, 'scanner');
    symlinkSync(readlinkSync(pty.a), link);
    const other = await openPtyPair();
    cleanups.push(() => other.close());
    const r = recordedScanner(link, { watchMs: 20 });
    cleanups.push(() => r.scanner.stop());
    await r.scanner.start();
    await until(() => r.scanner.status === 'ready', 3000, 'ready');
    const mark = r.statuses.length;
    rmSync(link);
    await until(() => r.scanner.status === 'unavailable', 2000, 'unavailable after the path vanished');
    expect(r.statuses[mark]).toEqual({ s: 'unavailable', d: { error: 'device path is gone' } });
    symlinkSync(readlinkSync(pty.a), link);
    await until(() => r.scanner.status === 'ready', 3000, 'ready again');
    const readyCount = r.statuses.filter((x) => x.s === 'ready').length;
    rmSync(link);
    symlinkSync(readlinkSync(other.a), link);
    await until(() => r.statuses.some((x) => x.d?.error === 'device path now points to another device'), 2000, 'replaced device noticed');
    await until(() => r.statuses.filter((x) => x.s === 'ready').length === readyCount + 1, 3000, 'ready on the new device');
    writer = await openWriter(other.b);
    await writer.write('FROM-OTHER\r');
    await until(() => r.frames.length === 1, 2000, 'frame from the new device');
    expect(r.texts()).toEqual(['FROM-OTHER']);
  });
});
