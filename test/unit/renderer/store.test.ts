import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntentResult, KassaApi } from '../../../electron/ipc/contract';
import { attachApi, kassaStore, resetKassaStore } from '../../../renderer/store';
import { FIXTURES } from '../../../renderer/fixtures';

interface Call {
  channel: string;
  payload: unknown;
}

/** Records every intent and answers with what the test queued (default ok). */
function recordingApi(answers: Array<IntentResult | Error> = []): { api: KassaApi; calls: Call[] } {
  const calls: Call[] = [];
  const api: KassaApi = {
    invoke: (channel, payload) => {
      calls.push({ channel, payload });
      const a = answers.shift() ?? { ok: true };
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    },
    on: () => () => undefined,
  };
  return { api, calls };
}

const view = (seq: number, lang: 'en' | 'et' = 'en') => ({ ...FIXTURES.basket!.view(lang), seq });
const s = () => kassaStore.getState();

beforeEach(() => resetKassaStore());
afterEach(() => resetKassaStore());

describe('view slice', () => {
  it('takes newer views and ignores older ones', () => {
    expect(s().applyView(view(5))).toBe(true);
    expect(s().applyView(view(3, 'et'))).toBe(false);
    expect(s().view?.seq).toBe(5);
    expect(s().view?.lang).toBe('en');
    expect(s().applyView(view(5, 'et'))).toBe(true);
    expect(s().applyView(view(6, 'et'))).toBe(true);
    expect(s().view?.seq).toBe(6);
  });

  it('resets to an empty store', () => {
    s().applyView(view(9));
    s().pinPress('1');
    s().setConnection('open');
    resetKassaStore();
    expect(s().view).toBeNull();
    expect(s().pinDigits).toBe('');
    expect(s().connection).toBe('connecting');
  });
});

describe('actions slice', () => {
  it('sends each intent with the contract payload', async () => {
    const { api, calls } = recordingApi();
    attachApi(api);
    await s().scan('4740000000017', 'wedge');
    await s().setQuantity('L2', 3);
    await s().removeLine('L4');
    await s().pay('terminal');
    await s().setLanguage('ru');
    await s().startSession();
    await s().startSession('pl');
    await s().dismissNotice(7);
    await s().voidLine('L1', 'Milk');
    expect(s().confirm).toEqual({ kind: 'void', lineId: 'L1', name: 'Milk' });
    await s().confirmWith('Scanned twice');
    await s().reverse('K1-1');
    expect(s().confirm).toEqual({ kind: 'reverse', orderId: 'K1-1' });
    await s().confirmWith('Goods returned');
    expect(calls).toEqual([
      { channel: 'basket/scan', payload: { code: '4740000000017', source: 'wedge' } },
      { channel: 'basket/setQuantity', payload: { lineId: 'L2', quantity: 3 } },
      { channel: 'basket/removeLine', payload: { lineId: 'L4' } },
      { channel: 'checkout/pay', payload: { method: 'terminal' } },
      { channel: 'session/setLanguage', payload: { lang: 'ru' } },
      { channel: 'session/start', payload: {} },
      { channel: 'session/start', payload: { lang: 'pl' } },
      { channel: 'notice/dismiss', payload: { id: 7 } },
      { channel: 'supervisor/voidLine', payload: { lineId: 'L1', reason: 'Scanned twice' } },
      { channel: 'supervisor/reverse', payload: { merchantOrderId: 'K1-1', reason: 'Goods returned' } },
    ]);
  });

  it('applies a view returned by an intent, unless it is older', async () => {
    s().applyView(view(10));
    const { api } = recordingApi([{ ok: true, view: view(11, 'et') }, { ok: true, view: view(4, 'en') }]);
    attachApi(api);
    await s().activity();
    expect(s().view?.lang).toBe('et');
    await s().activity();
    expect(s().view?.seq).toBe(11);
  });

  it('answers "disconnected" when the bridge rejects, and without an api', async () => {
    expect(await s().pay('swip')).toEqual({ ok: false, error: { code: 'disconnected', message: 'no api attached' } });
    const { api } = recordingApi([new Error('socket closed')]);
    attachApi(api);
    const r = await s().pay('swip');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('disconnected');
  });

  it('keys a PIN on the pad and sends it once it has 4 to 8 digits', async () => {
    const { api, calls } = recordingApi();
    attachApi(api);
    for (const d of '123') s().pinPress(d);
    expect((await s().submitPin()).ok).toBe(false);
    expect(calls).toHaveLength(0);
    s().pinPress('4');
    s().pinPress('x');
    expect(s().pinDigits).toBe('1234');
    for (const d of '567890') s().pinPress(d);
    expect(s().pinDigits).toBe('12345678');
    s().pinBackspace();
    await s().submitPin();
    expect(calls).toEqual([{ channel: 'supervisor/pin', payload: { pin: '1234567' } }]);
    expect(s().pinDigits).toBe('');
  });

  it('refunds the keyed amount as integer cents after a confirmation with a reason, and closes the entry on success', async () => {
    const { api, calls } = recordingApi([{ ok: false, error: { code: 'refund-too-large', message: 'too much' } }, { ok: true }]);
    attachApi(api);
    expect((await s().submitRefund()).ok).toBe(false);
    s().refundOpen('K1-40');
    s().refundPress('0');
    for (const d of '1299') s().refundPress(d);
    expect(s().refund).toEqual({ orderId: 'K1-40', digits: '1299' });
    await s().submitRefund();
    expect(calls).toHaveLength(0); // nothing is sent before the supervisor confirms with a reason
    expect(s().confirm).toEqual({ kind: 'refund', orderId: 'K1-40', amountCents: 1299 });
    await s().confirmWith('Goods returned');
    expect(s().refund).not.toBeNull();
    expect(s().lastError).toEqual({ channel: 'supervisor/refund', code: 'refund-too-large', message: 'too much' });
    await s().submitRefund();
    await s().confirmWith('Goods returned');
    expect(s().refund).toBeNull();
    expect(s().lastError).toBeNull();
    expect(calls.map((c) => c.payload)).toEqual([
      { merchantOrderId: 'K1-40', amountCents: 1299, reason: 'Goods returned' },
      { merchantOrderId: 'K1-40', amountCents: 1299, reason: 'Goods returned' },
    ]);
  });

  it('resolves a Smarts check with the staff edits only when there are any', async () => {
    const { api, calls } = recordingApi();
    attachApi(api);
    await s().resolveSmarts('INV-1', 'PASSED');
    s().setSmartsQuantity('INV-2', 1, 4);
    s().setSmartsQuantity('INV-2', 0, -3);
    await s().resolveSmarts('INV-2', 'FAILED_ALLOW_PAYMENT');
    expect(calls).toEqual([
      { channel: 'supervisor/resolveSmarts', payload: { invoiceId: 'INV-1', status: 'PASSED' } },
      { channel: 'supervisor/resolveSmarts', payload: { invoiceId: 'INV-2', status: 'FAILED_ALLOW_PAYMENT', products: [{ index: 0, quantity: 0 }, { index: 1, quantity: 4 }] } },
    ]);
    expect(s().smartsEdits['INV-2']).toBeUndefined();
  });

  it('closes the start-over dialog when the session is cancelled', async () => {
    const { api, calls } = recordingApi();
    attachApi(api);
    s().setConfirmStartOver(true);
    await s().cancelSession();
    expect(s().confirmStartOver).toBe(false);
    expect(calls).toEqual([{ channel: 'session/cancel', payload: {} }]);
  });
});
