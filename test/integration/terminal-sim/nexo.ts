/**
 * Raw Terminal API (nexo Sale-to-POI JSON) requests for the simulator tests, written from the
 * reference (docs.adyen.com Terminal API), not from any adapter.
 */
import { TerminalSimulator, type TerminalSimulatorOptions, type TerminalView } from '../../../electron/sandbox/terminal';

export const POIID = 'V400m-346403161';
export const SALEID = 'KASSA-K03';

export type Json = Record<string, any>;

let counter = 0;
/** A fresh ServiceID (at most 10 characters). */
export function sid(): string {
  counter += 1;
  return `S${String(Date.now() % 1e5)}${String(counter).padStart(4, '0')}`.slice(0, 10);
}

export function header(category: string, serviceId = sid(), over: Json = {}): Json {
  return { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: category, MessageType: 'Request', ServiceID: serviceId, SaleID: SALEID, POIID, ...over };
}

export function paymentRequest(amount: number, opts: { serviceId?: string; currency?: string; transactionId?: string } = {}): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Payment', opts.serviceId),
      PaymentRequest: {
        SaleData: { SaleTransactionID: { TransactionID: opts.transactionId ?? `K03-${counter}`, TimeStamp: '2026-12-03T17:00:00.000Z' } },
        PaymentTransaction: { AmountsReq: { Currency: opts.currency ?? 'EUR', RequestedAmount: amount } },
      },
    },
  };
}

export function statusRequest(ref?: { ServiceID: string; MessageCategory?: string; SaleID?: string }): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('TransactionStatus'),
      TransactionStatusRequest: ref ? { MessageReference: { MessageCategory: 'Payment', SaleID: SALEID, ...ref } } : {},
    },
  };
}

export function abortRequest(serviceId: string, reason = 'MerchantAbort'): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Abort'),
      AbortRequest: { AbortReason: reason, MessageReference: { MessageCategory: 'Payment', SaleID: SALEID, ServiceID: serviceId, POIID } },
    },
  };
}

export function reversalRequest(transactionId: string, amount?: number): Json {
  return {
    SaleToPOIRequest: {
      MessageHeader: header('Reversal'),
      ReversalRequest: {
        OriginalPOITransaction: { POITransactionID: { TransactionID: transactionId, TimeStamp: '2026-12-03T17:00:00.000Z' } },
        ReversalReason: 'MerchantCancel',
        ...(amount === undefined ? {} : { ReversedAmount: amount }),
      },
    },
  };
}

export function diagnosisRequest(hostDiagnosis = true): Json {
  return { SaleToPOIRequest: { MessageHeader: header('Diagnosis'), DiagnosisRequest: { HostDiagnosisFlag: hostDiagnosis } } };
}

export interface Answer {
  status: number;
  text: string;
  json: Json;
}

/** POST /nexo with a JSON body (or raw text). */
export async function nexo(sim: TerminalSimulator, body: Json | string, signal?: AbortSignal): Promise<Answer> {
  const res = await fetch(sim.nexoUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), ...(signal ? { signal } : {}) });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Json) : {} };
}

export async function control(sim: TerminalSimulator, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sim.url}/__control/${path}`, body === undefined && (path === 'state' || path === 'ledger') ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return { status: res.status, json: (await res.json()) as Json };
}

/** Waits until the terminal shows `stage` (the payment request has arrived). */
export async function waitStage(sim: TerminalSimulator, stage: TerminalView['stage'], timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = (await control(sim, 'state')).json as TerminalView;
    if (s.stage === stage) return;
    if (Date.now() > end) throw new Error(`terminal stayed at ${s.stage}, expected ${stage}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function startSim(opts: TerminalSimulatorOptions = {}): Promise<TerminalSimulator> {
  return TerminalSimulator.start({ poiId: POIID, ...opts });
}

/** The PaymentResponse of a SaleToPOIResponse. */
export function paymentResponse(a: Answer): Json {
  return a.json.SaleToPOIResponse.PaymentResponse as Json;
}

/** AdditionalResponse as key → value. */
export function additional(r: Json): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(r.Response.AdditionalResponse ?? '')));
}
