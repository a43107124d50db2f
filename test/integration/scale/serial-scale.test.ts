/**
 * The scale adapter against the NCI simulator over a real socat pty: stable weight, motion,
 * under zero, over capacity, not zeroed, no answer, garbage bytes, unplug and replug.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { SerialScale, acceptWeight, scaleOptionsFrom, type ScaleDrop, type ScalePortStatus } from '../../../electron/devices/scale';
import { ScaleSimulator } from '../../../electron/sandbox/scale';
import { openPtyPair, type PtyPair } from '../../support/pty';

let pty: PtyPair | null = null;
let sim: ScaleSimulator | null = null;
let scale: SerialScale | null = null;

afterEach(async () => {
  await scale?.stop();
  await sim?.close();
  await pty?.close();
  scale = sim = pty = null;
});

async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setup(o: { startUnzeroed?: boolean } = {}) {
  pty = await openPtyPair();
  sim = await ScaleSimulator.start({ path: pty.b, httpPort: null, ...o });
  const log = memoryLog('scale');
  scale = new SerialScale(scaleOptionsFrom({ path: pty.a, responseTimeoutMs: 1500, reconnect: { initialMs: 40, maxMs: 200, factor: 2 } }), log);
  const statuses: ScalePortStatus[] = [];
  const drops: ScaleDrop[] = [];
  scale.on('status', (s) => statuses.push(s));
  scale.on('dropped', (d) => drops.push(d));
  await scale.start();
  expect(scale.status).toBe('ready');
  return { sim, scale, statuses, drops, log };
}

const rules = { minGrams: 20, maxGrams: 15_000, tareGrams: 0 };

describe('SerialScale over a pty with the NCI simulator', () => {
  it('reads a stable weight in grams and accepts it', async () => {
    const { sim, scale } = await setup();
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 0 });
    sim.control('put', { grams: 1234 });
    const r = await scale.read();
    expect(r).toEqual({ kind: 'stable', grams: 1234 });
    expect(acceptWeight(r, rules)).toEqual({ ok: true, grossGrams: 1234, netGrams: 1234 });
    expect(acceptWeight(await scale.read(), { ...rules, tareGrams: 34 })).toMatchObject({ netGrams: 1200 });
    sim.control('remove', {});
    expect(acceptWeight(await scale.read(), rules)).toMatchObject({ ok: false, refusal: 'place-item' });
  });

  it('motion is refused until the load settles', async () => {
    const { sim, scale } = await setup();
    sim.control('put', { grams: 800 });
    sim.control('motion', { on: true });
    const moving = await scale.read();
    expect(moving).toEqual({ kind: 'motion', grams: 800 });
    expect(acceptWeight(moving, rules)).toMatchObject({ ok: false, refusal: 'wait-still' });
    sim.control('motion', { on: false });
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 800 });
    sim.control('put', { grams: 500, settleMs: 400 });
    expect((await scale.read()).kind).toBe('motion');
    await until(async () => (await scale.read()).kind === 'stable', 5000, 'the load to settle');
    expect(scale.last).toEqual({ kind: 'stable', grams: 500 });
  });

  it('under zero, over capacity and not zeroed, each with its instruction; zero fixes not zeroed', async () => {
    const { sim, scale } = await setup({ startUnzeroed: true });
    const nz = await scale.read();
    expect(nz).toEqual({ kind: 'not-zeroed' });
    expect(acceptWeight(nz, rules)).toMatchObject({ refusal: 'remove-and-zero' });
    expect(await scale.zero()).toBe(true);
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 0 });
    sim.control('put', { grams: -50 });
    const under = await scale.read();
    expect(under).toEqual({ kind: 'under-zero' });
    expect(acceptWeight(under, rules)).toMatchObject({ refusal: 'remove-and-zero' });
    sim.control('put', { grams: 16_000 });
    const over = await scale.read();
    expect(over).toEqual({ kind: 'over-capacity' });
    expect(acceptWeight(over, rules)).toMatchObject({ refusal: 'too-heavy' });
  });

  it('a silent scale gives unavailable after the timeout, then answers again', async () => {
    const { sim, scale } = await setup();
    sim.control('silent', { on: true });
    const r = await scale.read();
    expect(r).toEqual({ kind: 'unavailable', error: 'no answer from the scale' });
    sim.control('silent', { on: false });
    sim.control('put', { grams: 300 });
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 300 });
  });

  it('garbage bytes and corrupted frames are dropped; the next good answer still counts', async () => {
    const { sim, scale, drops } = await setup();
    sim.control('put', { grams: 1000 });
    sim.line.faults.noiseNext = Buffer.from([0x00, 0xff, 0x41, 0x03]);
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 1000 });
    expect(drops).toContainEqual({ reason: 'garbage', bytes: 4 });
    // A corrupted answer (bad status bytes) instead of the real one, then the real one: the read waits for it.
    sim.line.faults.replaceNext = Buffer.from('\n  1.000kg\r\nZZ\r\x03', 'latin1');
    const p = scale.read();
    await until(() => drops.length >= 2, 3000, 'the corrupted frame to be dropped');
    await sim.line.send(Buffer.from(`\n  1.000kg\r\n00\r\x03`, 'latin1'));
    expect(await p).toEqual({ kind: 'stable', grams: 1000 });
    // An over-long frame.
    await sim.line.send(Buffer.concat([Buffer.from('\n'), Buffer.alloc(100, 0x31), Buffer.from('\x03')]));
    await until(() => drops.some((d) => d.reason === 'too-long'), 3000, 'a too-long drop');
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 1000 });
  });

  it('unplug makes it unavailable at once; replug reconnects and reads again', async () => {
    const { scale, statuses } = await setup();
    await sim!.close();
    await pty!.unplug();
    rmSync(pty!.a, { force: true });
    await until(() => scale.status === 'unavailable', 3000, 'unavailable');
    expect(await scale.read()).toEqual({ kind: 'unavailable', error: 'scale not connected' });
    expect(scale.last.kind).toBe('unavailable');
    await pty!.replug();
    sim = await ScaleSimulator.start({ path: pty!.b, httpPort: null });
    await until(() => scale.status === 'ready', 5000, 'ready again');
    sim.control('put', { grams: 2500 });
    expect(await scale.read()).toEqual({ kind: 'stable', grams: 2500 });
    expect(statuses).toEqual(['connecting', 'ready', 'unavailable', ...statuses.slice(3, -1).map(() => 'unavailable'), 'ready']);
  });
});

describe('the simulator control page', () => {
  it('serves the page and the control API on loopback', async () => {
    pty = await openPtyPair();
    sim = await ScaleSimulator.start({ path: pty.b, httpPort: 0 });
    const base = sim.url!;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(base)).text()).toContain('Scale simulator');
    const put = await fetch(`${base}__control/put`, { method: 'POST', body: JSON.stringify({ grams: 1234 }) });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { state: { display: string } }).state.display).toBe('  1.234kg');
    expect((await fetch(`${base}__control/put`, { method: 'POST', body: '{"grams":"x"}' })).status).toBe(400);
    expect((await fetch(`${base}__control/nope`, { method: 'POST' })).status).toBe(400);
  });
});
