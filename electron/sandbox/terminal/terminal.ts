/**
 * The simulated card terminal: one payment at a time, the customer's steps (card, PIN, the
 * issuer's answer), its own ledger, and the answers to Payment, TransactionStatus, Abort,
 * Reversal and Diagnosis. The HTTP side (delays, lost answers, going offline) is server.ts.
 */
import { randomInt } from 'node:crypto';
import type { MessageHeader, PaymentRequest } from './messages';
import { toCents, toDecimal } from './money';
import {
  amountsResp,
  envelope,
  failure,
  paymentInstrument,
  poiTransactionId,
  receipts,
  responseHeader,
  type CardFacts,
  type Json,
  type ResponseObject,
} from './wire';
import type { AutoAct, DeclineReason, LedgerEntry, LedgerEventType, SimClock, Stage, TerminalView } from './types';

/** A control action the terminal cannot do in its current state (→ 409 on the control API). */
export class TerminalStateError extends Error {
  readonly kind = 'TerminalStateError';
}

interface Running {
  entry: LedgerEntry;
  header: MessageHeader;
  request: PaymentRequest;
  stage: Exclude<Stage, 'idle' | 'done'>;
  card: CardFacts | null;
  /** Hands the final SaleToPOIResponse to the held HTTP request. */
  finish(response: Json): void;
  timers: NodeJS.Timeout[];
}

interface Finished {
  category: 'Payment' | 'Reversal';
  header: Json;
  body: Json;
}

export interface TerminalConfig {
  poiId: string;
  pin: string;
  paymentTimeoutMs: number;
  merchantName: string;
  clock: SimClock;
  auto: AutoAct | null;
}

/** Decline reason → nexo ErrorCondition and the AdditionalResponse refusalReason / message. */
const DECLINES: Record<DeclineReason | 'timeout', { condition: string; refusalReason: string; message: string }> = {
  'insufficient-funds': { condition: 'Refusal', refusalReason: 'Not enough balance', message: 'NOT_ENOUGH_BALANCE' },
  'card-removed': { condition: 'Cancel', refusalReason: 'card removed', message: 'CANCELLED' },
  'wrong-pin': { condition: 'WrongPIN', refusalReason: 'Invalid Pin', message: 'INVALID_PIN' },
  cancelled: { condition: 'Cancel', refusalReason: 'Cancelled', message: 'CANCELLED' },
  timeout: { condition: 'Cancel', refusalReason: 'Transaction timed out', message: 'TIMEOUT' },
};

const DEFAULT_CARD = '4111111111111111';

export class Terminal {
  private running: Running | null = null;
  private readonly entries: LedgerEntry[] = [];
  private readonly finished = new Map<string, Finished>();
  private lastPaymentKey: string | null = null;
  private lastResult: TerminalView['lastResult'] = null;
  maintenance = false;
  hostReachable = true;
  auto: AutoAct | null;

  constructor(private readonly cfg: TerminalConfig) {
    this.auto = cfg.auto;
  }

  // ---- Payment -------------------------------------------------------------------------

  /** Starts a payment and resolves with its final answer; Busy / MessageFormat answers resolve at once. */
  payment(header: MessageHeader, req: PaymentRequest): { answer: Promise<Json>; entry: LedgerEntry | null } {
    const reply = (r: ResponseObject): { answer: Promise<Json>; entry: null } => ({
      answer: Promise.resolve(envelope(responseHeader(header, 'Payment'), 'Payment', { Response: r, SaleData: { SaleTransactionID: req.SaleData.SaleTransactionID } })),
      entry: null,
    });
    const amountCents = toCents(req.PaymentTransaction.AmountsReq.RequestedAmount);
    if (amountCents === undefined) {
      return reply(failure('MessageFormat', { errors: 'SaleToPOIRequest.PaymentRequest.PaymentTransaction.AmountsReq.RequestedAmount: at most 2 decimals' }));
    }
    if (req.PaymentData?.PaymentType === 'Refund') {
      return reply(failure('NotAllowed', { message: 'Unreferenced refunds are not supported by this terminal; use a ReversalRequest' }));
    }
    if (this.maintenance) return reply(failure('Busy', { message: 'Terminal is in maintenance' }));
    if (this.running) return reply(failure('Busy', { message: `A payment (ServiceID ${this.running.header.ServiceID ?? ''}) is in progress` }));

    const now = this.cfg.clock.now();
    const entry: LedgerEntry = {
      transactionId: newTransactionId(now),
      saleId: header.SaleID,
      serviceId: header.ServiceID ?? '',
      saleTransactionId: req.SaleData.SaleTransactionID.TransactionID,
      currency: req.PaymentTransaction.AmountsReq.Currency,
      amountCents,
      authorizedCents: 0,
      reversedCents: 0,
      state: 'in-progress',
      errorCondition: null,
      refusalReason: null,
      answerDelivered: false,
      createdAt: now,
      endedAt: null,
      events: [{ type: 'requested', at: now, amountCents }],
    };
    this.entries.push(entry);
    this.lastPaymentKey = key(header.SaleID, 'Payment', entry.serviceId);
    let finish!: (r: Json) => void;
    const answer = new Promise<Json>((resolve) => {
      finish = resolve;
    });
    const run: Running = { entry, header, request: req, stage: 'present-card', card: null, finish, timers: [] };
    this.running = run;
    run.timers.push(setTimeout(() => this.running === run && this.end('timeout'), this.cfg.paymentTimeoutMs));
    if (this.auto) {
      const outcome = this.auto.outcome;
      run.timers.push(setTimeout(() => this.running === run && this.playOutcome(outcome), this.auto.afterMs));
    }
    return { answer, entry };
  }

  /** The customer inserts (or taps) a card. */
  insertCard(opts: { pan?: string; contactless?: boolean } = {}): void {
    const run = this.need(['present-card'], 'insert a card');
    run.card = cardFacts(opts.pan ?? DEFAULT_CARD, opts.contactless ? 'Contactless' : 'ICC');
    run.stage = opts.contactless ? 'authorising' : 'enter-pin';
    this.event(run.entry, 'card-inserted', run.card.maskedPan);
  }

  /** The customer confirms a PIN: the right one moves on to authorisation, a wrong one ends with WrongPIN. */
  enterPin(pin: string): void {
    const run = this.need(['enter-pin'], 'enter a PIN');
    if (pin !== this.cfg.pin) {
      this.event(run.entry, 'pin-entered', 'wrong PIN');
      this.end('wrong-pin');
      return;
    }
    this.event(run.entry, 'pin-entered');
    run.stage = 'authorising';
  }

  /** The issuer approves (a tap when no card was presented yet). */
  approve(): void {
    const run = this.need(['present-card', 'authorising'], 'approve');
    run.card ??= cardFacts(DEFAULT_CARD, 'Contactless');
    if (!this.hostReachable) {
      this.endWith(run, 'declined', failure('UnreachableHost', { refusalReason: 'Acquirer unreachable', message: 'HOST_UNREACHABLE' }), 'declined');
      return;
    }
    const e = run.entry;
    const approvalCode = digits(6);
    e.state = 'approved';
    e.authorizedCents = e.amountCents;
    this.finishPayment(run, { Result: 'Success', AdditionalResponse: `authCode=${approvalCode}` }, approvalCode, 'approved', 'APPROVED');
  }

  /** The payment ends with a decline reason (see DECLINES). */
  decline(reason: DeclineReason): void {
    const run = this.need(['present-card', 'enter-pin', 'authorising'], 'decline');
    if (reason !== 'cancelled' && reason !== 'card-removed') run.card ??= cardFacts(DEFAULT_CARD, 'ICC');
    this.end(reason);
  }

  /** The payment's time is up now (as if paymentTimeoutMs had passed). */
  timeout(): void {
    this.need(['present-card', 'enter-pin', 'authorising'], 'time out');
    this.end('timeout');
  }

  /** AbortRequest: ends the running payment with that ServiceID (and SaleID) as Aborted. */
  abort(saleId: string, serviceId: string, reason: string): boolean {
    const run = this.running;
    if (!run || run.header.SaleID !== saleId || run.header.ServiceID !== serviceId) return false;
    this.endWith(run, 'aborted', failure('Aborted', { message: 'Transaction aborted by the sale system', abortReason: reason }), 'aborted');
    return true;
  }

  /** Records whether the final answer reached the client. */
  delivered(entry: LedgerEntry, ok: boolean, note?: string): void {
    entry.answerDelivered = ok;
    this.event(entry, ok ? 'answered' : 'answer-lost', note);
  }

  // ---- TransactionStatus, Reversal, Diagnosis ---------------------------------------------

  transactionStatus(header: MessageHeader, ref: { MessageCategory?: 'Payment' | 'Reversal'; ServiceID?: string; SaleID?: string } | undefined): Json {
    const h = responseHeader(header, 'TransactionStatus');
    const answer = (body: Json): Json => envelope(h, 'TransactionStatus', body);
    const k = ref?.ServiceID ? key(ref.SaleID ?? header.SaleID, ref.MessageCategory ?? 'Payment', ref.ServiceID) : this.lastPaymentKey;
    const run = this.running;
    if (k && run && key(run.header.SaleID, 'Payment', run.header.ServiceID ?? '') === k) {
      return answer({ Response: failure('InProgress', { message: 'The transaction is still in progress' }) });
    }
    const done = k ? this.finished.get(k) : undefined;
    if (!done) return answer({ Response: failure('NotFound', { message: 'No transaction with this reference' }) });
    return answer({
      Response: { Result: 'Success' },
      MessageReference: { MessageCategory: done.category, ServiceID: done.header.ServiceID, SaleID: done.header.SaleID, POIID: done.header.POIID },
      RepeatedMessageResponse: { MessageHeader: done.header, RepeatedResponseMessageBody: { [`${done.category}Response`]: done.body } },
    });
  }

  reversal(header: MessageHeader, req: { OriginalPOITransaction: { POITransactionID: { TransactionID: string; TimeStamp?: string } }; ReversedAmount?: number; ReversalReason: string }): Json {
    const now = this.cfg.clock.now();
    const h = responseHeader(header, 'Reversal');
    const original = req.OriginalPOITransaction.POITransactionID;
    const base = { OriginalPOITransaction: { POITransactionID: original } };
    const refuse = (r: ResponseObject): Json => envelope(h, 'Reversal', { Response: r, ...base });
    const e = this.entries.find((x) => x.transactionId === original.TransactionID);
    if (!e) return refuse(failure('NotFound', { message: `No transaction ${original.TransactionID}` }));
    if (e.state !== 'approved') return refuse(failure('NotAllowed', { message: `Transaction is ${e.state}; only an approved payment can be reversed` }));
    const left = e.authorizedCents - e.reversedCents;
    const amount = req.ReversedAmount === undefined ? left : toCents(req.ReversedAmount);
    if (amount === undefined) return refuse(failure('MessageFormat', { errors: 'SaleToPOIRequest.ReversalRequest.ReversedAmount: at most 2 decimals' }));
    if (amount > left) return refuse(failure('NotAllowed', { message: `ReversedAmount above what is left (${toDecimal(left)})` }));
    if (!this.hostReachable) return refuse(failure('UnreachableHost', { message: 'HOST_UNREACHABLE' }));
    e.reversedCents += amount;
    if (e.reversedCents === e.authorizedCents) e.state = 'reversed';
    this.event(e, 'reversed', `${req.ReversalReason}`, amount);
    const reversalId = newTransactionId(now);
    const body: Json = {
      Response: { Result: 'Success' },
      POIData: { POITransactionID: poiTransactionId(reversalId, now) },
      ...base,
      ReversedAmount: toDecimal(amount),
      PaymentReceipt: receipts({
        merchantName: this.cfg.merchantName,
        poiId: this.cfg.poiId,
        transactionId: reversalId,
        at: now,
        operation: 'REVERSAL',
        currency: e.currency,
        amountCents: amount,
        card: null,
        approvalCode: null,
        outcome: 'REVERSED',
      }),
    };
    this.finished.set(key(header.SaleID, 'Reversal', header.ServiceID ?? ''), { category: 'Reversal', header: h, body });
    return envelope(h, 'Reversal', body);
  }

  diagnosis(header: MessageHeader, req: { HostDiagnosisFlag: boolean }): Json {
    const global = this.maintenance ? 'Maintenance' : !this.hostReachable ? 'Unreachable' : this.running ? 'Busy' : 'OK';
    return envelope(responseHeader(header, 'Diagnosis'), 'Diagnosis', {
      Response: { Result: 'Success' },
      POIStatus: { GlobalStatus: global, CommunicationOKFlag: this.hostReachable },
      ...(req.HostDiagnosisFlag ? { HostStatus: [{ AcquirerID: '0', IsReachableFlag: this.hostReachable }] } : {}),
    });
  }

  // ---- inspection ------------------------------------------------------------------------

  ledger(): LedgerEntry[] {
    return this.entries.map((e) => ({ ...e, events: e.events.map((x) => ({ ...x })) }));
  }

  view(): Omit<TerminalView, 'offline'> {
    const run = this.running;
    return {
      stage: run ? run.stage : this.lastResult ? 'done' : 'idle',
      amountCents: run ? run.entry.amountCents : null,
      currency: run ? run.entry.currency : null,
      lastResult: this.lastResult,
      maintenance: this.maintenance,
      hostReachable: this.hostReachable,
    };
  }

  /** Ends a running payment (answered as timed out), forgets the ledger and every setting. */
  reset(): void {
    if (this.running) this.end('timeout');
    this.entries.length = 0;
    this.finished.clear();
    this.lastPaymentKey = null;
    this.lastResult = null;
    this.maintenance = false;
    this.hostReachable = true;
    this.auto = this.cfg.auto;
  }

  /** Stops timers (server close). */
  dispose(): void {
    if (this.running) this.end('timeout');
  }

  // ---- internals -------------------------------------------------------------------------

  private playOutcome(outcome: AutoAct['outcome']): void {
    try {
      this.play(outcome);
    } catch (e) {
      // A person (or a test) already moved the payment on: the automatic customer steps aside.
      if (!(e instanceof TerminalStateError)) throw e;
    }
  }

  private play(outcome: AutoAct['outcome']): void {
    if (outcome === 'approve') {
      this.insertCard();
      this.enterPin(this.cfg.pin);
      this.approve();
    } else if (outcome === 'wrong-pin') {
      this.insertCard();
      this.enterPin(this.cfg.pin === '0000' ? '1111' : '0000');
    } else {
      this.decline(outcome);
    }
  }

  private end(reason: DeclineReason | 'timeout'): void {
    const run = this.running;
    if (!run) return;
    const d = DECLINES[reason];
    this.endWith(run, 'declined', failure(d.condition, { refusalReason: d.refusalReason, message: d.message }), reason === 'timeout' ? 'timed-out' : 'declined');
  }

  private endWith(run: Running, state: 'declined' | 'aborted', response: ResponseObject, event: LedgerEventType): void {
    run.entry.state = state;
    this.finishPayment(run, response, null, event, state === 'aborted' ? 'ABORTED' : 'DECLINED');
  }

  private finishPayment(run: Running, response: ResponseObject, approvalCode: string | null, event: LedgerEventType, outcome: string): void {
    const e = run.entry;
    const now = this.cfg.clock.now();
    for (const t of run.timers) clearTimeout(t);
    this.running = null;
    e.endedAt = now;
    e.errorCondition = response.ErrorCondition ?? null;
    e.refusalReason = response.AdditionalResponse ? new URLSearchParams(response.AdditionalResponse).get('refusalReason') : null;
    this.event(e, event, e.refusalReason ?? undefined, e.state === 'approved' ? e.amountCents : undefined);
    this.lastResult = { state: e.state, errorCondition: e.errorCondition, refusalReason: e.refusalReason, amountCents: e.amountCents };
    const body: Json = {
      Response: response,
      SaleData: { SaleTransactionID: run.request.SaleData.SaleTransactionID },
      POIData: { POITransactionID: poiTransactionId(e.transactionId, e.createdAt) },
    };
    if (run.card) {
      body.PaymentResult = {
        PaymentType: 'Normal',
        PaymentInstrumentData: paymentInstrument(run.card),
        ...(e.state === 'approved'
          ? {
              AmountsResp: amountsResp(e.currency, e.authorizedCents),
              PaymentAcquirerData: { AcquirerPOIID: this.cfg.poiId, ApprovalCode: approvalCode, AcquirerTransactionID: poiTransactionId(e.transactionId, now) },
              OnlineFlag: true,
            }
          : {}),
      };
      body.PaymentReceipt = receipts({
        merchantName: this.cfg.merchantName,
        poiId: this.cfg.poiId,
        transactionId: e.transactionId,
        at: now,
        operation: 'SALE',
        currency: e.currency,
        amountCents: e.amountCents,
        card: run.card,
        approvalCode,
        outcome,
      });
    }
    const h = responseHeader(run.header, 'Payment');
    this.finished.set(key(run.header.SaleID, 'Payment', e.serviceId), { category: 'Payment', header: h, body });
    run.finish(envelope(h, 'Payment', body));
  }

  private need(stages: Running['stage'][], what: string): Running {
    const run = this.running;
    if (!run) throw new TerminalStateError(`no payment is running; cannot ${what}`);
    if (!stages.includes(run.stage)) throw new TerminalStateError(`cannot ${what} while the terminal is at ${run.stage}`);
    return run;
  }

  private event(e: LedgerEntry, type: LedgerEventType, note?: string, amountCents?: number): void {
    e.events.push({ type, at: this.cfg.clock.now(), ...(amountCents !== undefined ? { amountCents } : {}), ...(note ? { note } : {}) });
  }
}

function key(saleId: string, category: string, serviceId: string): string {
  return `${saleId}\u0000${category}\u0000${serviceId}`;
}

function digits(n: number): string {
  return Array.from({ length: n }, () => randomInt(10)).join('');
}

/** A POI transaction id: "SIM" + epoch ms + "." + 8 random digits. */
function newTransactionId(at: number): string {
  return `SIM${at}.${digits(8)}`;
}

function cardFacts(pan: string, entryMode: CardFacts['entryMode']): CardFacts {
  const d = pan.replace(/\D/g, '');
  const brand = d.startsWith('4') ? 'visa' : /^(5[1-5]|2[2-7])/.test(d) ? 'mc' : d.startsWith('3') ? 'amex' : 'card';
  return { brand, maskedPan: `${d.slice(0, 6)} **** ${d.slice(-4)}`, entryMode };
}
