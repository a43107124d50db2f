/**
 * Property tests over the IPC contract, through the real browser host (issue 9): random
 * frames and mutated valid messages never crash the host, always get exactly one reply, and
 * when refused never change the kiosk's state.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { parseClientFrame } from '../../../electron/host/frames';
import { INTENT_NAMES, parseIntent } from '../../../electron/ipc/contract';
import { kioskSocket } from '../../support/kiosk-ws';
import { collector, startSecureHost, stateOf, type SecureHost } from './harness';

/** One valid payload per intent (what the UI sends). */
const VALID: Record<string, unknown> = {
  'view/get': {},
  'session/start': { lang: 'en' },
  'session/setLanguage': { lang: 'et' },
  'session/activity': {},
  'session/cancel': {},
  'basket/scan': { code: '4740001000178', source: 'panel' },
  'basket/setQuantity': { lineId: 'L1', quantity: 2 },
  'basket/removeLine': { lineId: 'L1' },
  'basket/weigh': { sku: 'APPLES' },
  'basket/addPieces': { sku: 'ROLL', quantity: 3 },
  'lookup/open': {},
  'lookup/category': { category: 'bakery' },
  'lookup/search': { query: 'bułk' },
  'lookup/close': {},
  'notice/dismiss': { id: 1 },
  'assistance/call': {},
  'checkout/pay': { method: 'swip' },
  'checkout/cancelPayment': {},
  'checkout/back': {},
  'checkout/finish': {},
  'supervisor/pin': { pin: '246813' },
  'supervisor/logout': {},
  'supervisor/approveAge': {},
  'supervisor/passCheck': {},
  'supervisor/failCheck': {},
  'supervisor/voidLine': { lineId: 'L1' },
  'supervisor/setQuantity': { lineId: 'L1', quantity: 2 },
  'supervisor/cancelSession': {},
  'supervisor/reprintLast': {},
  'supervisor/refund': { merchantOrderId: 'K-1', amountCents: 100, reason: 'Goods returned' },
  'supervisor/reverse': { merchantOrderId: 'K-1', reason: 'Goods returned' },
  'supervisor/paymentAction': { merchantOrderId: 'K-1', action: 'retry', reason: 'Checked with SWiP' },
  'supervisor/resolveSmarts': { invoiceId: 'INV-1', status: 'PASSED' },
  'supervisor/resendSmarts': { invoiceId: 'INV-1' },
  'supervisor/reprintSmarts': { institutionInvoiceId: 'SM-000001' },
  'supervisor/retrySmarts': { invoiceId: 'INV-1' },
  'supervisor/openSmarts': { invoiceId: 'INV-1' },
  'supervisor/pickupStatus': { id: 'ORD-1', status: 'CONFIRMED' },
};

/** Values that break a field: wrong types, out of range, oversized, hostile strings. */
const badValue = fc.oneof(
  fc.constantFrom(null, true, -1, 0, 1e20, -1e20, 1.5, Number.MAX_SAFE_INTEGER, '', 'x'.repeat(5000), '‮evil', '\u0000', '__proto__', [], {}, { $gt: '' }),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A valid message changed in one way: a field's value, a field added or removed, the payload replaced, the channel changed. */
const mutated = fc
  .tuple(fc.constantFrom(...INTENT_NAMES), fc.nat(4), badValue, fc.string({ minLength: 1, maxLength: 12 }))
  .map(([channel, how, v, key]) => {
    const payload = { ...(VALID[channel] as Record<string, unknown>) };
    const keys = Object.keys(payload);
    let ch: unknown = channel;
    let p: unknown = payload;
    if (how === 0 && keys.length) payload[keys[0]!] = v;
    else if (how === 1) payload[key === '__proto__' ? 'proto' : key] = v;
    else if (how === 2 && keys.length) delete payload[keys[0]!];
    else if (how === 3) p = v;
    else ch = typeof v === 'string' ? `${channel}${v}` : v;
    return { channel: ch, payload: p };
  });

let h: SecureHost;
let ws: WebSocket;
let c: ReturnType<typeof collector>;
let nextId = 1;

beforeAll(async () => {
  h = await startSecureHost({ budget: { capacity: 100_000, perSecond: 100_000 } });
  ws = await kioskSocket(h.url);
  c = collector(ws);
  await new Promise<void>((res, rej) => (ws.once('open', () => res()), ws.once('error', rej)));
  await c.until(() => c.pushes.length > 0);
}, 30_000);
afterAll(async () => {
  ws?.terminate();
  await h?.close();
});

/** Sends one raw frame; resolves with the replies it got (waits a moment for any extra). */
async function exchange(frame: string): Promise<Array<(typeof c.replies)[number]>> {
  const from = c.replies.length;
  ws.send(frame);
  await c.until(() => c.replies.length > from, 5_000);
  await new Promise((r) => setTimeout(r, 2));
  return c.replies.slice(from);
}

describe('the IPC contract under random input', () => {
  it('parseClientFrame and parseIntent never throw on anything', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined')), fc.boolean(), (text, binary) => {
        const f = parseClientFrame(Buffer.from(text), binary);
        if (f.ok) parseIntent(f.channel, f.payload);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.anything(), fc.anything(), (ch, p) => void parseIntent(ch, p)), { numRuns: 2000 });
  });

  it('random frames: exactly one reply each, refused ones change nothing, the host keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null')), async (frame) => {
        const before = stateOf(h.kiosk);
        const replies = await exchange(frame);
        expect(replies).toHaveLength(1);
        const r = replies[0]!;
        // Nothing random is a valid invoke of a real channel here, so every one is refused.
        expect(r.t === 'error' || r.result?.ok === false).toBe(true);
        expect(stateOf(h.kiosk)).toEqual(before);
      }),
      { numRuns: 300 },
    );
    expect((await c.invoke('view/get')).ok).toBe(true);
  }, 120_000);

  it('mutated valid messages: one reply each; when the contract refuses, the state is unchanged', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async ({ channel, payload }) => {
        const id = nextId++;
        const before = stateOf(h.kiosk);
        const replies = await exchange(JSON.stringify({ t: 'invoke', id, channel, payload }));
        expect(replies).toHaveLength(1);
        const r = replies[0]!;
        expect(r.t).toBe('result');
        expect(r.id).toBe(id);
        expect(typeof r.result?.ok).toBe('boolean');
        const contract = parseIntent(channel, JSON.parse(JSON.stringify(payload ?? null)) as unknown);
        if (!contract.ok) {
          refused++;
          expect(r.result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(unknown-intent|invalid-intent)$/) } });
          expect(stateOf(h.kiosk)).toEqual(before);
        }
        if (r.result!.ok === false) expect(r.result!.error!.message).not.toMatch(/at .*\.ts:\d+/);
      }),
      { numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(150);
    expect((await c.invoke('view/get')).ok).toBe(true);
  }, 120_000);

  it('valid messages in random order never crash the engine: every reply is a result, the host keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...INTENT_NAMES), { minLength: 1, maxLength: 8 }), async (channels) => {
        for (const channel of channels) {
          const id = nextId++;
          const replies = await exchange(JSON.stringify({ t: 'invoke', id, channel, payload: VALID[channel] }));
          expect(replies).toHaveLength(1);
          expect(replies[0]).toMatchObject({ t: 'result', id });
          // An internal fault would be code "internal": none of these may cause one.
          if (replies[0]!.result!.ok === false) expect(replies[0]!.result!.error!.code).not.toBe('internal');
        }
      }),
      { numRuns: 40 },
    );
    expect((await c.invoke('view/get')).ok).toBe(true);
  }, 180_000);
});
