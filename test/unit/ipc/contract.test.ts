import { describe, expect, it } from 'vitest';
import { INTENT_NAMES, parseIntent } from '../../../electron/ipc/contract';

describe('IPC contract validation', () => {
  it('accepts valid intents', () => {
    expect(parseIntent('basket/scan', { code: '4006381333931', source: 'wedge' })).toMatchObject({ ok: true, channel: 'basket/scan' });
    expect(parseIntent('session/start', {})).toMatchObject({ ok: true });
    expect(parseIntent('basket/setQuantity', { lineId: 'L3', quantity: 4 })).toMatchObject({ ok: true });
  });

  it.each<[string, unknown, RegExp]>([
    ['basket/scan', { code: '', source: 'wedge' }, /code/],
    ['basket/scan', { code: 'x'.repeat(300), source: 'wedge' }, /code/],
    ['basket/scan', { code: '123', source: 'serial' }, /source/],
    ['basket/scan', { code: '123', source: 'wedge', extra: 1 }, /extra|unrecognized/i],
    ['basket/setQuantity', { lineId: 'L1', quantity: 1.5 }, /quantity/],
    ['basket/setQuantity', { lineId: 'L1', quantity: 0 }, /quantity/],
    ['basket/setQuantity', { lineId: 'DROP TABLE', quantity: 1 }, /lineId/],
    ['session/setLanguage', { lang: 'de' }, /lang/],
    ['supervisor/pin', { pin: '12a4' }, /pin/],
    ['supervisor/refund', { merchantOrderId: 'x', amountCents: -5 }, /amountCents/],
    ['supervisor/refund', { merchantOrderId: 'x', amountCents: 10.5 }, /amountCents/],
  ])('%s rejects %j', (channel, payload, field) => {
    const r = parseIntent(channel, payload);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-intent');
      expect(r.error.message).toMatch(field);
    }
  });

  it('rejects unknown channels and non-object payloads', () => {
    expect(parseIntent('shell/exec', {})).toMatchObject({ ok: false, error: { code: 'unknown-intent' } });
    expect(parseIntent(42, {})).toMatchObject({ ok: false, error: { code: 'unknown-intent' } });
    expect(parseIntent('basket/scan', 'string')).toMatchObject({ ok: false, error: { code: 'invalid-intent' } });
    expect(parseIntent('__proto__', {})).toMatchObject({ ok: false });
  });

  it('has a schema for every intent name', () => {
    expect(INTENT_NAMES.length).toBeGreaterThan(20);
    for (const n of INTENT_NAMES) expect(n).toMatch(/^[a-z]+\/[a-zA-Z]+$/);
  });
});
