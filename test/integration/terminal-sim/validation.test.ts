/** Strict validation of incoming nexo messages: MessageFormat answers, Bad JSON, duplicate ServiceID, SaleID/POIID. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../../electron/sandbox/terminal';
import { POIID, SALEID, additional, control, diagnosisRequest, header, nexo, paymentRequest, paymentResponse, sid, startSim, type Json } from './nexo';

let sim: TerminalSimulator;
afterEach(async () => {
  await sim.close();
});

function refusal(a: { json: Json }, category = 'Payment'): Json {
  return a.json.SaleToPOIResponse[`${category}Response`] as Json;
}

describe('terminal simulator: message validation', () => {
  it('answers invalid JSON with HTTP 400 "Bad JSON"', async () => {
    sim = await startSim();
    const a = await nexo(sim, '{"SaleToPOIRequest": {');
    expect(a.status).toBe(400);
    expect(a.json).toEqual([expect.stringMatching(/^Bad JSON: /)]);
  });

  it('a body without SaleToPOIRequest: Failure / MessageFormat in a PaymentResponse', async () => {
    sim = await startSim();
    const a = await nexo(sim, { Hello: 1 });
    expect(a.status).toBe(200);
    const r = refusal(a);
    expect(r.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'MessageFormat' });
    expect(additional(r).errors).toContain('SaleToPOIRequest');
  });

  it('names the missing field (Currency) in AdditionalResponse errors, and the ledger stays empty', async () => {
    sim = await startSim();
    const req = paymentRequest(5);
    delete req.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.Currency;
    const r = refusal(await nexo(sim, req));
    expect(r.Response.ErrorCondition).toBe('MessageFormat');
    expect(additional(r).errors).toBe('SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.Currency: Missing');
    expect((await control(sim, 'ledger')).json).toEqual([]);
  });

  const broken: Array<[string, (r: Json) => void, string]> = [
    ['MessageType Response', (r) => (r.SaleToPOIRequest.MessageHeader.MessageType = 'Response'), 'MessageHeader.MessageType'],
    ['no ServiceID', (r) => delete r.SaleToPOIRequest.MessageHeader.ServiceID, 'ServiceID: Missing'],
    ['a ServiceID above 10 characters', (r) => (r.SaleToPOIRequest.MessageHeader.ServiceID = '12345678901'), 'MessageHeader.ServiceID'],
    ['MessageClass Device', (r) => (r.SaleToPOIRequest.MessageHeader.MessageClass = 'Device'), 'MessageClass'],
    ['a body that does not match the category', (r) => (r.SaleToPOIRequest.MessageHeader.MessageCategory = 'Reversal'), 'ReversalRequest: Missing'],
    ['a second body', (r) => (r.SaleToPOIRequest.DiagnosisRequest = { HostDiagnosisFlag: true }), 'unexpected DiagnosisRequest'],
    ['three decimals', (r) => (r.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.RequestedAmount = 1.005), 'RequestedAmount'],
    ['a lower-case currency', (r) => (r.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.Currency = 'eur'), 'Currency'],
    ['a zero amount', (r) => (r.SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.RequestedAmount = 0), 'RequestedAmount'],
    ['no SaleTransactionID', (r) => delete r.SaleToPOIRequest.PaymentRequest.SaleData.SaleTransactionID, 'SaleTransactionID: Missing'],
    ['a TimeStamp that is not ISO', (r) => (r.SaleToPOIRequest.PaymentRequest.SaleData.SaleTransactionID.TimeStamp = 'yesterday'), 'TimeStamp'],
    ['another POIID', (r) => (r.SaleToPOIRequest.MessageHeader.POIID = 'P400-999'), 'POIID'],
  ];
  for (const [what, breakIt, mention] of broken) {
    it(`refuses ${what} with MessageFormat`, async () => {
      sim = await startSim();
      const req = paymentRequest(5);
      breakIt(req);
      const a = await nexo(sim, req);
      expect(a.status).toBe(200);
      const body = (Object.values(a.json.SaleToPOIResponse as Json).find((v: Json) => v.Response) ?? {}) as Json;
      expect(body.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'MessageFormat' });
      expect(additional(body).errors).toContain(mention);
      expect(a.json.SaleToPOIResponse.MessageHeader.MessageType).toBe('Response');
    });
  }

  it('an unsupported MessageCategory is UnavailableService', async () => {
    sim = await startSim();
    const a = await nexo(sim, { SaleToPOIRequest: { MessageHeader: header('Print'), PrintRequest: {} } });
    expect(refusal(a, 'Print').Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'UnavailableService' });
  });

  it('Diagnosis needs ProtocolVersion', async () => {
    sim = await startSim();
    const req = diagnosisRequest();
    delete req.SaleToPOIRequest.MessageHeader.ProtocolVersion;
    expect(refusal(await nexo(sim, req), 'Diagnosis').Response.ErrorCondition).toBe('MessageFormat');
  });

  it('refuses a ServiceID used before by the same SaleID (any category); another SaleID may use it', async () => {
    sim = await startSim({ auto: { outcome: 'approve', afterMs: 0 } });
    const serviceId = sid();
    expect(paymentResponse(await nexo(sim, paymentRequest(1, { serviceId }))).Response.Result).toBe('Success');
    const again = paymentResponse(await nexo(sim, paymentRequest(1, { serviceId })));
    expect(again.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'MessageFormat' });
    expect(additional(again).errors).toContain('already used');
    const diag = diagnosisRequest();
    diag.SaleToPOIRequest.MessageHeader.ServiceID = serviceId;
    expect(refusal(await nexo(sim, diag), 'Diagnosis').Response.ErrorCondition).toBe('MessageFormat');
    const other = paymentRequest(1, { serviceId });
    other.SaleToPOIRequest.MessageHeader.SaleID = 'OTHER-TILL';
    expect(paymentResponse(await nexo(sim, other)).Response.Result).toBe('Success');
    expect((await control(sim, 'ledger')).json).toHaveLength(2);
  });

  it('with saleId configured, another SaleID is refused', async () => {
    sim = await startSim({ saleId: SALEID });
    const req = paymentRequest(1);
    req.SaleToPOIRequest.MessageHeader.SaleID = 'STRANGER';
    const r = paymentResponse(await nexo(sim, req));
    expect(r.Response.ErrorCondition).toBe('MessageFormat');
    expect(additional(r).errors).toContain('SaleID');
    expect(POIID).toBe(sim.poiId);
  });

  it('answers 404 off /nexo and 405 for GET /nexo', async () => {
    sim = await startSim();
    expect((await fetch(`${sim.url}/sync`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(sim.nexoUrl)).status).toBe(405);
  });
});
