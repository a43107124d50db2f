/**
 * The terminal simulator's Payment service over real HTTP (POST /nexo), from the Terminal API
 * reference: approval with card data and receipts, each decline reason, Busy, timeout, auto mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../../electron/sandbox/terminal';
import { POIID, SALEID, additional, control, nexo, paymentRequest, paymentResponse, sid, startSim, waitStage } from './nexo';

let sim: TerminalSimulator;
afterEach(async () => {
  await sim.close();
});

describe('terminal simulator: Payment', () => {
  it('is held until the customer inserts the card, enters the PIN and the bank approves', async () => {
    sim = await startSim({ saleId: SALEID });
    const serviceId = sid();
    const pending = nexo(sim, paymentRequest(12.34, { serviceId, transactionId: 'K03-0001' }));
    await waitStage(sim, 'present-card');
    expect((await control(sim, 'state')).json).toMatchObject({ amountCents: 1234, currency: 'EUR' });
    expect((await control(sim, 'insert-card', { pan: '5555444433331111' })).status).toBe(200);
    expect((await control(sim, 'enter-pin', { pin: '1234' })).status).toBe(200);
    await waitStage(sim, 'authorising');
    expect((await control(sim, 'approve')).status).toBe(200);
    const a = await pending;
    expect(a.status).toBe(200);
    expect(a.json.SaleToPOIResponse.MessageHeader).toEqual({
      ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Response', ServiceID: serviceId, SaleID: SALEID, POIID,
    });
    const p = paymentResponse(a);
    expect(p.Response.Result).toBe('Success');
    expect(p.SaleData.SaleTransactionID).toEqual({ TransactionID: 'K03-0001', TimeStamp: '2026-12-03T17:00:00.000Z' });
    expect(p.POIData.POITransactionID.TransactionID).toMatch(/^SIM\d+\.\d{8}$/);
    expect(p.PaymentResult.PaymentInstrumentData.CardData).toMatchObject({ PaymentBrand: 'mc', MaskedPan: '555544 **** 1111' });
    expect(p.PaymentResult.AmountsResp).toEqual({ Currency: 'EUR', AuthorizedAmount: 12.34 });
    expect(p.PaymentResult.PaymentAcquirerData.ApprovalCode).toMatch(/^\d{6}$/);
    const receipts = p.PaymentReceipt as Array<{ DocumentQualifier: string; OutputContent: { OutputFormat: string; OutputText: Array<{ Text: string }> } }>;
    expect(receipts.map((r) => r.DocumentQualifier)).toEqual(['CashierReceipt', 'CustomerReceipt']);
    const customer = receipts[1]!.OutputContent.OutputText.map((t) => t.Text).join('\n');
    expect(customer).toContain('EUR 12.34');
    expect(customer).toContain('555544 **** 1111');
    expect(customer).toContain('APPROVED');

    const [entry] = (await control(sim, 'ledger')).json as unknown as Array<Record<string, unknown>>;
    expect(entry).toMatchObject({ state: 'approved', amountCents: 1234, authorizedCents: 1234, currency: 'EUR', serviceId, saleId: SALEID, answerDelivered: true, transactionId: p.POIData.POITransactionID.TransactionID });
    expect((entry!.events as Array<{ type: string }>).map((e) => e.type)).toEqual(['requested', 'card-inserted', 'pin-entered', 'approved', 'answered']);
  });

  const declines = [
    { reason: 'insufficient-funds', condition: 'Refusal', refusalReason: 'Not enough balance' },
    { reason: 'card-removed', condition: 'Cancel', refusalReason: 'card removed' },
    { reason: 'cancelled', condition: 'Cancel', refusalReason: 'Cancelled' },
  ] as const;
  for (const d of declines) {
    it(`declines with ${d.reason}: Failure / ${d.condition}, refusalReason in AdditionalResponse`, async () => {
      sim = await startSim();
      const pending = nexo(sim, paymentRequest(5));
      await waitStage(sim, 'present-card');
      await control(sim, 'insert-card', {});
      expect((await control(sim, 'decline', { reason: d.reason })).status).toBe(200);
      const p = paymentResponse(await pending);
      expect(p.Response).toMatchObject({ Result: 'Failure', ErrorCondition: d.condition });
      expect(additional(p).refusalReason).toBe(d.refusalReason);
      expect(p.PaymentResult?.AmountsResp).toBeUndefined();
      expect((await control(sim, 'ledger')).json[0]).toMatchObject({ state: 'declined', errorCondition: d.condition, refusalReason: d.refusalReason, authorizedCents: 0 });
    });
  }

  it('a wrong PIN ends the payment with WrongPIN', async () => {
    sim = await startSim({ pin: '2468' });
    const pending = nexo(sim, paymentRequest(5));
    await waitStage(sim, 'present-card');
    await control(sim, 'insert-card', {});
    await control(sim, 'enter-pin', { pin: '1234' });
    const p = paymentResponse(await pending);
    expect(p.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'WrongPIN' });
    expect(additional(p).refusalReason).toBe('Invalid Pin');
  });

  it('a second payment while one runs is answered Busy at once; the first goes on', async () => {
    sim = await startSim();
    const first = nexo(sim, paymentRequest(5));
    await waitStage(sim, 'present-card');
    const second = paymentResponse(await nexo(sim, paymentRequest(6)));
    expect(second.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Busy' });
    await control(sim, 'approve');
    expect(paymentResponse(await first).Response.Result).toBe('Success');
    expect((await control(sim, 'ledger')).json).toHaveLength(1);
  });

  it('times out after paymentTimeoutMs (Cancel), and on /__control/timeout', async () => {
    sim = await startSim({ paymentTimeoutMs: 150 });
    const p = paymentResponse(await nexo(sim, paymentRequest(5)));
    expect(p.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Cancel' });
    expect(additional(p).message).toBe('TIMEOUT');
    const again = nexo(sim, paymentRequest(5));
    await waitStage(sim, 'present-card');
    await control(sim, 'timeout');
    expect(paymentResponse(await again).Response.ErrorCondition).toBe('Cancel');
    expect(((await control(sim, 'ledger')).json as unknown as Array<{ events: Array<{ type: string }> }>).map((e) => e.events.at(-2)!.type)).toEqual(['timed-out', 'timed-out']);
  });

  it('plays the customer by itself in auto mode (approve, or a decline)', async () => {
    sim = await startSim({ auto: { outcome: 'approve', afterMs: 20 } });
    expect(paymentResponse(await nexo(sim, paymentRequest(3.5))).Response.Result).toBe('Success');
    await control(sim, 'auto', { outcome: 'insufficient-funds', afterMs: 0 });
    expect(paymentResponse(await nexo(sim, paymentRequest(3.5))).Response.ErrorCondition).toBe('Refusal');
    await control(sim, 'auto', { outcome: 'wrong-pin', afterMs: 0 });
    expect(paymentResponse(await nexo(sim, paymentRequest(3.5))).Response.ErrorCondition).toBe('WrongPIN');
  });

  it('a tap (contactless) needs no PIN; approve before any card is a tap', async () => {
    sim = await startSim();
    const pending = nexo(sim, paymentRequest(2));
    await waitStage(sim, 'present-card');
    await control(sim, 'insert-card', { contactless: true });
    await control(sim, 'approve');
    expect(paymentResponse(await pending).PaymentResult.PaymentInstrumentData.CardData.EntryMode).toEqual(['Contactless']);
  });

  it('control actions in the wrong state are refused with 409', async () => {
    sim = await startSim();
    expect((await control(sim, 'approve')).status).toBe(409);
    const pending = nexo(sim, paymentRequest(2));
    await waitStage(sim, 'present-card');
    expect((await control(sim, 'enter-pin', { pin: '1234' })).status).toBe(409);
    await control(sim, 'insert-card', {});
    expect((await control(sim, 'approve')).status).toBe(409);
    await control(sim, 'decline', { reason: 'cancelled' });
    await pending;
  });

  it('the acquirer host unreachable: the payment fails with UnreachableHost', async () => {
    sim = await startSim({ auto: { outcome: 'approve', afterMs: 0 } });
    await control(sim, 'host', { reachable: false });
    expect(paymentResponse(await nexo(sim, paymentRequest(2))).Response.ErrorCondition).toBe('UnreachableHost');
  });
});
