/**
 * The checkout with a nexo terminal: PaymentFlow → TerminalProvider → NexoTerminal → the terminal
 * simulator over HTTP. Card approved (receipt data kept), declined then approved, Cancel during
 * PIN entry, a lost answer shown as "checking", terminal offline at Pay, and a restarted kiosk
 * that finishes a payment approved while it was down.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalJournal } from '../../../electron/journal/terminal';
import { memoryLog } from '../../../electron/log';
import { httpPost, NexoTerminal } from '../../../electron/payments/terminal/nexo';
import { TerminalSimulator } from '../../../electron/sandbox/terminal';
import { kioskPaymentState } from '../../../electron/app/payments';
import { MILK, BREAD, startPaymentHarness } from './harness';

const POIID = 'V400m-000000042';
type H = Awaited<ReturnType<typeof startPaymentHarness>>;
let sim: TerminalSimulator | null = null;
const open: Array<{ h: H; nexo: NexoTerminal }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.nexo.stop();
    await o.h.close();
  }
  await sim?.close();
  sim = null;
});

async function kiosk(o: { file?: string; paymentTimeoutMs?: number } = {}) {
  sim ??= await TerminalSimulator.start({ poiId: POIID, saleId: 'K01' });
  const s = sim;
  let nexo!: NexoTerminal;
  const h = await startPaymentHarness({
    ...(o.file ? { file: o.file } : {}),
    cardTerminal: (db) =>
      (nexo = new NexoTerminal(
        { poiId: POIID, saleId: 'K01', currency: 'EUR', paymentTimeoutMs: o.paymentTimeoutMs ?? 5000, requestTimeoutMs: 1000, statusBackoff: { initialMs: 20, maxMs: 80 } },
        httpPost({ url: s.nexoUrl, apiKey: null, caPem: null }),
        new TerminalJournal(db),
        memoryLog('nexo'),
      )),
  });
  open.push({ h, nexo });
  return { h, nexo };
}

async function shop(h: H) {
  await h.engine.dispatch('basket/scan', { code: MILK, source: 'panel' });
  await h.engine.dispatch('basket/scan', { code: BREAD, source: 'panel' });
  expect(h.engine.view().basket.totalCents).toBe(374);
}

const atTerminal = (h: H) => h.until(() => sim!.view().stage === 'present-card', 'the terminal showing the amount');

function card(pan = '4111111111111111') {
  sim!.terminal.insertCard({ pan });
  sim!.terminal.enterPin('1234');
  sim!.terminal.approve();
}

describe('checkout with a nexo terminal', () => {
  it('card approved: the sale closes with scheme, masked PAN, auth code and the terminal receipt', async () => {
    const { h } = await kiosk();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(h);
    expect(sim!.view().amountCents).toBe(374);
    expect(h.engine.view().payment).toMatchObject({ method: 'terminal', phase: 'waiting', totalCents: 374 });
    card('5555444433331111');
    await h.until(() => h.engine.state === 'done', 'thank you');
    const rec = h.journal.recent(1)[0]!;
    expect(rec).toMatchObject({ method: 'terminal', step: 'closed', closeAmountCents: 374 });
    const p = (rec.details as { payment: Record<string, string> }).payment;
    expect(p).toMatchObject({ method: 'MC', maskedPan: '555544 **** 1111' });
    expect(p.authCode).toMatch(/^\d{6}$/);
    expect(p.slip).toContain('CARDHOLDER COPY');
    expect(sim!.ledger()).toMatchObject([{ state: 'approved', authorizedCents: 374, saleTransactionId: rec.merchantOrderId }]);
  });

  it('declined, then approved with another card: one charge', async () => {
    const { h } = await kiosk();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(h);
    sim!.terminal.decline('insufficient-funds');
    await h.until(() => h.engine.view().payment?.phase === 'failed', 'declined');
    expect(h.engine.view().payment!.error!.message).toMatch(/declined/);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(h);
    card();
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(sim!.ledger().map((e) => e.state)).toEqual(['declined', 'approved']);
    expect(h.journal.recent(2).map((r) => r.step).sort()).toEqual(['closed', 'declined']);
  });

  it('Cancel during PIN entry aborts at the terminal; nothing charged', async () => {
    const { h } = await kiosk();
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(h);
    sim!.terminal.insertCard();
    await h.engine.dispatch('checkout/cancelPayment', {});
    await h.until(() => h.engine.state === 'shopping', 'back to the basket');
    await h.until(() => sim!.ledger()[0]?.state === 'aborted', 'aborted at the terminal');
    expect(h.journal.recent(1)[0]!.step).toBe('cancelled');
  });

  it('a lost answer: the customer sees "checking", then the sale completes', async () => {
    const { h, nexo } = await kiosk({ paymentTimeoutMs: 200 });
    await shop(h);
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(h);
    await h.until(() => h.engine.view().payment?.checking === true, 'checking on screen');
    const mid = h.journal.recent(1)[0]!.merchantOrderId;
    expect(nexo.progress(mid)).toBe('checking');
    card();
    await h.until(() => h.engine.state === 'done', 'thank you');
    expect(sim!.ledger()).toHaveLength(1);
  });

  it('terminal offline at Pay: a clear failure, SWiP still offered, nothing charged', async () => {
    const { h } = await kiosk();
    await shop(h);
    await sim!.goOffline('refused');
    await h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await h.until(() => h.engine.view().payment?.phase === 'failed', 'failed');
    expect(h.journal.recent(1)[0]!.step).toBe('declined');
    await sim!.goOnline();
    expect(sim!.ledger()).toHaveLength(0);
    expect((await h.engine.dispatch('checkout/pay', { method: 'swip' })).ok).toBe(true);
  });

  it('a restarted kiosk finishes the payment approved while it was down, with its receipt data; nothing reversed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kassa-nexo-')), 'journal.db');
    const a = await kiosk({ file, paymentTimeoutMs: 300 });
    sim!.loseNextAnswers(1);
    await shop(a.h);
    await a.h.engine.dispatch('checkout/pay', { method: 'terminal' });
    await atTerminal(a.h);
    const mid = a.h.journal.recent(1)[0]!.merchantOrderId;
    // The kiosk dies while the customer pays; the terminal approves.
    a.nexo.stop();
    a.h.flow.stop();
    card();
    await a.h.until(() => sim!.ledger()[0]?.state === 'approved', 'approved at the terminal');
    const b = await kiosk({ file });
    b.h.flow.recover();
    await b.h.until(() => b.h.journal.get(mid)?.step === 'closed', 'closed on recovery');
    expect(b.h.journal.get(mid)!.details).toMatchObject({ payment: { maskedPan: '411111 **** 1111', method: 'VISA' } });
    expect(await b.nexo.reconcile((r) => kioskPaymentState(b.h.journal, r))).toBe(0);
    expect(sim!.ledger()).toMatchObject([{ state: 'approved', reversedCents: 0 }]);
  });
});
