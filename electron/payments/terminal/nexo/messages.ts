/**
 * nexo Retailer Sale-to-POI messages in the JSON form of Adyen's Terminal API: builders for the
 * requests the kiosk sends (Payment, TransactionStatus, Abort, Reversal, Diagnosis), zod schemas
 * for every request and response, and the reading of a response into an outcome.
 *
 * Rules of this module: a response that does not pass its schema, does not echo our header, or
 * does not match the payment asked about is `unknown` — never approved. Decimals exist only here:
 * integer cents become a wire amount by exact division and come back only when they have at most
 * two decimals.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = '3.0';

export const MESSAGE_CATEGORIES = ['Payment', 'TransactionStatus', 'Abort', 'Reversal', 'Diagnosis'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];

/** ErrorCondition values of the Terminal API reference. */
export const ERROR_CONDITIONS = [
  'Aborted', 'Busy', 'Cancel', 'DeviceOut', 'InProgress', 'InsertedCard', 'InvalidCard', 'LoggedOut', 'MessageFormat',
  'NotAllowed', 'NotFound', 'PaymentRestriction', 'Refusal', 'UnavailableDevice', 'UnavailableService', 'UnreachableHost', 'WrongPIN',
] as const;
export type ErrorCondition = (typeof ERROR_CONDITIONS)[number];

// ---- money ---------------------------------------------------------------------------------

/** Integer cents → the wire's decimal amount (exact: a cent count divided by 100). */
export function toWireAmount(cents: number): number {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`amount must be whole cents ≥ 0, got ${cents}`);
  return cents / 100;
}

/** A wire amount → integer cents, or null when it is negative, not finite or has more than two decimals. */
export function fromWireAmount(x: number): number | null {
  if (!Number.isFinite(x) || x < 0) return null;
  const cents = Math.round(x * 100);
  return Math.abs(x * 100 - cents) < 1e-6 && Number.isSafeInteger(cents) ? cents : null;
}

// ---- schemas -------------------------------------------------------------------------------

const id10 = z.string().regex(/^[0-9A-Za-z]{1,10}$/, 'ServiceID: 1–10 letters or digits');
const nonEmpty = z.string().min(1);
const isoTime = z.string().min(10);

export const requestHeaderSchema = z
  .object({
    ProtocolVersion: z.literal(PROTOCOL_VERSION),
    MessageClass: z.literal('Service'),
    MessageCategory: z.enum(MESSAGE_CATEGORIES),
    MessageType: z.literal('Request'),
    ServiceID: id10,
    SaleID: nonEmpty,
    POIID: nonEmpty,
  })
  .strict();
export type RequestHeader = z.infer<typeof requestHeaderSchema>;

const messageReferenceSchema = z
  .object({ MessageCategory: z.enum(['Payment', 'Reversal']), ServiceID: id10, SaleID: nonEmpty, POIID: nonEmpty.optional() })
  .strict();

const transactionIdSchema = z.object({ TransactionID: nonEmpty, TimeStamp: isoTime });

const wireAmount = z.number().finite().min(0).max(99_999_999.99);

const paymentRequestSchema = z
  .object({
    SaleData: z.object({ SaleTransactionID: transactionIdSchema.strict() }).strict(),
    PaymentTransaction: z.object({ AmountsReq: z.object({ Currency: z.string().regex(/^[A-Z]{3}$/), RequestedAmount: wireAmount.positive() }).strict() }).strict(),
  })
  .strict();

const requestBodies = {
  Payment: z.object({ PaymentRequest: paymentRequestSchema }),
  TransactionStatus: z.object({
    TransactionStatusRequest: z.object({ MessageReference: messageReferenceSchema, ReceiptReprintFlag: z.boolean(), DocumentQualifier: z.array(z.enum(['CashierReceipt', 'CustomerReceipt'])) }).strict(),
  }),
  Abort: z.object({ AbortRequest: z.object({ MessageReference: messageReferenceSchema, AbortReason: nonEmpty }).strict() }),
  Reversal: z.object({
    ReversalRequest: z
      .object({
        OriginalPOITransaction: z.object({ POITransactionID: transactionIdSchema.strict() }).strict(),
        ReversalReason: z.enum(['CustCancel', 'MerchantCancel', 'Malfunction', 'Unable2Compl']),
        ReversedAmount: wireAmount.positive(),
        SaleData: z.object({ SaleTransactionID: transactionIdSchema.strict() }).strict(),
      })
      .strict(),
  }),
  Diagnosis: z.object({ DiagnosisRequest: z.object({ HostDiagnosisFlag: z.boolean() }).strict() }),
} satisfies Record<MessageCategory, z.ZodType>;

const responseObjectSchema = z.object({
  Result: z.enum(['Success', 'Failure', 'Partial']),
  ErrorCondition: z.enum(ERROR_CONDITIONS).optional(),
  AdditionalResponse: z.string().optional(),
});

export const responseHeaderSchema = z.object({
  ProtocolVersion: z.string().optional(),
  MessageClass: z.literal('Service'),
  MessageCategory: z.enum(MESSAGE_CATEGORIES),
  MessageType: z.literal('Response'),
  ServiceID: z.string().optional(),
  SaleID: nonEmpty,
  POIID: nonEmpty,
});
type ResponseHeader = z.infer<typeof responseHeaderSchema>;

const outputTextSchema = z.object({ Text: z.string() });
const receiptSchema = z.object({
  DocumentQualifier: z.string(),
  RequiredSignatureFlag: z.boolean().optional(),
  OutputContent: z.object({ OutputFormat: z.string(), OutputText: z.array(outputTextSchema).optional() }),
});

export const paymentResponseSchema = z.object({
  Response: responseObjectSchema,
  SaleData: z.object({ SaleTransactionID: transactionIdSchema.partial({ TimeStamp: true }) }).optional(),
  POIData: z.object({ POITransactionID: transactionIdSchema }).optional(),
  PaymentResult: z
    .object({
      PaymentInstrumentData: z
        .object({ PaymentInstrumentType: z.string().optional(), CardData: z.object({ PaymentBrand: z.string().optional(), MaskedPan: z.string().optional() }).optional() })
        .optional(),
      AmountsResp: z.object({ Currency: z.string().optional(), AuthorizedAmount: wireAmount }).optional(),
      PaymentAcquirerData: z.object({ ApprovalCode: z.string().optional() }).optional(),
    })
    .optional(),
  PaymentReceipt: z.array(receiptSchema).optional(),
});
export type PaymentResponse = z.infer<typeof paymentResponseSchema>;

export const reversalResponseSchema = z.object({
  Response: responseObjectSchema,
  POIData: z.object({ POITransactionID: transactionIdSchema }).optional(),
  ReversedAmount: wireAmount.optional(),
  PaymentReceipt: z.array(receiptSchema).optional(),
});

export const transactionStatusResponseSchema = z.object({
  Response: responseObjectSchema,
  MessageReference: z.object({ MessageCategory: z.string().optional(), ServiceID: z.string().optional(), SaleID: z.string().optional() }).optional(),
  RepeatedMessageResponse: z
    .object({
      MessageHeader: responseHeaderSchema,
      RepeatedResponseMessageBody: z.object({ PaymentResponse: z.unknown().optional(), ReversalResponse: z.unknown().optional() }),
    })
    .optional(),
});

export const diagnosisResponseSchema = z.object({
  Response: responseObjectSchema,
  POIStatus: z.object({ GlobalStatus: z.enum(['OK', 'Busy', 'Maintenance', 'Unreachable']), CommunicationOKFlag: z.boolean().optional() }).optional(),
  HostStatus: z.array(z.object({ AcquirerID: z.union([z.string(), z.number()]).optional(), IsReachableFlag: z.boolean().optional() })).optional(),
});

const responseEnvelopeSchema = z.object({ SaleToPOIResponse: z.object({ MessageHeader: responseHeaderSchema }).catchall(z.unknown()) });

// ---- requests ------------------------------------------------------------------------------

export interface Party {
  saleId: string;
  poiId: string;
}

export type SaleToPOIRequest = { SaleToPOIRequest: { MessageHeader: RequestHeader } & Record<string, unknown> };

function envelope(category: MessageCategory, serviceId: string, party: Party, body: Record<string, unknown>): SaleToPOIRequest {
  const MessageHeader = requestHeaderSchema.parse({
    ProtocolVersion: PROTOCOL_VERSION,
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    ServiceID: serviceId,
    SaleID: party.saleId,
    POIID: party.poiId,
  });
  // Every request we build is checked against its schema: a bug here never reaches the terminal.
  requestBodies[category].parse(body);
  return { SaleToPOIRequest: { MessageHeader, ...body } };
}

export function paymentRequest(p: Party & { serviceId: string; transactionId: string; at: number; currency: string; amountCents: number }): SaleToPOIRequest {
  if (p.amountCents <= 0) throw new RangeError('a payment needs a positive amount');
  return envelope('Payment', p.serviceId, p, {
    PaymentRequest: {
      SaleData: { SaleTransactionID: { TransactionID: p.transactionId, TimeStamp: new Date(p.at).toISOString() } },
      PaymentTransaction: { AmountsReq: { Currency: p.currency, RequestedAmount: toWireAmount(p.amountCents) } },
    },
  });
}

export function transactionStatusRequest(p: Party & { serviceId: string; about: { category: 'Payment' | 'Reversal'; serviceId: string } }): SaleToPOIRequest {
  return envelope('TransactionStatus', p.serviceId, p, {
    TransactionStatusRequest: {
      MessageReference: { MessageCategory: p.about.category, ServiceID: p.about.serviceId, SaleID: p.saleId, POIID: p.poiId },
      ReceiptReprintFlag: true,
      DocumentQualifier: ['CashierReceipt', 'CustomerReceipt'],
    },
  });
}

export function abortRequest(p: Party & { serviceId: string; paymentServiceId: string }): SaleToPOIRequest {
  return envelope('Abort', p.serviceId, p, {
    AbortRequest: { MessageReference: { MessageCategory: 'Payment', ServiceID: p.paymentServiceId, SaleID: p.saleId, POIID: p.poiId }, AbortReason: 'MerchantAbort' },
  });
}

export function reversalRequest(p: Party & { serviceId: string; original: { transactionId: string; timeStamp: string }; amountCents: number; refundTransactionId: string; at: number; reason: 'MerchantCancel' | 'CustCancel' }): SaleToPOIRequest {
  return envelope('Reversal', p.serviceId, p, {
    ReversalRequest: {
      OriginalPOITransaction: { POITransactionID: { TransactionID: p.original.transactionId, TimeStamp: p.original.timeStamp } },
      ReversalReason: p.reason,
      ReversedAmount: toWireAmount(p.amountCents),
      SaleData: { SaleTransactionID: { TransactionID: p.refundTransactionId, TimeStamp: new Date(p.at).toISOString() } },
    },
  });
}

export function diagnosisRequest(p: Party & { serviceId: string }): SaleToPOIRequest {
  return envelope('Diagnosis', p.serviceId, p, { DiagnosisRequest: { HostDiagnosisFlag: true } });
}

// ---- responses -----------------------------------------------------------------------------

export interface Receipts {
  merchant: string | null;
  customer: string | null;
}

/** What the terminal tells about a card payment or reversal it finished. */
export type Outcome =
  | { kind: 'approved'; amountCents: number; poiTransactionId: string; poiTimeStamp: string; scheme: string | null; maskedPan: string | null; authCode: string | null; receipts: Receipts }
  /** The terminal refused: nothing was charged. `condition` is the ErrorCondition. */
  | { kind: 'declined'; condition: ErrorCondition | 'Unknown'; reason: string; receipts: Receipts }
  /** Approved for an amount other than the one asked (or Partial): the money must go back. */
  | { kind: 'mismatch'; amountCents: number; poiTransactionId: string; poiTimeStamp: string; reason: string }
  | { kind: 'unknown'; why: string };

export type StatusOutcome = Outcome | { kind: 'in-progress' } | { kind: 'not-found' };

export interface Expect {
  category: MessageCategory;
  serviceId: string;
  party: Party;
}

type Body = { ok: true; header: ResponseHeader; body: unknown } | { ok: false; why: string };

/** The envelope: JSON shape, our header echoed, the body of the expected category present. */
export function readEnvelope(json: unknown, e: Expect): Body {
  const env = responseEnvelopeSchema.safeParse(json);
  if (!env.success) return { ok: false, why: `not a SaleToPOIResponse: ${env.error.issues[0]?.path.join('.') ?? ''} ${env.error.issues[0]?.message ?? ''}`.trim() };
  const r = env.data.SaleToPOIResponse;
  const h = r.MessageHeader;
  if (h.MessageCategory !== e.category) return { ok: false, why: `answer of category ${h.MessageCategory}, expected ${e.category}` };
  if (h.ServiceID !== undefined && h.ServiceID !== e.serviceId) return { ok: false, why: `answer for ServiceID ${h.ServiceID}, expected ${e.serviceId}` };
  if (h.SaleID !== e.party.saleId || h.POIID !== e.party.poiId) return { ok: false, why: `answer for SaleID/POIID ${h.SaleID}/${h.POIID}` };
  const body = r[`${e.category}Response`];
  if (body === undefined) return { ok: false, why: `no ${e.category}Response in the answer` };
  return { ok: true, header: h, body };
}

/** AdditionalResponse is form-encoded key=value pairs. */
export function additional(s: string | undefined): Record<string, string> {
  if (!s) return {};
  try {
    return Object.fromEntries(new URLSearchParams(s));
  } catch {
    return {};
  }
}

function declineReason(condition: string, add: Record<string, string>): string {
  const detail = add.refusalReason ?? add.message ?? add.errors ?? null;
  return detail ? `${condition}: ${detail}` : condition;
}

/** Receipt text: each OutputText line; Adyen's form-encoded `name=…&value=…` lines become "name value". */
export function receiptText(receipt: z.infer<typeof receiptSchema> | undefined): string | null {
  const lines = receipt?.OutputContent.OutputText;
  if (!lines?.length) return null;
  return lines
    .map(({ Text }) => {
      if (/^key=/.test(Text) || /(^|&)(name|value)=/.test(Text)) {
        const f = additional(Text);
        return [f.name, f.value].filter((x) => x !== undefined && x !== '').join(' ');
      }
      return Text;
    })
    .join('\n');
}

function receiptsOf(list: z.infer<typeof receiptSchema>[] | undefined): Receipts {
  return {
    merchant: receiptText(list?.find((r) => r.DocumentQualifier === 'CashierReceipt')),
    customer: receiptText(list?.find((r) => r.DocumentQualifier === 'CustomerReceipt')),
  };
}

/** Reads a PaymentResponse body for the payment of `transactionId` asking `amountCents`. */
export function readPaymentResponse(body: unknown, expect: { transactionId: string; amountCents: number }): Outcome {
  const p = paymentResponseSchema.safeParse(body);
  if (!p.success) return { kind: 'unknown', why: `PaymentResponse fails its schema at ${p.error.issues[0]?.path.join('.') ?? '?'}: ${p.error.issues[0]?.message ?? ''}` };
  const r = p.data;
  const echoed = r.SaleData?.SaleTransactionID.TransactionID;
  if (echoed !== undefined && echoed !== expect.transactionId) return { kind: 'unknown', why: `PaymentResponse for transaction ${echoed}, expected ${expect.transactionId}` };
  const add = additional(r.Response.AdditionalResponse);
  if (r.Response.Result === 'Failure') {
    return { kind: 'declined', condition: r.Response.ErrorCondition ?? 'Unknown', reason: declineReason(r.Response.ErrorCondition ?? 'Failure', add), receipts: receiptsOf(r.PaymentReceipt) };
  }
  const poi = r.POIData?.POITransactionID;
  const authorized = r.PaymentResult?.AmountsResp?.AuthorizedAmount;
  if (!poi) return { kind: 'unknown', why: `${r.Response.Result} without POIData.POITransactionID` };
  if (authorized === undefined) return { kind: 'unknown', why: `${r.Response.Result} without AmountsResp.AuthorizedAmount` };
  const cents = fromWireAmount(authorized);
  if (cents === null) return { kind: 'unknown', why: `AuthorizedAmount ${authorized} is not a whole number of cents` };
  if (r.Response.Result === 'Partial' || cents !== expect.amountCents) {
    return { kind: 'mismatch', amountCents: cents, poiTransactionId: poi.TransactionID, poiTimeStamp: poi.TimeStamp, reason: `${r.Response.Result}: authorised ${cents} cents of ${expect.amountCents}` };
  }
  const card = r.PaymentResult?.PaymentInstrumentData?.CardData;
  return {
    kind: 'approved',
    amountCents: cents,
    poiTransactionId: poi.TransactionID,
    poiTimeStamp: poi.TimeStamp,
    scheme: card?.PaymentBrand ?? null,
    maskedPan: card?.MaskedPan ?? null,
    authCode: r.PaymentResult?.PaymentAcquirerData?.ApprovalCode ?? add.authCode ?? null,
    receipts: receiptsOf(r.PaymentReceipt),
  };
}

/** Reads a ReversalResponse body for a reversal of `amountCents`. */
export function readReversalResponse(body: unknown, expect: { amountCents: number }): Outcome {
  const p = reversalResponseSchema.safeParse(body);
  if (!p.success) return { kind: 'unknown', why: `ReversalResponse fails its schema at ${p.error.issues[0]?.path.join('.') ?? '?'}: ${p.error.issues[0]?.message ?? ''}` };
  const r = p.data;
  const add = additional(r.Response.AdditionalResponse);
  if (r.Response.Result === 'Failure') {
    return { kind: 'declined', condition: r.Response.ErrorCondition ?? 'Unknown', reason: declineReason(r.Response.ErrorCondition ?? 'Failure', add), receipts: receiptsOf(r.PaymentReceipt) };
  }
  if (r.Response.Result !== 'Success') return { kind: 'unknown', why: `reversal answered ${r.Response.Result}` };
  const cents = r.ReversedAmount === undefined ? expect.amountCents : fromWireAmount(r.ReversedAmount);
  if (cents !== expect.amountCents) return { kind: 'unknown', why: `ReversedAmount ${String(r.ReversedAmount)} differs from the ${expect.amountCents} cents asked` };
  const poi = r.POIData?.POITransactionID;
  return { kind: 'approved', amountCents: cents, poiTransactionId: poi?.TransactionID ?? '', poiTimeStamp: poi?.TimeStamp ?? '', scheme: null, maskedPan: null, authCode: poi?.TransactionID ?? null, receipts: receiptsOf(r.PaymentReceipt) };
}

/**
 * Reads a TransactionStatusResponse about the payment (or reversal) sent with `about.serviceId`:
 * InProgress → ask again; NotFound → the terminal never started it; Success → the repeated
 * response, read like the original answer.
 */
export function readTransactionStatus(body: unknown, about: { category: 'Payment' | 'Reversal'; serviceId: string; party: Party; transactionId: string; amountCents: number }): StatusOutcome {
  const p = transactionStatusResponseSchema.safeParse(body);
  if (!p.success) return { kind: 'unknown', why: `TransactionStatusResponse fails its schema at ${p.error.issues[0]?.path.join('.') ?? '?'}: ${p.error.issues[0]?.message ?? ''}` };
  const r = p.data;
  if (r.Response.Result !== 'Success') {
    if (r.Response.ErrorCondition === 'InProgress') return { kind: 'in-progress' };
    if (r.Response.ErrorCondition === 'NotFound') return { kind: 'not-found' };
    return { kind: 'unknown', why: `TransactionStatus answered ${r.Response.Result} ${r.Response.ErrorCondition ?? ''}`.trim() };
  }
  const rep = r.RepeatedMessageResponse;
  if (!rep) return { kind: 'unknown', why: 'TransactionStatus Success without RepeatedMessageResponse' };
  const h = rep.MessageHeader;
  if (h.MessageCategory !== about.category || h.ServiceID !== about.serviceId || h.SaleID !== about.party.saleId) {
    return { kind: 'unknown', why: `TransactionStatus repeats ${h.MessageCategory} ${h.ServiceID ?? '?'}, asked about ${about.category} ${about.serviceId}` };
  }
  const repeated = about.category === 'Payment' ? rep.RepeatedResponseMessageBody.PaymentResponse : rep.RepeatedResponseMessageBody.ReversalResponse;
  if (repeated === undefined) return { kind: 'unknown', why: `TransactionStatus without the repeated ${about.category}Response` };
  return about.category === 'Payment' ? readPaymentResponse(repeated, about) : readReversalResponse(repeated, about);
}

export type Health = { state: 'ok' | 'busy' | 'maintenance' | 'host-unreachable'; hostReachable: boolean | null } | { state: 'error'; why: string };

export function readDiagnosis(body: unknown): Health {
  const p = diagnosisResponseSchema.safeParse(body);
  if (!p.success) return { state: 'error', why: `DiagnosisResponse fails its schema at ${p.error.issues[0]?.path.join('.') ?? '?'}` };
  const r = p.data;
  if (r.Response.Result !== 'Success' || !r.POIStatus) return { state: 'error', why: `Diagnosis answered ${r.Response.Result} ${r.Response.ErrorCondition ?? ''}`.trim() };
  const hosts = r.HostStatus ?? [];
  const hostReachable = hosts.length ? hosts.some((h) => h.IsReachableFlag === true) : null;
  const g = r.POIStatus.GlobalStatus;
  const state = g === 'OK' ? (hostReachable === false ? 'host-unreachable' : 'ok') : g === 'Busy' ? 'busy' : g === 'Maintenance' ? 'maintenance' : 'host-unreachable';
  return { state, hostReachable };
}
