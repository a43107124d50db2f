/**
 * TransactionStatus, Abort, Reversal and Diagnosis against the simulator over raw HTTP, and the
 * recovery of a lost answer by TransactionStatus.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../../electron/sandbox/terminal';
import {
  POIID,
  SALEID,
  abortRequest,
  additional,
  control,
  diagnosisRequest,
  nexo,
  paymentRequest,
  paymentResponse,
  reversalRequest,
  sid,
  startSim,
  statusRequest,
  waitStage,
  type Json,
} from './nexo';

let sim: TerminalSimulator;
afterEach(async () => {
  await sim.close();
});

function status(a: { json: Json }): Json {
  return a.json.SaleToPOIResponse.TransactionStatusResponse as Json;
}

async function approvedPayment(amount: number): Promise<Json> {
  const pending = nexo(sim, paymentRequest(amount));
  await waitStage(sim, 'present-card');
  await control(sim, 'approve');
  return paymentResponse(await pending);
}

describe('terminal simulator: TransactionStatus', () => {
  it('InProgress while the payment runs, then Success with the original PaymentResponse repeated', async () => {
    sim = await startSim();
    const serviceId = sid();
    const pending = nexo(sim, paymentRequest(7.5, { serviceId }));
    await waitStage(sim, 'present-card');
    const running = status(await nexo(sim, statusRequest({ ServiceID: serviceId })));
    expect(running.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'InProgress' });
    await control(sim, 'approve');
    const original = await pending;
    const done = status(await nexo(sim, statusRequest({ ServiceID: serviceId })));
    expect(done.Response.Result).toBe('Success');
    expect(done.MessageReference).toEqual({ MessageCategory: 'Payment', ServiceID: serviceId, SaleID: SALEID, POIID });
    expect(done.RepeatedMessageResponse.MessageHeader).toEqual(original.json.SaleToPOIResponse.MessageHeader);
    expect(done.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse).toEqual(paymentResponse(original));
  });

  it('NotFound for an unknown ServiceID; without a reference it reports the last payment', async () => {
    sim = await startSim();
    expect(status(await nexo(sim, statusRequest({ ServiceID: 'NOPE000001' }))).Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'NotFound' });
    expect(status(await nexo(sim, statusRequest())).Response.ErrorCondition).toBe('NotFound');
    const p = await approvedPayment(1);
    const last = status(await nexo(sim, statusRequest()));
    expect(last.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.POIData).toEqual(p.POIData);
  });

  it('a lost answer after charging: the socket dies, the ledger is approved, TransactionStatus recovers it', async () => {
    sim = await startSim({ auto: { outcome: 'approve', afterMs: 10 } });
    await control(sim, 'lose-answer', {});
    const serviceId = sid();
    await expect(nexo(sim, paymentRequest(19.99, { serviceId }))).rejects.toThrow();
    const [entry] = (await control(sim, 'ledger')).json as unknown as Array<Json>;
    expect(entry).toMatchObject({ state: 'approved', authorizedCents: 1999, answerDelivered: false });
    expect((entry!.events as Json[]).map((e) => e.type)).toContain('answer-lost');
    const recovered = status(await nexo(sim, statusRequest({ ServiceID: serviceId })));
    const p = recovered.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse as Json;
    expect(p.Response.Result).toBe('Success');
    expect(p.PaymentResult.AmountsResp.AuthorizedAmount).toBe(19.99);
    expect(p.POIData.POITransactionID.TransactionID).toBe(entry!.transactionId);
    // Only one answer was lost: the next payment is answered.
    expect(paymentResponse(await nexo(sim, paymentRequest(1))).Response.Result).toBe('Success');
  });

  it('a client that gives up (its own timeout) leaves the payment running; the outcome is kept for TransactionStatus', async () => {
    sim = await startSim();
    const serviceId = sid();
    await expect(nexo(sim, paymentRequest(4, { serviceId }), AbortSignal.timeout(100))).rejects.toThrow();
    await waitStage(sim, 'present-card');
    await control(sim, 'approve');
    const done = status(await nexo(sim, statusRequest({ ServiceID: serviceId })));
    expect(done.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.Response.Result).toBe('Success');
    expect((await control(sim, 'ledger')).json[0]).toMatchObject({ state: 'approved', answerDelivered: false });
  });
});

describe('terminal simulator: Abort', () => {
  it('aborts a payment during PIN entry: the payment answers Failure / Aborted', async () => {
    sim = await startSim();
    const serviceId = sid();
    const pending = nexo(sim, paymentRequest(9, { serviceId }));
    await waitStage(sim, 'present-card');
    await control(sim, 'insert-card', {});
    await waitStage(sim, 'enter-pin');
    const abort = await nexo(sim, abortRequest(serviceId, 'MerchantAbort'));
    expect(abort.status).toBe(200);
    expect(abort.text).toBe('');
    const p = paymentResponse(await pending);
    expect(p.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Aborted' });
    expect(additional(p).abortReason).toBe('MerchantAbort');
    expect((await control(sim, 'ledger')).json[0]).toMatchObject({ state: 'aborted', authorizedCents: 0 });
    expect((await control(sim, 'state')).json.stage).toBe('done');
  });

  it('an abort for another ServiceID changes nothing', async () => {
    sim = await startSim();
    const pending = nexo(sim, paymentRequest(9));
    await waitStage(sim, 'present-card');
    expect((await nexo(sim, abortRequest('OTHER00001'))).status).toBe(200);
    expect((await control(sim, 'state')).json.stage).toBe('present-card');
    await control(sim, 'approve');
    expect(paymentResponse(await pending).Response.Result).toBe('Success');
  });
});

describe('terminal simulator: Reversal', () => {
  function reversal(a: { json: Json }): Json {
    return a.json.SaleToPOIResponse.ReversalResponse as Json;
  }

  it('reverses an approved payment (whole, or in parts up to the authorised amount)', async () => {
    sim = await startSim();
    const p = await approvedPayment(10);
    const txId = p.POIData.POITransactionID.TransactionID as string;
    const part = reversal(await nexo(sim, reversalRequest(txId, 4)));
    expect(part).toMatchObject({ Response: { Result: 'Success' }, ReversedAmount: 4, OriginalPOITransaction: { POITransactionID: { TransactionID: txId } } });
    expect(part.POIData.POITransactionID.TransactionID).not.toBe(txId);
    expect(part.PaymentReceipt[0].OutputContent.OutputText.map((t: Json) => t.Text).join('\n')).toContain('REVERSAL');
    expect((await control(sim, 'ledger')).json[0]).toMatchObject({ state: 'approved', reversedCents: 400 });
    const tooMuch = reversal(await nexo(sim, reversalRequest(txId, 6.01)));
    expect(tooMuch.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'NotAllowed' });
    const rest = reversal(await nexo(sim, reversalRequest(txId)));
    expect(rest).toMatchObject({ Response: { Result: 'Success' }, ReversedAmount: 6 });
    expect((await control(sim, 'ledger')).json[0]).toMatchObject({ state: 'reversed', reversedCents: 1000 });
    expect(reversal(await nexo(sim, reversalRequest(txId))).Response.ErrorCondition).toBe('NotAllowed');
  });

  it('NotFound for an unknown transaction; NotAllowed for a declined one', async () => {
    sim = await startSim();
    expect(reversal(await nexo(sim, reversalRequest('SIM1.00000000'))).Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'NotFound' });
    const pending = nexo(sim, paymentRequest(3));
    await waitStage(sim, 'present-card');
    await control(sim, 'decline', { reason: 'insufficient-funds' });
    const declined = paymentResponse(await pending);
    expect(reversal(await nexo(sim, reversalRequest(declined.POIData.POITransactionID.TransactionID as string))).Response.ErrorCondition).toBe('NotAllowed');
  });

  it('a reversal can be recovered by TransactionStatus (MessageCategory Reversal)', async () => {
    sim = await startSim();
    const p = await approvedPayment(2);
    const req = reversalRequest(p.POIData.POITransactionID.TransactionID as string);
    const serviceId = req.SaleToPOIRequest.MessageHeader.ServiceID as string;
    await nexo(sim, req);
    const s = status(await nexo(sim, statusRequest({ ServiceID: serviceId, MessageCategory: 'Reversal' })));
    expect(s.RepeatedMessageResponse.RepeatedResponseMessageBody.ReversalResponse.ReversedAmount).toBe(2);
  });
});

describe('terminal simulator: Diagnosis', () => {
  function diagnosis(a: { json: Json }): Json {
    return a.json.SaleToPOIResponse.DiagnosisResponse as Json;
  }

  it('reports POIStatus OK when idle, Busy during a payment, Unreachable without the host, Maintenance', async () => {
    sim = await startSim();
    const idle = diagnosis(await nexo(sim, diagnosisRequest(true)));
    expect(idle).toEqual({ Response: { Result: 'Success' }, POIStatus: { GlobalStatus: 'OK', CommunicationOKFlag: true }, HostStatus: [{ AcquirerID: '0', IsReachableFlag: true }] });
    expect(diagnosis(await nexo(sim, diagnosisRequest(false))).HostStatus).toBeUndefined();
    const pending = nexo(sim, paymentRequest(1));
    await waitStage(sim, 'present-card');
    expect(diagnosis(await nexo(sim, diagnosisRequest())).POIStatus.GlobalStatus).toBe('Busy');
    await control(sim, 'decline', { reason: 'cancelled' });
    await pending;
    await control(sim, 'host', { reachable: false });
    expect(diagnosis(await nexo(sim, diagnosisRequest())).POIStatus).toEqual({ GlobalStatus: 'Unreachable', CommunicationOKFlag: false });
    await control(sim, 'host', { reachable: true });
    await control(sim, 'maintenance', { on: true });
    expect(diagnosis(await nexo(sim, diagnosisRequest())).POIStatus.GlobalStatus).toBe('Maintenance');
    expect(paymentResponse(await nexo(sim, paymentRequest(1))).Response.ErrorCondition).toBe('Busy');
  });
});
