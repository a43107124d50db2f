/**
 * ESC/POS printer on a serial port. Owns the line: one job or status query at a time
 * (a mutex), real-time status with DLE EOT 1/2/4 and a reply timeout, chunked writes that
 * wait for drain, periodic status polling (events on change) and reconnect with backoff
 * when the port closes (USB serial adapter unplugged, printer power-cycled).
 */
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';
import type { Log } from '../../log';
import type { PrintResult, ReceiptPrinter } from './receipt-printer';
import { DLE_EOT, isStatusByte, statusFromReplies, type PrinterStatus } from './status';

export interface SerialPrinterOptions {
  path: string;
  /** Default 19200. */
  baudRate?: number;
  /** RTS/CTS hardware flow control; default false. */
  rtscts?: boolean;
  /** How long to wait for each DLE EOT reply, ms; default 500. */
  replyTimeoutMs?: number;
  /** Status poll period, ms; default 5000; 0 disables polling. */
  pollIntervalMs?: number;
  /** Bytes per write before waiting for drain; default 512. */
  chunkSize?: number;
  /** Reconnect backoff bounds, ms; default 250 → 5000, doubling. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  log: Log;
}

const NO_REPLY: PrinterStatus = { state: 'no-reply', paperNearEnd: false };

export class SerialPrinter extends EventEmitter<{ status: [PrinterStatus]; connected: []; disconnected: [] }> implements ReceiptPrinter {
  private port: SerialPort | null = null;
  private rx: number[] = [];
  private rxWaiter: (() => void) | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private busy = false;
  private closed = false;
  private last: PrinterStatus | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoff: number;
  private readonly o: Required<Omit<SerialPrinterOptions, 'log'>> & { log: Log };

  private constructor(opts: SerialPrinterOptions) {
    super();
    this.o = {
      baudRate: 19200, rtscts: false, replyTimeoutMs: 500, pollIntervalMs: 5000, chunkSize: 512,
      reconnectMinMs: 250, reconnectMaxMs: 5000, ...opts,
    };
    this.backoff = this.o.reconnectMinMs;
  }

  /** Opens the port (or keeps retrying in the background if it is not there yet) and starts polling. */
  static async open(opts: SerialPrinterOptions): Promise<SerialPrinter> {
    const p = new SerialPrinter(opts);
    await p.connect();
    if (p.o.pollIntervalMs > 0) {
      p.pollTimer = setInterval(() => void p.poll(), p.o.pollIntervalMs);
      p.pollTimer.unref?.();
    }
    return p;
  }

  /** The last status seen by a query or poll (null before the first). */
  lastStatus(): PrinterStatus | null {
    return this.last;
  }

  isConnected(): boolean {
    return this.port?.isOpen ?? false;
  }

  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.queryStatus());
  }

  print(bytes: Uint8Array): Promise<PrintResult> {
    return this.exclusive(async () => {
      const before = await this.queryStatus();
      if (before.state !== 'ready') return { ok: false, reason: before.state, message: `printer ${before.state} before printing` };
      try {
        for (let i = 0; i < bytes.length; i += this.o.chunkSize) await this.write(bytes.subarray(i, i + this.o.chunkSize));
        await this.drain();
      } catch (e) {
        this.o.log.warn('printer write failed', { err: e as Error });
        return { ok: false, reason: 'write-error', message: (e as Error).message };
      }
      // Serial order means this query is answered after the printer consumed the job.
      const after = await this.queryStatus();
      if (after.state !== 'ready') return { ok: false, reason: after.state, message: `printer ${after.state} after printing` };
      return { ok: true };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.lock.catch(() => undefined);
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const port = new SerialPort({ path: this.o.path, baudRate: this.o.baudRate, rtscts: this.o.rtscts, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    } catch (e) {
      this.o.log.warn('printer port not available, will retry', { path: this.o.path, err: e as Error, retryMs: this.backoff });
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      port.close();
      return;
    }
    this.port = port;
    this.backoff = this.o.reconnectMinMs;
    this.rx = [];
    port.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.rx.push(b);
      this.rxWaiter?.();
    });
    port.on('error', (err) => this.o.log.warn('printer port error', { err }));
    port.on('close', () => {
      if (this.port !== port) return;
      this.port = null;
      this.o.log.warn('printer port closed', { path: this.o.path });
      this.emit('disconnected');
      this.note(NO_REPLY);
      this.scheduleReconnect();
    });
    this.o.log.info('printer port open', { path: this.o.path, baudRate: this.o.baudRate });
    this.emit('connected');
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const wait = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, wait);
    this.reconnectTimer.unref?.();
  }

  private async poll(): Promise<void> {
    if (this.busy || this.closed) return; // a job or query holds the line; its result is fresh anyway
    await this.status();
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(async () => {
      this.busy = true;
      try {
        return await fn();
      } finally {
        this.busy = false;
      }
    });
    this.lock = run.catch(() => undefined);
    return run;
  }

  private note(s: PrinterStatus): PrinterStatus {
    const prev = this.last;
    this.last = s;
    if (!prev || prev.state !== s.state || prev.paperNearEnd !== s.paperNearEnd) this.emit('status', s);
    return s;
  }

  /** DLE EOT 1, 2, 4 in turn; any missing reply → 'no-reply'. Caller holds the lock. */
  private async queryStatus(): Promise<PrinterStatus> {
    if (!this.port?.isOpen) return this.note(NO_REPLY);
    this.rx = [];
    const printer = await this.ask(1);
    const offlineCause = printer === null ? null : await this.ask(2);
    const paper = offlineCause === null ? null : await this.ask(4);
    if (printer === null || offlineCause === null || paper === null) return this.note(NO_REPLY);
    return this.note(statusFromReplies({ printer, offlineCause, paper }));
  }

  private async ask(n: 1 | 2 | 4): Promise<number | null> {
    try {
      await this.write(DLE_EOT(n));
    } catch (e) {
      this.o.log.warn('status request write failed', { err: e as Error });
      return null;
    }
    const until = Date.now() + this.o.replyTimeoutMs;
    for (;;) {
      // Bytes that are not status replies are line noise. The buffer is cleared at the start of
      // each status() call; a reply arriving after its own timeout could still be read as the
      // next query's answer (it reports the same printer a few hundred ms earlier).
      while (this.rx.length) {
        const b = this.rx.shift()!;
        if (isStatusByte(b)) return b;
      }
      const left = until - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => { this.rxWaiter = null; resolve(); }, left);
        this.rxWaiter = () => { clearTimeout(t); this.rxWaiter = null; resolve(); };
      });
    }
  }

  private write(chunk: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error('printer port is not open'));
    return new Promise<void>((resolve, reject) => {
      port.write(Buffer.from(chunk), (err) => (err ? reject(err) : resolve()));
    }).then(() => this.drain());
  }

  private drain(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error('printer port is not open'));
    return new Promise((resolve, reject) => port.drain((err) => (err ? reject(err) : resolve())));
  }
}
