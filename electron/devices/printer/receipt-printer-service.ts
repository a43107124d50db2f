/**
 * The never-lost print queue: receipts are journaled (PrintJobStore) before printing and
 * marked printed only after the bytes were written and the printer still reported no
 * error. A worker prints queued jobs in order whenever the printer is ready; paper out,
 * cover open or a silent printer leave the job queued and raise `attention`, and printing
 * resumes on its own when a status poll shows the printer ready again.
 */
import { EventEmitter } from 'node:events';
import { checkReceipt, type Receipt } from '../../checkout/receipt';
import type { Log } from '../../log';
import type { PrintJob, PrintJobStore, PrintJobState } from '../../journal/print-jobs';
import { encodeReceipt } from './encode';
import type { PrinterProfile } from './profile';
import type { ReceiptPrinter } from './receipt-printer';
import type { PrinterStatus } from './status';

export interface PrintJobEvent {
  jobId: number;
  orderRef: string;
  state: PrintJobState;
  attempts: number;
  error?: string;
}

export interface AttentionEvent {
  /** Why printing is held: the printer's state or 'write-error'. */
  reason: string;
  jobId: number;
  orderRef: string;
  queued: number;
}

export interface ReceiptPrinterServiceOptions {
  printer: ReceiptPrinter;
  store: PrintJobStore;
  profile: PrinterProfile;
  log: Log;
  /** Clock in epoch ms; default Date.now. */
  now?: () => number;
  /** Retry a held queue this often even without a status event, ms; default 5000. */
  retryMs?: number;
  /** Renders printed bytes as a PNG for lastPrinted() (the virtual printer's renderer in demo mode). */
  renderPreview?: (bytes: Uint8Array) => Buffer;
}

export class ReceiptPrinterService extends EventEmitter<{
  job: [PrintJobEvent];
  status: [PrinterStatus];
  attention: [AttentionEvent];
  idle: [];
}> {
  private running = false;
  private again = false;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | null = null;
  private attentionReason: string | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly onStatus = (s: PrinterStatus) => {
    this.emit('status', s);
    if (s.state === 'ready') this.kick();
  };

  constructor(private readonly o: ReceiptPrinterServiceOptions) {
    super();
    this.now = o.now ?? Date.now;
  }

  /** Requeues jobs interrupted by a crash (see PrintJobStore.recoverInterrupted) and starts printing. */
  start(): void {
    const requeued = this.o.store.recoverInterrupted();
    if (requeued) this.o.log.warn('requeued receipts interrupted by a restart; they print again', { requeued });
    this.stopped = false;
    this.o.printer.on('status', this.onStatus);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.o.printer.off('status', this.onStatus);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.loop;
  }

  /** Queues the order's receipt; a second call with the same orderRef changes nothing. Throws ReceiptError if it does not add up. */
  enqueue(orderRef: string, receipt: Receipt): { job: PrintJob; created: boolean } {
    checkReceipt(receipt);
    const bytes = encodeReceipt(receipt, this.o.profile);
    const res = this.o.store.enqueue(orderRef, receipt, bytes, this.now());
    if (res.created) {
      this.o.log.info('receipt queued', { orderRef, jobId: res.job.id, bytes: bytes.length });
      this.emitJob(res.job);
      this.kick();
    } else {
      this.o.log.info('receipt already queued for this order', { orderRef, jobId: res.job.id, state: res.job.state });
    }
    return res;
  }

  /** Prints `receipt` for `orderRef`; if that order was printed (or queued) before, a copy with a "COPY" header. */
  printOrCopy(orderRef: string, receipt: Receipt): PrintJob {
    if (!this.o.store.byOrderRef(orderRef)) return this.enqueue(orderRef, receipt).job;
    let n = 1;
    while (this.o.store.byOrderRef(`${orderRef}#copy-${n}`)) n++;
    return this.enqueue(`${orderRef}#copy-${n}`, { ...receipt, copy: true }).job;
  }

  /** Queues a copy of the last printed receipt with a "COPY" header (a new job); null if nothing was printed yet. */
  reprintLast(): PrintJob | null {
    const last = this.o.store.lastPrinted();
    if (!last) return null;
    const original = last.orderRef.replace(/#copy-\d+$/, '');
    let n = 1;
    while (this.o.store.byOrderRef(`${original}#copy-${n}`)) n++;
    return this.enqueue(`${original}#copy-${n}`, { ...last.receipt, copy: true }).job;
  }

  lastPrinted(): { orderRef: string; receipt: Receipt; png?: Buffer } | null {
    const last = this.o.store.lastPrinted();
    if (!last) return null;
    const png = this.o.renderPreview?.(last.bytes);
    return png ? { orderRef: last.orderRef, receipt: last.receipt, png } : { orderRef: last.orderRef, receipt: last.receipt };
  }

  /** Resolves when no job is queued or printing (tests and shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running || this.o.store.nextQueued()) await new Promise<void>((r) => this.once('idle', r));
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.loop = this.work()
      .catch((e: unknown) => this.o.log.error('print worker crashed; retrying later', { err: e as Error }))
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        } else if (!this.o.store.nextQueued()) {
          this.emit('idle');
        }
      });
  }

  private async work(): Promise<void> {
    for (;;) {
      this.again = false;
      if (this.stopped) return;
      const job = this.o.store.nextQueued();
      if (!job) return;
      const s = await this.o.printer.status();
      if (s.state !== 'ready') return this.hold(job, s.state, `printer ${s.state}`);
      this.o.store.markPrinting(job.id);
      this.emitJob(this.o.store.get(job.id)!);
      let result;
      try {
        result = await this.o.printer.print(job.bytes);
      } catch (e) {
        result = { ok: false as const, reason: 'write-error' as const, message: (e as Error).message };
      }
      if (result.ok) {
        this.o.store.markPrinted(job.id, this.now());
        this.attentionReason = null;
        this.o.log.info('receipt printed', { orderRef: job.orderRef, jobId: job.id });
        this.emitJob(this.o.store.get(job.id)!);
        continue;
      }
      this.o.store.markQueued(job.id, result.message);
      this.emitJob(this.o.store.get(job.id)!);
      return this.hold(job, result.reason, result.message);
    }
  }

  /** The queue waits: tell staff once per reason, retry on the next ready status or after retryMs. */
  private hold(job: PrintJob, reason: string, message: string): void {
    if (this.attentionReason !== reason) {
      this.attentionReason = reason;
      const queued = this.o.store.list('queued').length;
      this.o.log.warn('receipt printing held', { reason, message, orderRef: job.orderRef, queued });
      this.emit('attention', { reason, jobId: job.id, orderRef: job.orderRef, queued });
    }
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, this.o.retryMs ?? 5000);
    this.retryTimer.unref?.();
  }

  private emitJob(j: PrintJob): void {
    this.emit('job', { jobId: j.id, orderRef: j.orderRef, state: j.state, attempts: j.attempts, ...(j.lastError ? { error: j.lastError } : {}) });
  }
}
