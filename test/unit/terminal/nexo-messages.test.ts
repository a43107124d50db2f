/**
 * nexo Retailer message building and reading (payments/terminal/nexo/messages.ts), from the
 * Terminal API reference: headers, amounts as decimals made from cents, every response read
 * into approved / declined / unknown — and a malformed response is never an approval.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abortRequest,
  diagnosisRequest,
  fromWireAmount,
  paymentRequest,
  readDiagnosis,
  readEnvelope,
  readPaymentResponse,
  readReversalResponse,
  readTransactionStatus,
  receiptText,
  reversalRequest,
  toWireAmount,
  transactionStatusRequest,
} from '../../../electron/payments/terminal/nexo/messages';

const party = { saleId: 'K03', poiId: 'V400m-346403161' };
const REF = '6f1c2a8e-0000-4000-8000-000000000001';

function approved(over: Record<string, unknown> = {}, amount = 12.34): Record<string, unknown> {
  return {
    Response: { Result: 'Success', AdditionalResponse: 'authCode=123456&tid=1' },
    SaleData: { SaleTransactionID: { TransactionID: REF, TimeStamp: '2026-12-03T17:00:00.000Z' } },
    POIData: { POITransactionID: { TransactionID: 'oLkO001503399575001.98', TimeStamp: '2026-12-03T17:00:05.000Z' } },
    PaymentResult: {
      PaymentInstrumentData: { PaymentInstrumentType: 'Card', CardData: { PaymentBrand: 'visa', MaskedPan: '411111 **** 1111' } },
      AmountsResp: { Currency: 'EUR', AuthorizedAmount: amount },
      PaymentAcquirerData: { ApprovalCode: '654321' },
    },
    PaymentReceipt: [
      { DocumentQualifier: 'CashierReceipt', OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'MERCHANT COPY' }] } },
      { DocumentQualifier: 'CustomerReceipt', OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'key=header1&name=Mets%20Market&value=' }, { Text: 'key=totalAmount&name=TOTAL&value=EUR%2012.34' }] } },
    ],
    ...over,
  };
}

function envelope(category: string, body: unknown, header: Record<string, unknown> = {}) {
  return { SaleToPOIResponse: { MessageHeader: { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: category, MessageType: 'Response', ServiceID: 'S1', SaleID: 'K03', POIID: party.poiId, ...header }, [`${category}Response`]: body } };
}

describe('amounts at the wire', () => {
  it('cents become the exact decimal and come back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (cents) => {
        const wire = toWireAmount(cents);
        expect(JSON.parse(JSON.stringify(wire))).toBe(wire);
        expect(fromWireAmount(wire)).toBe(cents);
      }),
    );
    expect(JSON.stringify(toWireAmount(1099))).toBe('10.99');
    expect(JSON.stringify(toWireAmount(5))).toBe('0.05');
  });

  it('refuses fractions of a cent, negatives and non-integers in', () => {
    expect(fromWireAmount(10.005)).toBeNull();
    expect(fromWireAmount(-1)).toBeNull();
    expect(fromWireAmount(Number.NaN)).toBeNull();
    expect(() => toWireAmount(10.5)).toThrow(RangeError);
    expect(() => toWireAmount(-1)).toThrow(RangeError);
  });
});

describe('requests', () => {
  it('Payment: header of the reference, SaleTransactionID from the journal, amount from cents', () => {
    const m = paymentRequest({ ...party, serviceId: 'A1B2C3D4E5', transactionId: REF, at: Date.UTC(2026, 11, 3, 17), currency: 'EUR', amountCents: 1234 });
    expect(m).toEqual({
      SaleToPOIRequest: {
        MessageHeader: { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', ServiceID: 'A1B2C3D4E5', SaleID: 'K03', POIID: party.poiId },
        PaymentRequest: {
          SaleData: { SaleTransactionID: { TransactionID: REF, TimeStamp: '2026-12-03T17:00:00.000Z' } },
          PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.34 } },
        },
      },
    });
  });

  it('refuses a ServiceID longer than 10 characters, a zero amount and a bad currency', () => {
    const base = { ...party, transactionId: REF, at: 0, currency: 'EUR', amountCents: 100 };
    expect(() => paymentRequest({ ...base, serviceId: 'ABCDEFGHIJK' })).toThrow();
    expect(() => paymentRequest({ ...base, serviceId: 'S1', amountCents: 0 })).toThrow();
    expect(() => paymentRequest({ ...base, serviceId: 'S1', currency: 'eur' })).toThrow();
    expect(() => paymentRequest({ ...base, serviceId: 'S-1' })).toThrow();
  });

  it('TransactionStatus, Abort, Reversal and Diagnosis refer to the payment by its ServiceID', () => {
    const ts = transactionStatusRequest({ ...party, serviceId: 'T1', about: { category: 'Payment', serviceId: 'P1' } }).SaleToPOIRequest;
    expect(ts.MessageHeader.MessageCategory).toBe('TransactionStatus');
    expect(ts.TransactionStatusRequest).toEqual({ MessageReference: { MessageCategory: 'Payment', ServiceID: 'P1', SaleID: 'K03', POIID: party.poiId }, ReceiptReprintFlag: true, DocumentQualifier: ['CashierReceipt', 'CustomerReceipt'] });
    const ab = abortRequest({ ...party, serviceId: 'A1', paymentServiceId: 'P1' }).SaleToPOIRequest;
    expect(ab.AbortRequest).toEqual({ MessageReference: { MessageCategory: 'Payment', ServiceID: 'P1', SaleID: 'K03', POIID: party.poiId }, AbortReason: 'MerchantAbort' });
    const rv = reversalRequest({ ...party, serviceId: 'R1', original: { transactionId: 'X.1', timeStamp: '2026-12-03T17:00:05.000Z' }, amountCents: 300, refundTransactionId: 'refund-1', at: 0, reason: 'MerchantCancel' }).SaleToPOIRequest;
    expect(rv.ReversalRequest).toMatchObject({ OriginalPOITransaction: { POITransactionID: { TransactionID: 'X.1' } }, ReversalReason: 'MerchantCancel', ReversedAmount: 3 });
    expect(diagnosisRequest({ ...party, serviceId: 'D1' }).SaleToPOIRequest.DiagnosisRequest).toEqual({ HostDiagnosisFlag: true });
  });
});

describe('reading answers', () => {
  const expectP = { transactionId: REF, amountCents: 1234 };

  it('an approval carries the scheme, masked PAN, auth code, POI transaction and both receipts', () => {
    const o = readPaymentResponse(approved(), expectP);
    expect(o).toMatchObject({ kind: 'approved', amountCents: 1234, poiTransactionId: 'oLkO001503399575001.98', scheme: 'visa', maskedPan: '411111 **** 1111', authCode: '654321' });
    if (o.kind !== 'approved') throw new Error('not approved');
    expect(o.receipts.merchant).toBe('MERCHANT COPY');
    expect(o.receipts.customer).toBe('Mets Market\nTOTAL EUR 12.34');
  });

  it.each([
    ['Refusal', 'refusalReason=Not%20enough%20balance&message=NOT_ENOUGH_BALANCE', 'Refusal: Not enough balance'],
    ['WrongPIN', 'refusalReason=Invalid%20Pin', 'WrongPIN: Invalid Pin'],
    ['Cancel', 'refusalReason=card%20removed', 'Cancel: card removed'],
    ['Aborted', 'message=Transaction%20aborted', 'Aborted: Transaction aborted'],
    ['Busy', undefined, 'Busy'],
    ['UnreachableHost', 'message=HOST_UNREACHABLE', 'UnreachableHost: HOST_UNREACHABLE'],
  ])('Failure %s is a decline with the reason', (condition, add, reason) => {
    const o = readPaymentResponse({ Response: { Result: 'Failure', ErrorCondition: condition, ...(add ? { AdditionalResponse: add } : {}) } }, expectP);
    expect(o).toMatchObject({ kind: 'declined', condition, reason });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no POI transaction', { POIData: undefined }],
    ['no authorised amount', { PaymentResult: { AmountsResp: undefined } }],
    ['a result outside the enum', { Response: { Result: 'Approved' } }],
    ['an unknown ErrorCondition', { Response: { Result: 'Failure', ErrorCondition: 'Whatever' } }],
    ['a string amount', { PaymentResult: { AmountsResp: { Currency: 'EUR', AuthorizedAmount: '12.34' } } }],
    ['another sale transaction', { SaleData: { SaleTransactionID: { TransactionID: 'someone-else', TimeStamp: 'x' } } }],
    ['fractions of a cent', { PaymentResult: { AmountsResp: { Currency: 'EUR', AuthorizedAmount: 12.345 } } }],
  ])('a Success with %s is unknown, never approved', (_name, over) => {
    const body = approved(over);
    expect(readPaymentResponse(body, expectP).kind).toBe('unknown');
  });

  it('an approval of another amount (or Partial) is a mismatch that must be given back', () => {
    expect(readPaymentResponse(approved({}, 10), expectP)).toMatchObject({ kind: 'mismatch', amountCents: 1000 });
    expect(readPaymentResponse(approved({ Response: { Result: 'Partial' } }), expectP)).toMatchObject({ kind: 'mismatch', amountCents: 1234 });
  });

  it('the envelope must echo our ServiceID, SaleID, POIID and category', () => {
    const e = { category: 'Payment' as const, serviceId: 'S1', party };
    expect(readEnvelope(envelope('Payment', approved()), e).ok).toBe(true);
    expect(readEnvelope(envelope('Payment', approved(), { ServiceID: 'S2' }), e)).toMatchObject({ ok: false });
    expect(readEnvelope(envelope('Payment', approved(), { POIID: 'other' }), e)).toMatchObject({ ok: false });
    expect(readEnvelope(envelope('Reversal', approved()), e)).toMatchObject({ ok: false });
    expect(readEnvelope(envelope('Payment', approved(), { MessageType: 'Request' }), e)).toMatchObject({ ok: false });
    expect(readEnvelope({ SaleToPOIResponse: { MessageHeader: envelope('Payment', {}).SaleToPOIResponse.MessageHeader } }, e)).toMatchObject({ ok: false });
    expect(readEnvelope(null, e)).toMatchObject({ ok: false });
    expect(readEnvelope('ok', e)).toMatchObject({ ok: false });
  });

  it('TransactionStatus: InProgress asks again, NotFound never started, Success repeats the payment answer', () => {
    const about = { category: 'Payment' as const, serviceId: 'P1', party, transactionId: REF, amountCents: 1234 };
    expect(readTransactionStatus({ Response: { Result: 'Failure', ErrorCondition: 'InProgress' } }, about)).toEqual({ kind: 'in-progress' });
    expect(readTransactionStatus({ Response: { Result: 'Failure', ErrorCondition: 'NotFound' } }, about)).toEqual({ kind: 'not-found' });
    const repeated = (serviceId: string, body: unknown) => ({
      Response: { Result: 'Success' },
      RepeatedMessageResponse: { MessageHeader: envelope('Payment', {}, { ServiceID: serviceId }).SaleToPOIResponse.MessageHeader, RepeatedResponseMessageBody: { PaymentResponse: body } },
    });
    expect(readTransactionStatus(repeated('P1', approved()), about)).toMatchObject({ kind: 'approved', amountCents: 1234 });
    expect(readTransactionStatus(repeated('P1', { Response: { Result: 'Failure', ErrorCondition: 'Refusal' } }), about)).toMatchObject({ kind: 'declined', condition: 'Refusal' });
    expect(readTransactionStatus(repeated('P2', approved()), about).kind).toBe('unknown');
    expect(readTransactionStatus({ Response: { Result: 'Success' } }, about).kind).toBe('unknown');
    expect(readTransactionStatus({ Response: { Result: 'Failure', ErrorCondition: 'Busy' } }, about).kind).toBe('unknown');
  });

  it('Reversal: Success with the amount asked, Failure with a reason, anything else unknown', () => {
    expect(readReversalResponse({ Response: { Result: 'Success' }, ReversedAmount: 3, POIData: { POITransactionID: { TransactionID: 'R.1', TimeStamp: 't-ime-stamp' } } }, { amountCents: 300 })).toMatchObject({ kind: 'approved', amountCents: 300, authCode: 'R.1' });
    expect(readReversalResponse({ Response: { Result: 'Failure', ErrorCondition: 'NotAllowed', AdditionalResponse: 'message=too%20much' } }, { amountCents: 300 })).toMatchObject({ kind: 'declined', reason: 'NotAllowed: too much' });
    expect(readReversalResponse({ Response: { Result: 'Success' }, ReversedAmount: 2 }, { amountCents: 300 }).kind).toBe('unknown');
    expect(readReversalResponse({ Response: {} }, { amountCents: 300 }).kind).toBe('unknown');
  });

  it('Diagnosis: global status and host reachability', () => {
    expect(readDiagnosis({ Response: { Result: 'Success' }, POIStatus: { GlobalStatus: 'OK', CommunicationOKFlag: true }, HostStatus: [{ AcquirerID: '0', IsReachableFlag: true }] })).toEqual({ state: 'ok', hostReachable: true });
    expect(readDiagnosis({ Response: { Result: 'Success' }, POIStatus: { GlobalStatus: 'OK' }, HostStatus: [{ AcquirerID: '0', IsReachableFlag: false }] })).toMatchObject({ state: 'host-unreachable' });
    expect(readDiagnosis({ Response: { Result: 'Success' }, POIStatus: { GlobalStatus: 'Maintenance' } })).toMatchObject({ state: 'maintenance' });
    expect(readDiagnosis({ Response: { Result: 'Failure' } })).toMatchObject({ state: 'error' });
  });

  it('receipt text keeps plain lines and reads the form-encoded name/value lines', () => {
    expect(receiptText({ DocumentQualifier: 'CustomerReceipt', OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'PLAIN' }, { Text: 'key=x&name=Auth%20code&value=123' }] } })).toBe('PLAIN\nAuth code 123');
    expect(receiptText(undefined)).toBeNull();
  });
});
