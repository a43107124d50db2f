/**
 * NexoTerminal: the CardTerminal port over nexo Retailer Sale-to-POI (Adyen Terminal API JSON).
 *
 * - Every Payment, TransactionStatus, Abort and Reversal is journaled (journal/terminal.ts)
 *   before it is sent, and its result journaled when it arrives.
 * - A lost, late or malformed answer is "unknown": the adapter asks TransactionStatus with a
 *   bounded back-off until the terminal says approved, declined, or that it never started.
 * - An approval that arrives after the kiosk asked to abort (the customer pressed Cancel, or the
 *   kiosk gave up) is reversed at once; `reconcile` does the same after a restart for approvals
 *   the kiosk's own journal did not keep.
 * - Only a validated approval for exactly the amount asked is an approval.
 */
import { randomBytes } from 'node:crypto';
import type { TerminalJournal, TerminalRequest, TerminalRequestKind } from '../../../journal/terminal';
import type { Log } from '../../../log';
import type { CardTerminal, TerminalHealth, TerminalRefundResult, TerminalResult } from '../../ports';
import {
  abortRequest,
  diagnosisRequest,
  paymentRequest,
  readDiagnosis,
  readEnvelope,
  readPaymentResponse,
  readReversalResponse,
  readTransactionStatus,
  reversalRequest,
  transactionStatusRequest,
  type MessageCategory,
  type Outcome,
  type Party,
  type StatusOutcome,
} from './messages';
import { NexoTransportError, type Post } from './transport';

export interface NexoTerminalOptions {
  poiId: string;
  saleId: string;
  /** ISO 4217, e.g. "EUR". */
  currency: string;
  /** How long the kiosk waits for the answer to a Payment (the customer is at the terminal), ms. */
  paymentTimeoutMs: number;
  /** Timeout of every other request, ms. */
  requestTimeoutMs: number;
  /** TransactionStatus back-off: first wait, and the cap of the doubling wait (ms). */
  statusBackoff: { initialMs: number; maxMs: number };
}

export interface NexoEvents {
  /** An approval came after the kiosk cancelled; `reversed` false means staff must look (the reversal failed for now). */
  lateApproval?(reference: string, reversed: boolean): void;
}

/** How the kiosk's own journal sees a payment (for start-up reconciliation). */
export type KioskPaymentState = 'paid' | 'not-paid' | 'open';

/** The outcome of a refund could not be learnt: the caller keeps it in flight and asks later. */
export class NexoOutcomeUnknown extends Error {
  readonly kind = 'NexoOutcomeUnknown';
}

const SERVICE_ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Automatic reversals of one late approval tried before staff are left to it. */
const MAX_AUTO_REVERSALS = 10;

/** A random 10-character ServiceID (the protocol allows 1–10; unique per terminal within 48 h). */
export function randomServiceId(): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += SERVICE_ID_ALPHABET[b % 36];
  return s;
}

export class NexoTerminal implements CardTerminal {
  private readonly party: Party;
  /** Charges of this process (one promise per reference). */
  private readonly live = new Map<string, Promise<TerminalResult>>();
  /** References whose answer is being recovered through TransactionStatus. */
  private readonly checking = new Set<string>();
  private stopped = false;
  private wake: () => void = () => undefined;
  private readonly stopSignal: Promise<void>;

  constructor(
    private readonly o: NexoTerminalOptions,
    private readonly post: Post,
    private readonly journal: TerminalJournal,
    private readonly log: Log,
    private readonly clock: { now(): number } = { now: () => Date.now() },
    private readonly events: NexoEvents = {},
    private readonly newServiceId: () => string = randomServiceId,
  ) {
    this.party = { saleId: o.saleId, poiId: o.poiId };
    this.stopSignal = new Promise((r) => (this.wake = r));
  }

  /** Ends every TransactionStatus loop (process shutdown); their charges reject. */
  stop(): void {
    this.stopped = true;
    this.wake();
  }

  // ---- CardTerminal ------------------------------------------------------------------------

  charge(amountCents: number, reference: string): Promise<TerminalResult> {
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return Promise.resolve({ approved: false, reason: 'invalid amount' });
    const running = this.live.get(reference);
    if (running) return running;
    const p = this.doCharge(amountCents, reference).finally(() => this.live.delete(reference));
    this.live.set(reference, p);
    return p;
  }

  progress(reference: string): 'checking' | null {
    return this.checking.has(reference) ? 'checking' : null;
  }

  async lookup(reference: string): Promise<TerminalResult | null> {
    const row = this.journal.paymentFor(reference);
    if (!row) return null;
    if (row.state === 'sent' || row.state === 'unknown') {
      if (this.live.has(reference)) return null;
      const s = await this.statusOf(row);
      if (s.kind === 'in-progress') return null;
      if (s.kind === 'unknown') throw new NexoOutcomeUnknown(`the outcome of payment ${reference} is not known yet: ${s.why}`);
      await this.apply(row, s.kind === 'not-found' ? { kind: 'declined', condition: 'NotFound', reason: 'never started at the terminal', receipts: { merchant: null, customer: null } } : s, { reverseLate: false });
    }
    return this.resultOf(this.journal.get(row.serviceId)!);
  }

  abort(reference: string): void {
    const row = this.journal.paymentFor(reference);
    if (!row || row.state === 'approved' || row.state === 'declined') return;
    this.journal.markAbortRequested(row.serviceId);
    const serviceId = this.request('abort', { reference, refServiceId: row.serviceId });
    const msg = abortRequest({ ...this.party, serviceId, paymentServiceId: row.serviceId });
    // nexo has no Abort response body: the aborted payment answers on its own request.
    void this.post(msg, this.o.requestTimeoutMs)
      .then(
        async (a) => {
          this.log.info('terminal abort sent', { reference, serviceId, status: a.status });
          this.journal.resolve(serviceId, 'answered', this.clock.now(), { reason: `HTTP ${a.status}` });
          // A payment sent by an earlier process has nobody waiting for its answer: ask what became of it.
          if (!this.live.has(reference)) await this.lookup(reference);
        },
        (e: unknown) => {
          this.log.warn('terminal abort failed', { reference, serviceId, error: e as Error });
          this.journal.resolve(serviceId, 'unknown', this.clock.now(), { reason: (e as Error).message });
        },
      )
      .catch((e: unknown) => this.log.warn('terminal abort not journaled', { reference, serviceId, error: e as Error }));
  }

  async refund(reference: string, amountCents: number, refundId: string): Promise<TerminalRefundResult> {
    const done = this.journal.byRefundId(refundId);
    if (done) return this.refundResult(await this.settleReversal(done));
    const pay = this.journal.paymentFor(reference);
    if (!pay || pay.state !== 'approved') return { approved: false, reason: 'no approved card payment for this reference' };
    if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return { approved: false, reason: 'invalid amount' };
    const left = (pay.amountCents ?? 0) - this.reversedCents(reference);
    if (amountCents > left) return { approved: false, reason: `at most ${left} cents can be refunded` };
    return this.refundResult(await this.reverse(pay, amountCents, refundId, 'MerchantCancel'));
  }

  async refundedCents(reference: string): Promise<number> {
    for (const r of this.journal.reversalsFor(reference)) if (r.state === 'sent' || r.state === 'unknown') await this.settleReversal(r);
    if (this.journal.reversalsFor(reference).some((r) => r.state === 'sent' || r.state === 'unknown')) throw new NexoOutcomeUnknown(`a reversal of ${reference} has no known outcome yet`);
    return this.reversedCents(reference);
  }

  async diagnose(): Promise<TerminalHealth> {
    const serviceId = this.newServiceId();
    try {
      const a = await this.post(diagnosisRequest({ ...this.party, serviceId }), this.o.requestTimeoutMs);
      const env = readEnvelope(a.json, { category: 'Diagnosis', serviceId, party: this.party });
      if (!env.ok) return { state: 'error', detail: env.why };
      const h = readDiagnosis(env.body);
      return h.state === 'error' ? { state: 'error', detail: h.why } : { state: h.state, detail: null };
    } catch (e) {
      // Reachable but refusing our key (or answering with another): a fault to fix, not "offline".
      if (e instanceof NexoTransportError && e.code === 'CRYPTO') return { state: 'error', detail: e.message };
      return { state: 'offline', detail: (e as Error).message };
    }
  }

  // ---- start-up reconciliation -------------------------------------------------------------

  /**
   * Learns the outcome of every payment and reversal journaled without one, then reverses every
   * approval the kiosk did not keep (its payment is cancelled, declined or abandoned). Returns how
   * many are still open (the caller runs it again later).
   */
  async reconcile(kioskState: (reference: string) => KioskPaymentState): Promise<number> {
    let open = 0;
    for (const row of this.journal.unresolved()) {
      if (row.reference && (this.live.has(row.reference) || this.checking.has(row.reference))) {
        open++;
        continue;
      }
      try {
        if (row.kind === 'payment') await this.lookup(row.reference ?? '');
        else await this.settleReversal(row);
      } catch (e) {
        this.log.warn('terminal reconciliation deferred', { serviceId: row.serviceId, kind: row.kind, error: e as Error });
      }
      const now = this.journal.get(row.serviceId)!;
      if (now.state === 'sent' || now.state === 'unknown') open++;
    }
    for (const row of this.journal.approvedUnsettled()) {
      const ref = row.reference ?? '';
      if (this.live.has(ref) || this.checking.has(ref)) {
        open++;
        continue;
      }
      const st = kioskState(ref);
      if (st === 'paid') this.journal.markSettled(row.serviceId);
      else if (st === 'open') open++;
      else if (!(await this.reverseLate(row, 'approved, but the kiosk did not complete the sale'))) open++;
    }
    return open;
  }

  // ---- internals ---------------------------------------------------------------------------

  private async doCharge(amountCents: number, reference: string): Promise<TerminalResult> {
    const prev = this.journal.paymentFor(reference);
    if (prev?.state === 'approved') return this.resultOf(prev);
    // A payment that may still be running is never sent a second time: ask what became of it.
    if (prev && (prev.state === 'sent' || prev.state === 'unknown')) return this.recover(prev);
    const serviceId = this.request('payment', { reference, amountCents });
    let msg;
    try {
      msg = paymentRequest({ ...this.party, serviceId, transactionId: reference, at: this.clock.now(), currency: this.o.currency, amountCents });
    } catch (e) {
      // Our own request failed its schema: nothing was sent.
      this.journal.resolve(serviceId, 'declined', this.clock.now(), { reason: `invalid request: ${(e as Error).message}` });
      return { approved: false, reason: 'invalid request' };
    }
    const row = this.journal.get(serviceId)!;
    let out: Outcome;
    try {
      const a = await this.post(msg, this.o.paymentTimeoutMs);
      out = this.read(a, 'Payment', serviceId, (body) => readPaymentResponse(body, { transactionId: reference, amountCents }));
    } catch (e) {
      if (e instanceof NexoTransportError && e.notSent) {
        this.journal.resolve(serviceId, 'declined', this.clock.now(), { reason: `not sent: ${e.message}` });
        // A refused protection is a configuration fault staff must fix: say what the terminal said.
        if (e.code === 'CRYPTO') this.log.error('terminal payment refused', { reference, serviceId, code: e.code, why: e.message });
        else this.log.warn('terminal payment not sent', { reference, serviceId, code: e.code });
        return { approved: false, reason: 'terminal-unreachable' };
      }
      out = { kind: 'unknown', why: (e as Error).message };
    }
    return this.apply(row, out, { reverseLate: true });
  }

  /** Reads an HTTP answer: status, envelope (our header echoed), then the body. */
  private read<T extends StatusOutcome>(a: { status: number; json: unknown }, category: MessageCategory, serviceId: string, body: (b: unknown) => T): T | { kind: 'unknown'; why: string } {
    if (a.status !== 200) return { kind: 'unknown', why: `HTTP ${a.status}` };
    const env = readEnvelope(a.json, { category, serviceId, party: this.party });
    if (!env.ok) return { kind: 'unknown', why: env.why };
    return body(env.body);
  }

  /** Journals an outcome for a payment row and turns it into the port's result. */
  private async apply(row: TerminalRequest, out: StatusOutcome, o: { reverseLate: boolean }): Promise<TerminalResult> {
    const now = this.clock.now();
    const ref = row.reference ?? '';
    switch (out.kind) {
      case 'approved': {
        this.journal.resolve(row.serviceId, 'approved', now, {
          poiTransactionId: out.poiTransactionId,
          poiTimeStamp: out.poiTimeStamp,
          amountCents: out.amountCents,
          details: { scheme: out.scheme, maskedPan: out.maskedPan, authCode: out.authCode, receipt: out.receipts },
        });
        this.log.info('terminal payment approved', { reference: ref, serviceId: row.serviceId, amountCents: out.amountCents });
        const fresh = this.journal.get(row.serviceId)!;
        if (o.reverseLate && fresh.abortRequested) {
          // Not the customer's sale any more: give the money back (reconcile retries a failed reversal).
          const back = await this.reverseLate(fresh, 'approved after the kiosk asked to abort');
          return { approved: false, reason: back ? 'approved after cancel: reversed' : 'approved after cancel: reversal pending' };
        }
        return this.resultOf(fresh);
      }
      case 'mismatch': {
        // Money was taken, but not the amount asked: keep the facts and give it back.
        this.journal.resolve(row.serviceId, 'approved', now, { poiTransactionId: out.poiTransactionId, poiTimeStamp: out.poiTimeStamp, amountCents: out.amountCents, reason: out.reason, details: { mismatch: true } });
        this.log.warn('terminal approved another amount: reversing', { reference: ref, serviceId: row.serviceId, reason: out.reason });
        await this.reverseLate(this.journal.get(row.serviceId)!, out.reason);
        return { approved: false, reason: `declined: ${out.reason}` };
      }
      case 'declined':
        this.journal.resolve(row.serviceId, 'declined', now, { reason: out.reason, details: { receipt: out.receipts } });
        this.log.info('terminal payment declined', { reference: ref, serviceId: row.serviceId, reason: out.reason });
        return { approved: false, reason: out.reason };
      case 'not-found':
        this.journal.resolve(row.serviceId, 'declined', now, { reason: 'NotFound: never started at the terminal' });
        return { approved: false, reason: 'NotFound: never started at the terminal' };
      case 'in-progress':
      case 'unknown':
        this.journal.resolve(row.serviceId, 'unknown', now, { reason: out.kind === 'unknown' ? out.why : 'in progress' });
        this.log.warn('terminal payment outcome unknown: asking TransactionStatus', { reference: ref, serviceId: row.serviceId, why: out.kind === 'unknown' ? out.why : 'in progress' });
        return this.recover(this.journal.get(row.serviceId)!);
    }
  }

  /** Asks TransactionStatus (bounded doubling back-off) until the terminal knows. */
  private async recover(row: TerminalRequest): Promise<TerminalResult> {
    const ref = row.reference ?? '';
    this.checking.add(ref);
    try {
      let wait = this.o.statusBackoff.initialMs;
      for (;;) {
        if (this.stopped) throw new NexoOutcomeUnknown(`stopped while checking payment ${ref}`);
        const s = await this.statusOf(row);
        if (s.kind !== 'in-progress' && s.kind !== 'unknown') return await this.apply(this.journal.get(row.serviceId)!, s, { reverseLate: true });
        await Promise.race([new Promise((r) => setTimeout(r, wait).unref?.()), this.stopSignal]);
        wait = Math.min(wait * 2, this.o.statusBackoff.maxMs);
      }
    } finally {
      this.checking.delete(ref);
    }
  }

  /** One TransactionStatus about a payment or reversal row (journaled like every request). */
  private async statusOf(row: TerminalRequest): Promise<StatusOutcome> {
    const category = row.kind === 'reversal' ? 'Reversal' : 'Payment';
    const serviceId = this.request('status', { reference: row.reference, refServiceId: row.serviceId });
    const msg = transactionStatusRequest({ ...this.party, serviceId, about: { category, serviceId: row.serviceId } });
    let out: StatusOutcome;
    try {
      const a = await this.post(msg, this.o.requestTimeoutMs);
      out = this.read(a, 'TransactionStatus', serviceId, (body) =>
        readTransactionStatus(body, { category, serviceId: row.serviceId, party: this.party, transactionId: row.kind === 'reversal' ? row.refundId ?? '' : row.reference ?? '', amountCents: row.amountCents ?? 0 }),
      );
    } catch (e) {
      out = { kind: 'unknown', why: (e as Error).message };
    }
    this.journal.resolve(serviceId, 'answered', this.clock.now(), { reason: out.kind === 'unknown' ? out.why : out.kind });
    return out;
  }

  private async reverse(pay: TerminalRequest, amountCents: number, refundId: string, reason: 'MerchantCancel' | 'CustCancel'): Promise<TerminalRequest> {
    if (!pay.poiTransactionId || !pay.poiTimeStamp) {
      throw new NexoOutcomeUnknown(`payment ${pay.reference ?? '?'} has no POI transaction id to reverse`);
    }
    const serviceId = this.request('reversal', { reference: pay.reference, refServiceId: pay.serviceId, refundId, amountCents });
    const msg = reversalRequest({ ...this.party, serviceId, original: { transactionId: pay.poiTransactionId, timeStamp: pay.poiTimeStamp }, amountCents, refundTransactionId: refundId, at: this.clock.now(), reason });
    let out: Outcome;
    try {
      const a = await this.post(msg, this.o.requestTimeoutMs);
      out = this.read(a, 'Reversal', serviceId, (body) => readReversalResponse(body, { amountCents }));
    } catch (e) {
      if (e instanceof NexoTransportError && e.notSent) {
        this.journal.resolve(serviceId, 'declined', this.clock.now(), { reason: `not sent: ${e.message}` });
        return this.journal.get(serviceId)!;
      }
      out = { kind: 'unknown', why: (e as Error).message };
    }
    this.applyReversal(serviceId, out);
    const row = this.journal.get(serviceId)!;
    return row.state === 'unknown' ? this.settleReversal(row) : row;
  }

  private applyReversal(serviceId: string, out: StatusOutcome): void {
    const now = this.clock.now();
    if (out.kind === 'approved') this.journal.resolve(serviceId, 'approved', now, { poiTransactionId: out.poiTransactionId || null, poiTimeStamp: out.poiTimeStamp || null, details: { receipt: out.receipts } });
    else if (out.kind === 'declined') this.journal.resolve(serviceId, 'declined', now, { reason: out.reason });
    else if (out.kind === 'not-found') this.journal.resolve(serviceId, 'declined', now, { reason: 'NotFound: the terminal has no such reversal' });
    else this.journal.resolve(serviceId, 'unknown', now, { reason: out.kind === 'unknown' ? out.why : out.kind });
  }

  /** A reversal without a known outcome: one TransactionStatus about it. */
  private async settleReversal(row: TerminalRequest): Promise<TerminalRequest> {
    if (row.state === 'approved' || row.state === 'declined') return row;
    const s = await this.statusOf(row);
    this.applyReversal(row.serviceId, s);
    return this.journal.get(row.serviceId)!;
  }

  /** Gives back an approval the kiosk did not keep. True when the money is back (or was already). */
  private async reverseLate(pay: TerminalRequest, why: string): Promise<boolean> {
    const ref = pay.reference ?? '';
    const left = (pay.amountCents ?? 0) - this.reversedCents(ref);
    let ok = left <= 0;
    if (!ok) {
      try {
        // One attempt at a time: an attempt with no known outcome is asked about; a refused or
        // unsent one is followed by a new attempt (a new refund id), up to MAX_AUTO_REVERSALS.
        const attempts = this.journal.reversalsFor(ref).filter((r) => r.refundId?.startsWith(`auto-${pay.serviceId}`));
        const last = attempts.at(-1);
        const settled = last ? await this.settleReversal(last) : null;
        if (settled?.state === 'approved') ok = true;
        else if (settled && settled.state !== 'declined') ok = false;
        else if (attempts.length >= MAX_AUTO_REVERSALS) {
          this.log.error('automatic reversal refused too often: staff must look', { reference: ref, serviceId: pay.serviceId, reason: settled?.reason ?? null });
        } else {
          const r = await this.reverse(pay, left, `auto-${pay.serviceId}-${attempts.length + 1}`, 'MerchantCancel');
          ok = r.state === 'approved';
        }
      } catch (e) {
        this.log.warn('automatic reversal failed; will retry', { reference: ref, error: e as Error });
      }
    }
    if (ok) this.journal.markSettled(pay.serviceId);
    this.log.warn(ok ? 'late approval reversed' : 'late approval NOT reversed yet', { reference: ref, serviceId: pay.serviceId, why });
    this.events.lateApproval?.(ref, ok);
    return ok;
  }

  private reversedCents(reference: string): number {
    return this.journal.reversalsFor(reference).reduce((s, r) => s + (r.state === 'approved' ? (r.amountCents ?? 0) : 0), 0);
  }

  private resultOf(row: TerminalRequest): TerminalResult {
    if (row.state !== 'approved') return { approved: false, reason: row.reason ?? 'declined' };
    if (row.details.mismatch) return { approved: false, reason: `declined: ${row.reason ?? 'another amount approved'}` };
    if (row.abortRequested && row.settled && this.reversedCents(row.reference ?? '') >= (row.amountCents ?? 0)) return { approved: false, reason: 'approved after cancel: reversed' };
    const d = row.details as { scheme?: string | null; maskedPan?: string | null; authCode?: string | null; receipt?: { merchant: string | null; customer: string | null } };
    return { approved: true, authCode: d.authCode ?? '', maskedPan: d.maskedPan ?? null, amountCents: row.amountCents ?? 0, scheme: d.scheme ?? null, ...(d.receipt ? { receipt: d.receipt } : {}) };
  }

  private refundResult(row: TerminalRequest): TerminalRefundResult {
    if (row.state === 'approved') return { approved: true, authCode: row.poiTransactionId ?? row.serviceId };
    if (row.state === 'declined') return { approved: false, reason: row.reason ?? 'refused' };
    throw new NexoOutcomeUnknown(`the outcome of reversal ${row.serviceId} is not known yet`);
  }

  /** Journals a request (before it is sent) under a fresh ServiceID. */
  private request(kind: TerminalRequestKind, f: { reference?: string | null; refServiceId?: string | null; refundId?: string | null; amountCents?: number | null }): string {
    for (let i = 0; ; i++) {
      const serviceId = this.newServiceId();
      try {
        this.journal.request({ serviceId, kind, reference: f.reference ?? null, refServiceId: f.refServiceId ?? null, refundId: f.refundId ?? null, amountCents: f.amountCents ?? null, createdAt: this.clock.now() });
        return serviceId;
      } catch (e) {
        if ((e as { kind?: string }).kind !== 'ServiceIdTaken' || i >= 5) throw e;
      }
    }
  }
}
