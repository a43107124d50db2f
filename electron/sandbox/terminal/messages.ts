/**
 * The nexo Sale-to-POI request envelope as the simulator accepts it (Terminal API JSON), with
 * strict validation: a request that breaks it is answered Result Failure / MessageFormat and
 * an `errors=` AdditionalResponse naming the field.
 */
import { z } from 'zod';

export const CATEGORIES = ['Payment', 'TransactionStatus', 'Abort', 'Reversal', 'Diagnosis'] as const;
export type Category = (typeof CATEGORIES)[number];

const text = z.string().min(1);
/** nexo ServiceID: 1 to 10 characters. */
const serviceId = z.string().min(1).max(10);
const isoTime = z.iso.datetime({ offset: true });

export const messageHeader = z.object({
  ProtocolVersion: z.literal('3.0').optional(),
  MessageClass: z.enum(['Service', 'Device', 'Event']),
  MessageCategory: text,
  MessageType: z.literal('Request'),
  ServiceID: serviceId.optional(),
  DeviceID: z.string().optional(),
  SaleID: text,
  POIID: text,
});
export type MessageHeader = z.output<typeof messageHeader>;

const transactionId = z.object({ TransactionID: text, TimeStamp: isoTime });

export const paymentRequest = z.object({
  SaleData: z.object({
    SaleTransactionID: transactionId,
    SaleReferenceID: z.string().optional(),
    SaleToAcquirerData: z.string().optional(),
    OperatorID: z.string().optional(),
  }).loose(),
  PaymentTransaction: z.object({
    AmountsReq: z.object({
      Currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
      RequestedAmount: z.number().positive(),
    }).loose(),
  }).loose(),
  PaymentData: z.object({ PaymentType: z.enum(['Normal', 'Refund']).optional() }).loose().optional(),
}).loose();
export type PaymentRequest = z.output<typeof paymentRequest>;

export const messageReference = z.object({
  MessageCategory: z.enum(['Payment', 'Reversal']).optional(),
  ServiceID: serviceId.optional(),
  DeviceID: z.string().optional(),
  SaleID: text.optional(),
  POIID: text.optional(),
});

export const transactionStatusRequest = z.object({
  MessageReference: messageReference.optional(),
  DocumentQualifier: z.array(z.string()).optional(),
  ReceiptReprintFlag: z.boolean().optional(),
});

export const abortRequest = z.object({
  MessageReference: messageReference.extend({ MessageCategory: z.enum(['Payment', 'Reversal', 'CardAcquisition', 'Input']) }).required({ ServiceID: true }),
  AbortReason: text,
  DisplayOutput: z.unknown().optional(),
});

export const reversalRequest = z.object({
  OriginalPOITransaction: z.object({
    POITransactionID: transactionId.partial({ TimeStamp: true }),
    SaleID: z.string().optional(),
    POIID: z.string().optional(),
  }).loose(),
  ReversalReason: z.enum(['CustCancel', 'MerchantCancel', 'Malfunction', 'Unable2Compl']),
  ReversedAmount: z.number().positive().optional(),
  SaleData: z.object({ SaleTransactionID: transactionId }).loose().optional(),
}).loose();

export const diagnosisRequest = z.object({
  POIID: z.string().optional(),
  HostDiagnosisFlag: z.boolean(),
  AcquirerID: z.array(z.union([z.number(), z.string()])).optional(),
});

export const BODY_SCHEMAS = {
  Payment: paymentRequest,
  TransactionStatus: transactionStatusRequest,
  Abort: abortRequest,
  Reversal: reversalRequest,
  Diagnosis: diagnosisRequest,
} satisfies Record<Category, z.ZodType>;

export type ParsedRequest =
  | { ok: true; header: MessageHeader; category: Category; body: unknown }
  /** A refusal to answer with Failure; `header` is what could be read of it (for the echo). */
  | { ok: false; header: Partial<MessageHeader>; category: string | null; errorCondition: 'MessageFormat' | 'UnavailableService'; errors: string };

/** Reads a SaleToPOIRequest; every problem becomes a MessageFormat (or UnavailableService) refusal. */
export function parseRequest(json: unknown): ParsedRequest {
  const root = z.object({ SaleToPOIRequest: z.record(z.string(), z.unknown()) }).safeParse(json);
  if (!root.success) return { ok: false, header: {}, category: null, errorCondition: 'MessageFormat', errors: 'SaleToPOIRequest: Missing' };
  const envelope = root.data.SaleToPOIRequest;
  const rawHeader = envelope.MessageHeader;
  const looseHeader = z.record(z.string(), z.unknown()).safeParse(rawHeader);
  const echo = looseHeader.success ? pickHeader(looseHeader.data) : {};
  const h = messageHeader.safeParse(rawHeader);
  if (!h.success) return { ok: false, header: echo, category: echo.MessageCategory ?? null, errorCondition: 'MessageFormat', errors: issuesText('SaleToPOIRequest.MessageHeader', h.error) };
  const header = h.data;
  // A SecurityTrailer (encrypted local integrations) is not a request body; it is ignored.
  const bodies = Object.keys(envelope).filter((k) => k !== 'MessageHeader' && k !== 'SecurityTrailer');
  if (!(CATEGORIES as readonly string[]).includes(header.MessageCategory)) {
    return { ok: false, header, category: header.MessageCategory, errorCondition: 'UnavailableService', errors: `MessageCategory ${header.MessageCategory}: not supported by this terminal` };
  }
  const category = header.MessageCategory as Category;
  const refuse = (errors: string): ParsedRequest => ({ ok: false, header, category, errorCondition: 'MessageFormat', errors });
  if (header.MessageClass !== 'Service') return refuse(`SaleToPOIRequest.MessageHeader.MessageClass: must be Service for ${category}`);
  if (!header.ServiceID) return refuse('SaleToPOIRequest.MessageHeader.ServiceID: Missing');
  if (category === 'Diagnosis' && !header.ProtocolVersion) return refuse('SaleToPOIRequest.MessageHeader.ProtocolVersion: Missing');
  const expected = `${category}Request`;
  if (bodies.length !== 1 || bodies[0] !== expected) {
    return refuse(bodies.includes(expected) ? `SaleToPOIRequest: unexpected ${bodies.filter((b) => b !== expected).join(', ')}` : `SaleToPOIRequest.${expected}: Missing`);
  }
  const b = BODY_SCHEMAS[category].safeParse(envelope[expected]);
  if (!b.success) return refuse(issuesText(`SaleToPOIRequest.${expected}`, b.error));
  return { ok: true, header, category, body: b.data };
}

function pickHeader(h: Record<string, unknown>): Partial<MessageHeader> {
  const out: Record<string, string> = {};
  for (const k of ['ProtocolVersion', 'MessageClass', 'MessageCategory', 'ServiceID', 'DeviceID', 'SaleID', 'POIID']) {
    const v = h[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out as Partial<MessageHeader>;
}

function issuesText(prefix: string, e: z.ZodError): string {
  return e.issues
    .map((i) => {
      const path = [prefix, ...i.path.map(String)].join('.');
      const missing = i.code === 'invalid_type' && /received undefined/.test(i.message);
      return `${path}: ${missing ? 'Missing' : i.message}`;
    })
    .join('; ');
}
