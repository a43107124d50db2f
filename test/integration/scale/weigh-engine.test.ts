/**
 * Weighing on the kiosk scale through the engine: the real SerialScale and the NCI simulator
 * over a socat pty, wired by app/scale.ts; the basket journaled in real SQLite.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startScale, type ScalePart } from '../../../electron/app/scale';
import { configSchema } from '../../../electron/config/schema';
import { SessionJournal } from '../../../electron/journal/sessions';
import { LookupUsage } from '../../../electron/journal/lookup-usage';
import { memoryLog } from '../../../electron/log';
import { ScaleSimulator } from '../../../electron/sandbox/scale';
import { lineTotal } from '../../../electron/checkout/basket';
import { LookupIndex } from '../../../electron/catalog/lookup-index';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { CODES, PRODUCTS, startEngine, type EngineHarness } from '../engine/harness';

let h: EngineHarness | null = null;
let pty: PtyPair | null = null;
let sim: ScaleSimulator | null = null;
let part: ScalePart | null = null;

afterEach(async () => {
  await part?.close();
  await sim?.close();
  await pty?.close();
  h?.close();
  h = pty = sim = part = null;
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The harness' products, apples and bread as look-up items (apples weighed, bread by piece). */
const ITEMS = PRODUCTS.map((p) => (p.sku === 'APPLES' || p.sku === 'BREAD' ? { ...p, lookup: true } : p));
const bySku = (sku: string) => ITEMS.find((p) => p.sku === sku) ?? null;
const index = new LookupIndex(ITEMS.filter((p) => p.lookup));
const catalog = { bySku, lookupIndex: () => index };

async function setup(scale: Record<string, unknown> = {}) {
  h = startEngine();
  pty = await openPtyPair();
  sim = await ScaleSimulator.start({ path: pty.b, httpPort: null });
  const config = configSchema.parse({ scale: { kind: 'serial', path: pty.a, ...scale } });
  part = await startScale({ config, mode: 'store', engine: h.engine, catalog, log: memoryLog('scale'), dataDir: pty.dir, usage: new LookupUsage(h.db) });
  await until(() => h!.engine.devices.scale === 'ok', 3000, 'scale ok');
  return { engine: h.engine, sim, h };
}

const weigh = (sku: string) => h!.engine.dispatch('basket/weigh', { sku });

describe('basket/weigh on the kiosk scale', () => {
  it('adds the stable weight priced like a weight label, journaled with how it was weighed', async () => {
    const { engine, sim } = await setup();
    sim.control('put', { grams: 1234 });
    const r = await weigh('APPLES');
    expect(r.ok).toBe(true);
    const line = engine.view().basket.lines[0]!;
    // 1234 g × €2.49/kg = 307.266 → 307 cents, the same as the 1234 g in-store label.
    expect(line).toMatchObject({ sku: 'APPLES', measure: { kind: 'weight', grams: 1234, scale: { grossGrams: 1234, tareGrams: 0, status: 'stable' } }, totalCents: 307, adjustable: false });
    await engine.dispatch('basket/scan', { code: CODES.apples1234, source: 'panel' });
    const [weighed, labelled] = engine.basket.lines;
    expect(lineTotal(weighed!)).toBe(lineTotal(labelled!));
    expect(labelled!.measure).toEqual({ kind: 'weight', grams: 1234 });
    const journaled = new SessionJournal(h!.db).lastOpen()!;
    expect(journaled.basket.lines[0]!.measure).toEqual({ kind: 'weight', grams: 1234, scale: { grossGrams: 1234, tareGrams: 0, status: 'stable' } });
  });

  it('takes the configured container tare off before pricing', async () => {
    const { engine, sim } = await setup({ tareGrams: 34 });
    sim.control('put', { grams: 1268 });
    expect((await weigh('APPLES')).ok).toBe(true);
    expect(engine.view().basket.lines[0]).toMatchObject({ measure: { grams: 1234, scale: { grossGrams: 1268, tareGrams: 34 } }, totalCents: 307 });
  });

  it('refuses motion, an empty scale, under zero and over capacity with an instruction; nothing is added', async () => {
    const { engine, sim } = await setup();
    const cases: Array<[() => void, string]> = [
      [() => sim.control('remove', {}), 'scale-place-item'],
      [() => (sim.control('put', { grams: 900 }), sim.control('motion', { on: true })), 'scale-wait-still'],
      [() => (sim.control('motion', { on: false }), sim.control('put', { grams: -40 })), 'scale-remove-and-zero'],
      [() => sim.control('put', { grams: 20_000 }), 'scale-too-heavy'],
    ];
    for (const [act, code] of cases) {
      act();
      const r = await weigh('APPLES');
      expect(r).toMatchObject({ ok: false, error: { code } });
      expect(engine.view().notice).toMatchObject({ code, tone: 'error' });
    }
    expect(engine.view().basket.lines).toEqual([]);
    sim.control('put', { grams: 500 });
    expect((await weigh('APPLES')).ok).toBe(true);
  });

  it('an unplugged scale makes weighing unavailable with a message; scanning keeps working; replug restores it', async () => {
    const { engine } = await setup();
    await sim!.close();
    sim = null;
    await pty!.unplug();
    rmSync(pty!.a, { force: true });
    await until(() => engine.devices.scale === 'unavailable', 3000, 'scale unavailable');
    expect(engine.view().devices.scale).toBe('unavailable');
    expect(await weigh('APPLES')).toMatchObject({ ok: false, error: { code: 'scale-unavailable' } });
    expect(engine.view().notice?.code).toBe('scale-unavailable');
    expect((await engine.dispatch('basket/scan', { code: CODES.milk, source: 'panel' })).ok).toBe(true);
    expect(engine.view().basket.lines).toHaveLength(1);
    await pty!.replug();
    sim = await ScaleSimulator.start({ path: pty!.b, httpPort: null });
    await until(() => engine.devices.scale === 'ok', 8000, 'scale ok again');
    sim.control('put', { grams: 750 });
    expect((await weigh('APPLES')).ok).toBe(true);
  });

  it('refuses a piece product and an unknown sku without changing anything', async () => {
    await setup();
    expect(await weigh('MILK')).toMatchObject({ ok: false, error: { code: 'not-sold-by-weight' } });
    expect(await weigh('NOPE')).toMatchObject({ ok: false, error: { code: 'product-not-found' } });
    expect(h!.engine.state).toBe('attract');
  });

  it('without a configured scale, weighing is refused as unavailable', async () => {
    h = startEngine();
    const config = configSchema.parse({});
    part = await startScale({ config, mode: 'store', engine: h.engine, catalog, log: memoryLog('scale'), dataDir: '/nonexistent' });
    expect(h.engine.devices.scale).toBe('not-configured');
    expect(await h.engine.dispatch('basket/weigh', { sku: 'APPLES' })).toMatchObject({ ok: false, error: { code: 'scale-unavailable' } });
  });
});

describe('the Look up item picker (engine side)', () => {
  it('opens on categories, shows a category in the session language, adds pieces with a quantity, closes', async () => {
    const { engine } = await setup();
    expect((await engine.dispatch('lookup/open', {})).ok).toBe(true);
    expect(engine.view().lookup).toEqual({ categories: [{ category: 'bakery', count: 1 }, { category: 'produce', count: 1 }], category: null, query: '', items: [], top: [], scaleReady: true });
    await engine.dispatch('session/setLanguage', { lang: 'pl' });
    await engine.dispatch('lookup/category', { category: 'bakery' });
    expect(engine.view().lookup?.items).toEqual([{ sku: 'BREAD', name: 'Bread (pl)', category: 'bakery', unit: 'piece', unitPriceCents: 245, plu: null, image: null }]);
    expect(await engine.dispatch('lookup/category', { category: 'alcohol' })).toMatchObject({ ok: false, error: { code: 'unknown-category' } });
    expect((await engine.dispatch('basket/addPieces', { sku: 'BREAD', quantity: 3 })).ok).toBe(true);
    expect(engine.view().basket.lines).toMatchObject([{ sku: 'BREAD', measure: { kind: 'pieces', count: 3 }, totalCents: 735 }]);
    expect(engine.view().lookup).toBeNull();
    expect(await engine.dispatch('basket/addPieces', { sku: 'APPLES', quantity: 1 })).toMatchObject({ ok: false, error: { code: 'sold-by-weight' } });
    expect(await engine.dispatch('basket/addPieces', { sku: 'MILK', quantity: 1 })).toMatchObject({ ok: false, error: { code: 'product-not-found' } });
  });

  it('shows weighed tiles as unavailable while the scale is unplugged; the session end closes the picker', async () => {
    const { engine } = await setup();
    await engine.dispatch('lookup/open', {});
    await sim!.close();
    sim = null;
    await pty!.unplug();
    rmSync(pty!.a, { force: true });
    await until(() => engine.devices.scale === 'unavailable', 3000, 'scale unavailable');
    expect(engine.view().lookup?.scaleReady).toBe(false);
    await engine.dispatch('session/cancel', {});
    expect(engine.view().lookup).toBeNull();
  });

  it('searches by name in any language and by PLU; counts picker adds per store, most used first', async () => {
    const { engine, sim } = await setup();
    await engine.dispatch('lookup/open', {});
    const found = async (query: string) => (await engine.dispatch('lookup/search', { query }), engine.view().lookup!.items.map((i) => i.sku));
    expect(await found('bread')).toEqual(['BREAD']);
    expect(await found('bred')).toEqual(['BREAD']); // a prefix with a typo is still found once 4 letters are typed
    expect(await found('app')).toEqual(['APPLES']);
    expect(await found('zzz')).toEqual([]);
    expect(await found('')).toEqual([]);
    expect(engine.view().lookup?.top).toEqual([]);
    // Adds from the picker are counted (pieces, and a weighing on the kiosk scale); a scan is not.
    await engine.dispatch('basket/addPieces', { sku: 'BREAD', quantity: 2 });
    sim.control('put', { grams: 500 });
    await engine.dispatch('basket/weigh', { sku: 'APPLES' });
    await engine.dispatch('basket/weigh', { sku: 'APPLES' });
    await engine.dispatch('basket/scan', { code: CODES.bread, source: 'panel' });
    expect(new LookupUsage(h!.db).counts()).toEqual(new Map([['BREAD', 1], ['APPLES', 2]]));
    await engine.dispatch('lookup/open', {});
    expect(engine.view().lookup?.top.map((i) => i.sku)).toEqual(['APPLES', 'BREAD']);
    await engine.dispatch('lookup/search', { query: 'x' });
    expect(engine.view().lookup?.top).toEqual([]);
    await engine.dispatch('lookup/close', {});
    expect(await engine.dispatch('lookup/search', { query: 'bread' })).toMatchObject({ ok: false, error: { code: 'lookup-closed' } });
  });
});
