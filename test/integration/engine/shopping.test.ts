import { afterEach, describe, expect, it } from 'vitest';
import { CODES, startEngine, type EngineHarness } from './harness';

let h: EngineHarness;
afterEach(() => h?.close());
const scan = (code: string) => h.engine.dispatch('basket/scan', { code, source: 'panel' });

describe('scanning into the basket', () => {
  it('a scan on the attract screen starts a session; repeated scans merge', async () => {
    h = startEngine();
    expect(h.engine.state).toBe('attract');
    await scan(CODES.milk);
    await scan(CODES.milk);
    const v = h.engine.view();
    expect(v.state).toBe('shopping');
    expect(v.basket.lines).toMatchObject([{ name: 'Milk', measure: { kind: 'pieces', count: 2 }, totalCents: 258 }]);
  });

  it('a weight label adds its own line priced by weight', async () => {
    h = startEngine();
    await scan(CODES.apples1234);
    await scan(CODES.apples1234);
    const lines = h.engine.view().basket.lines;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ measure: { kind: 'weight', grams: 1234 }, totalCents: 307, adjustable: false });
  });

  it('an invalid barcode shows its message and changes nothing', async () => {
    h = startEngine();
    await scan(CODES.milk);
    const before = JSON.stringify(h.engine.basket);
    await scan(CODES.badCheck);
    expect(h.engine.view().notice).toMatchObject({ code: 'barcode-invalid', tone: 'error', params: { reason: 'BAD_CHECK_DIGIT' } });
    expect(JSON.stringify(h.engine.basket)).toBe(before);
  });

  it('an unknown product shows "not found", counts the miss, adds nothing', async () => {
    h = startEngine();
    await scan(CODES.unknown);
    expect(h.engine.view().notice?.code).toBe('product-not-found');
    expect(h.engine.basket.lines).toHaveLength(0);
    expect(h.engine.unknownScans).toBe(1);
  });

  it('changes quantities and removes lines; refuses a bad line id without change', async () => {
    h = startEngine();
    await scan(CODES.milk);
    await scan(CODES.bread);
    expect((await h.engine.dispatch('basket/setQuantity', { lineId: 'L1', quantity: 4 })).ok).toBe(true);
    expect((await h.engine.dispatch('basket/removeLine', { lineId: 'L2' })).ok).toBe(true);
    expect(await h.engine.dispatch('basket/removeLine', { lineId: 'L9' })).toMatchObject({ ok: false, error: { code: 'LINE_NOT_FOUND' } });
    expect(h.engine.view().basket).toMatchObject({ totalCents: 516, articleCount: 4 });
  });

  it('names follow the session language', async () => {
    h = startEngine();
    await scan(CODES.milk);
    await h.engine.dispatch('session/setLanguage', { lang: 'ru' });
    expect(h.engine.view().basket.lines[0]!.name).toBe('Milk (ru)');
  });
});

describe('inactivity', () => {
  it('asks "are you still there?", then clears the basket and returns to attract', async () => {
    h = startEngine();
    await scan(CODES.milk);
    h.clock.advance(119_000);
    h.engine.tick();
    expect(h.engine.view().idle).toBeNull();
    h.clock.advance(2_000);
    h.engine.tick();
    expect(h.engine.view().idle).toEqual({ secondsLeft: 29 });
    await h.engine.dispatch('session/activity', {});
    expect(h.engine.view().idle).toBeNull();
    h.clock.advance(150_001);
    h.engine.tick();
    expect(h.engine.view()).toMatchObject({ state: 'attract', basket: { lines: [] }, sessionId: null });
  });
});

describe('restart', () => {
  it('the basket of an open session survives a restart', async () => {
    h = startEngine();
    await scan(CODES.milk);
    await scan(CODES.bread);
    h = h.reopen();
    expect(h.engine.view()).toMatchObject({ state: 'shopping', basket: { totalCents: 374 } });
  });
});
