/**
 * A receipt printer on the far end of a serial line (a pty in tests and demo mode): reads
 * the ESC/POS stream, splits jobs at cuts, decodes them, and answers DLE EOT status requests
 * the way an Epson does. Like a real printer, it prints nothing while out of paper, with the
 * cover open, offline or switched off (silent): those bytes are counted as discarded.
 */
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { Log } from '../../../log';
import { READY_FLAGS, statusByte, type PrinterStatusFlags } from '../status';
import type { CodepageMapping } from '../codepages';
import { decodeEscPos, type DecodedReceipt } from './decode';
import { readToken } from './escpos-tokens';

export interface PrintedReceipt {
  decoded: DecodedReceipt;
  bytes: Uint8Array;
  at: number;
}

export interface VirtualPrinterOptions {
  path: string;
  log: Log;
  status?: Partial<PrinterStatusFlags>;
  /** Code page numbering of the emulated model; default 'epson'. */
  codepageMapping?: CodepageMapping;
  baudRate?: number;
}

export interface VirtualPrinterEvents {
  receipt: [decoded: DecodedReceipt, bytes: Uint8Array];
  /** Part of a job printed before the paper ran out (no cut). */
  partial: [decoded: DecodedReceipt, bytes: Uint8Array];
  discarded: [byteCount: number];
  status: [flags: PrinterStatusFlags];
}

/** Printed receipts kept for the thank-you screen and the test hooks; older ones are dropped. */
export const KEPT_RECEIPTS = 100;

export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  private flags: PrinterStatusFlags;
  private silent = false;
  private pending = new Uint8Array(0);
  private job: number[] = [];
  /** The last KEPT_RECEIPTS receipts (a kiosk prints for months: never all of them). */
  private printed: PrintedReceipt[] = [];
  private printedTotal = 0;
  private discarded = 0;
  private paperLeft = Infinity;

  private constructor(private readonly port: SerialPort, private readonly opts: VirtualPrinterOptions) {
    super();
    this.flags = { ...READY_FLAGS, ...opts.status };
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('error', (err) => opts.log.warn('virtual printer port error', { err }));
  }

  static async start(opts: VirtualPrinterOptions): Promise<VirtualPrinter> {
    const port = new SerialPort({ path: opts.path, baudRate: opts.baudRate ?? 19200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    opts.log.info('virtual printer listening', { path: opts.path });
    return new VirtualPrinter(port, opts);
  }

  /** Changes what the printer reports (and whether it prints). */
  setStatus(patch: Partial<PrinterStatusFlags>): void {
    this.flags = { ...this.flags, ...patch };
    if (!this.flags.paperOut) this.paperLeft = Infinity;
    this.emit('status', { ...this.flags });
  }

  statusFlags(): PrinterStatusFlags {
    return { ...this.flags };
  }

  /** Printer switched off: no status replies, nothing printed. */
  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  /** The roll ends after n more printed bytes: the rest of that job is lost, as on paper. */
  runOutOfPaperAfter(n: number): void {
    this.paperLeft = n;
  }

  /** The most recent receipts, oldest first (at most KEPT_RECEIPTS). */
  receipts(): PrintedReceipt[] {
    return [...this.printed];
  }

  /** Receipts printed since start. */
  printedCount(): number {
    return this.printedTotal;
  }

  discardedBytes(): number {
    return this.discarded;
  }

  /** Resolves once `count` receipts have been printed in total. */
  waitForReceipts(count: number, timeoutMs = 10_000): Promise<PrintedReceipt[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.printedTotal < count) return;
        clearTimeout(timer);
        this.off('receipt', check);
        resolve(this.receipts());
      };
      const timer = setTimeout(() => {
        this.off('receipt', check);
        reject(new Error(`virtual printer: ${this.printedTotal}/${count} receipts after ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('receipt', check);
      check();
    });
  }

  async close(): Promise<void> {
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private printing(): boolean {
    return !this.silent && !this.flags.paperOut && !this.flags.coverOpen && !this.flags.offline;
  }

  private onData(chunk: Buffer): void {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    let p = 0;
    for (;;) {
      const t = readToken(buf, p);
      if (!t) break;
      const bytes = buf.subarray(p, p + t.len);
      p += t.len;
      if (t.token.kind === 'cmd' && t.token.name === 'DLE EOT') {
        // Real-time command: answered even while the printer cannot print.
        if (!this.silent) this.port.write(Buffer.of(statusByte(bytes[2] ?? 1, this.flags)));
        continue;
      }
      if (!this.printing()) {
        this.discard(bytes.length);
        continue;
      }
      if (this.paperLeft < bytes.length) {
        this.paperLeft = Infinity;
        this.runOut();
        this.discard(bytes.length);
        continue;
      }
      this.paperLeft -= bytes.length;
      for (const b of bytes) this.job.push(b);
      if (t.token.kind === 'cmd' && t.token.name === 'GS V') this.finishJob();
    }
    this.pending = buf.slice(p);
  }

  private discard(n: number): void {
    this.discarded += n;
    this.emit('discarded', n);
  }

  private runOut(): void {
    this.flags = { ...this.flags, paperOut: true };
    this.opts.log.info('virtual printer: paper ran out mid-job', { printedBytes: this.job.length });
    if (this.job.length) {
      const bytes = Uint8Array.from(this.job);
      this.job = [];
      this.emit('partial', decodeEscPos(bytes, { codepageMapping: this.opts.codepageMapping }), bytes);
    }
    this.emit('status', { ...this.flags });
  }

  private finishJob(): void {
    const bytes = Uint8Array.from(this.job);
    this.job = [];
    const decoded = decodeEscPos(bytes, { codepageMapping: this.opts.codepageMapping });
    this.printed.push({ decoded, bytes, at: Date.now() });
    this.printedTotal += 1;
    if (this.printed.length > KEPT_RECEIPTS) this.printed.splice(0, this.printed.length - KEPT_RECEIPTS);
    this.opts.log.debug('virtual printer: receipt printed', { bytes: bytes.length, lines: decoded.lines.length });
    this.emit('receipt', decoded, bytes);
  }
}
