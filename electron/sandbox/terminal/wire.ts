/** SaleToPOIResponse builders: the header echo, Response objects, payment results and receipts. */
import type { MessageHeader } from './messages';
import { amountText, toDecimal } from './money';

export type Json = Record<string, unknown>;

export interface ResponseObject {
  Result: 'Success' | 'Failure' | 'Partial';
  ErrorCondition?: string;
  AdditionalResponse?: string;
}

/** The request header echoed with MessageType Response (Terminal API: "echoes the values … except MessageType"). */
export function responseHeader(h: Partial<MessageHeader>, category: string): Json {
  const out: Json = {};
  if (h.ProtocolVersion) out.ProtocolVersion = h.ProtocolVersion;
  out.MessageClass = h.MessageClass ?? 'Service';
  out.MessageCategory = category;
  out.MessageType = 'Response';
  if (h.ServiceID) out.ServiceID = h.ServiceID;
  if (h.DeviceID) out.DeviceID = h.DeviceID;
  if (h.SaleID) out.SaleID = h.SaleID;
  if (h.POIID) out.POIID = h.POIID;
  return out;
}

export function envelope(header: Json, category: string, body: Json): Json {
  return { SaleToPOIResponse: { MessageHeader: header, [`${category}Response`]: body } };
}

/** Form-encoded key=value pairs, as AdditionalResponse carries them. */
export function formEncode(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

export function failure(errorCondition: string, additional: Record<string, string | number | undefined>): ResponseObject {
  return { Result: 'Failure', ErrorCondition: errorCondition, AdditionalResponse: formEncode(additional) };
}

export interface CardFacts {
  brand: string;
  maskedPan: string;
  entryMode: 'ICC' | 'Contactless';
}

export interface ReceiptFacts {
  merchantName: string;
  poiId: string;
  transactionId: string;
  at: number;
  operation: 'SALE' | 'REVERSAL';
  currency: string;
  amountCents: number;
  card: CardFacts | null;
  approvalCode: string | null;
  outcome: string;
}

/** Two receipts (cashier, customer) as Text lines, each `{ Text, EndOfLineFlag }`. */
export function receipts(f: ReceiptFacts): Json[] {
  const lines = (copy: string): string[] => [
    f.merchantName,
    `Terminal ${f.poiId}`,
    new Date(f.at).toISOString().replace('T', ' ').slice(0, 19) + ' UTC',
    `${f.operation}   ${f.currency} ${amountText(f.amountCents)}`,
    ...(f.card ? [`${f.card.brand.toUpperCase()} ${f.card.maskedPan} (${f.card.entryMode})`] : []),
    ...(f.approvalCode ? [`Approval code ${f.approvalCode}`] : []),
    `Ref ${f.transactionId}`,
    f.outcome,
    copy,
    'SIMULATOR - NOT A REAL PAYMENT',
  ];
  return (['CashierReceipt', 'CustomerReceipt'] as const).map((q) => ({
    DocumentQualifier: q,
    RequiredSignatureFlag: false,
    OutputContent: {
      OutputFormat: 'Text',
      OutputText: lines(q === 'CashierReceipt' ? 'MERCHANT COPY' : 'CARDHOLDER COPY').map((t) => ({ Text: t, EndOfLineFlag: true })),
    },
  }));
}

export function poiTransactionId(transactionId: string, at: number): Json {
  return { TransactionID: transactionId, TimeStamp: new Date(at).toISOString() };
}

export function paymentInstrument(card: CardFacts): Json {
  return {
    PaymentInstrumentType: 'Card',
    CardData: { PaymentBrand: card.brand, MaskedPan: card.maskedPan, EntryMode: [card.entryMode] },
  };
}

export function amountsResp(currency: string, authorizedCents: number): Json {
  return { Currency: currency, AuthorizedAmount: toDecimal(authorizedCents) };
}
