import { SerialPort } from 'serialport';
import type { Log } from '../../log';
import { DeviceWatch, deviceIdentity } from './device-watch';
import { DuplicateFilter } from './duplicate-filter';
import { TypedEvents } from './events';
import type { FrameOutcome } from './frame-check';
import { backoffMs } from './options';
import { SilenceFramer } from './silence-framer';
import { SuffixFramer, type Framer } from './suffix-framer';
import type { ScanDrop, ScanFrame, ScannerEvents, ScannerStatus, SerialScannerOptions, StatusDetail } from './types';

type PortOptions = ConstructorParameters<typeof SerialPort>[0];
type OpenResult = { ok: true; port: SerialPort } | { ok: false; error: string };

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A serial barcode scanner: opens the port, cuts bytes into frames, drops garbage, over-long
 * frames and quick repeats, and reopens with exponential backoff when the port goes away.
 * Nothing on the data path throws; all failures become 'dropped' or 'status' events and log lines.
 */
export class SerialScanner {
  readonly #opts: SerialScannerOptions;
  readonly #log: Log;
  readonly #binding: unknown;
  readonly #events: TypedEvents<ScannerEvents>;
  readonly #framer: Framer;
  readonly #duplicates: DuplicateFilter;
  readonly #now: () => number;
  readonly #watch: DeviceWatch;
  #status: ScannerStatus = 'stopped';
  #running = false;
  #port: SerialPort | null = null;
  #attempt = 0;
  /** Retries scheduled since the scanner was last ready; drives the backoff. */
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  #started: Promise<void> = Promise.resolve();

  /** `binding` replaces the native serialport binding (e.g. @serialport/binding-mock); default is the OS binding. */
  constructor(opts: SerialScannerOptions, log: Log, binding?: unknown) {
    this.#opts = opts;
    this.#log = log;
    this.#binding = binding;
    this.#events = new TypedEvents<ScannerEvents>(log);
    const clock = opts.clock;
    this.#now = clock ? () => clock.now() : () => Date.now();
    this.#duplicates = new DuplicateFilter(opts.debounceMs);
    this.#watch = new DeviceWatch(opts.path, opts.watchMs ?? 250, (reason) => {
      if (this.#port) this.#onLost(this.#port, reason);
    });
    const sink = (o: FrameOutcome) => this.#onOutcome(o);
    this.#framer =
      opts.framing.kind === 'suffix'
        ? new SuffixFramer(opts.framing.suffix, opts.maxFrameLength, sink)
        : new SilenceFramer(opts.framing.gapMs, opts.maxFrameLength, sink);
  }

  on(ev: 'frame', cb: (f: ScanFrame) => void): () => void;
  on(ev: 'status', cb: (s: ScannerStatus, detail?: StatusDetail) => void): () => void;
  on(ev: 'dropped', cb: (d: ScanDrop) => void): () => void;
  on<K extends keyof ScannerEvents>(ev: K, cb: ScannerEvents[K]): () => void {
    return this.#events.on(ev, cb);
  }

  get status(): ScannerStatus {
    return this.#status;
  }

  /** Resolves after the first open attempt (status 'ready' or 'unavailable'); never rejects. Idempotent while running. */
  start(): Promise<void> {
    if (this.#running) return this.#started;
    this.#running = true;
    this.#attempt = 0;
    this.#retries = 0;
    this.#duplicates.reset();
    this.#started = this.#tryOpen();
    return this.#started;
  }

  /** Closes the port and cancels timers; no events are emitted after it resolves. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#clearRetry();
    if (this.#inFlight) await this.#inFlight;
    this.#watch.stop();
    this.#framer.reset();
    const port = this.#port;
    this.#port = null;
    if (port) await this.#close(port);
    if (this.#status !== 'stopped') {
      this.#log.info('scanner stopped', { path: this.#opts.path });
      this.#setStatus('stopped');
    }
  }

  #tryOpen(): Promise<void> {
    const run = this.#openOnce().catch((err: unknown) => {
      // Last resort: #openOnce handles its own failures, so this is a bug, not a device state.
      this.#log.error('scanner open attempt failed unexpectedly', { path: this.#opts.path, error: message(err) });
    });
    const tracked = run.finally(() => {
      if (this.#inFlight === tracked) this.#inFlight = null;
    });
    this.#inFlight = tracked;
    return tracked;
  }

  async #openOnce(): Promise<void> {
    this.#retryTimer = null;
    if (!this.#running) return;
    const attempt = ++this.#attempt;
    if (this.#status === 'stopped') this.#setStatus('connecting', { attempt });
    const result = await this.#openPort();
    if (!this.#running) {
      if (result.ok) await this.#close(result.port);
      return;
    }
    if (result.ok) {
      const device = await deviceIdentity(this.#opts.path);
      if (!this.#running || device.kind === 'gone') {
        // Stopped meanwhile, or the device vanished right after opening: not a usable port.
        await this.#close(result.port);
        if (!this.#running) return;
        return this.#failed(attempt, device.kind === 'gone' ? device.reason : 'stopped');
      }
      this.#adopt(result.port);
      this.#watch.start(device.id);
      this.#attempt = 0;
      this.#retries = 0;
      this.#log.info('scanner ready', { path: this.#opts.path, attempt });
      this.#setStatus('ready', { attempt });
      return;
    }
    this.#failed(attempt, result.error);
  }

  #failed(attempt: number, error: string): void {
    const fields = { path: this.#opts.path, attempt, error };
    if (attempt === 1) this.#log.warn('scanner unavailable', fields);
    else this.#log.debug('scanner still unavailable', fields);
    this.#setStatus('unavailable', { error, attempt });
    this.#scheduleRetry();
  }

  #openPort(): Promise<OpenResult> {
    return new Promise((resolve) => {
      let port: SerialPort;
      try {
        const options = { path: this.#opts.path, baudRate: this.#opts.baudRate, autoOpen: false };
        port = new SerialPort((this.#binding ? { ...options, binding: this.#binding } : options) as PortOptions);
      } catch (err) {
        resolve({ ok: false, error: message(err) });
        return;
      }
      // Always listen for 'error': an EventEmitter without one would throw out of the process.
      port.on('error', (err) => this.#onPortError(port, err));
      port.open((err) => resolve(err ? { ok: false, error: err.message } : { ok: true, port }));
    });
  }

  #adopt(port: SerialPort): void {
    this.#framer.reset();
    this.#port = port;
    port.on('data', (chunk: Buffer) => this.#onData(port, chunk));
    port.on('close', (err?: Error | null) => this.#onLost(port, err ? err.message : 'port closed'));
    port.on('end', () => this.#onLost(port, 'port ended'));
  }

  #onData(port: SerialPort, chunk: Buffer): void {
    if (!this.#running || port !== this.#port) return;
    try {
      this.#framer.push(chunk);
    } catch (err) {
      this.#framer.reset();
      this.#log.error('scanner framing failed; partial frame discarded', { error: message(err) });
    }
  }

  #onOutcome(o: FrameOutcome): void {
    if (!this.#running) return;
    if (o.kind === 'dropped') {
      if (o.reason === 'empty') this.#log.debug('scanner empty frame ignored');
      else this.#log.warn('scanner frame dropped', { reason: o.reason, bytes: o.bytes, preview: o.preview, ...(o.badAt !== undefined ? { badAt: o.badAt } : {}) });
      this.#events.emit('dropped', { reason: o.reason, bytes: o.bytes });
      return;
    }
    const at = this.#now();
    if (!this.#duplicates.accept(o.text, at)) {
      this.#log.debug('scanner duplicate frame dropped', { bytes: o.bytes });
      this.#events.emit('dropped', { reason: 'duplicate', bytes: o.bytes });
      return;
    }
    this.#events.emit('frame', { text: o.text, at, bytes: o.bytes });
  }

  #onPortError(port: SerialPort, err: Error): void {
    if (port !== this.#port) {
      this.#log.debug('scanner error on a retired port', { error: err.message });
      return;
    }
    this.#log.warn('scanner port error', { path: this.#opts.path, error: err.message });
    if (!port.isOpen) this.#onLost(port, err.message);
  }

  #onLost(port: SerialPort, error: string): void {
    if (port !== this.#port || !this.#running) return;
    this.#port = null;
    this.#watch.stop();
    this.#framer.reset();
    if (port.isOpen) void this.#close(port);
    this.#attempt = 0;
    this.#log.warn('scanner lost', { path: this.#opts.path, error });
    this.#setStatus('unavailable', { error });
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    if (!this.#running) return;
    const delay = backoffMs(this.#opts.reconnect, ++this.#retries);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#tryOpen();
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
  }

  #close(port: SerialPort): Promise<void> {
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.removeAllListeners('end');
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => {
      port.close((err) => {
        if (err) this.#log.debug('scanner port close reported an error', { error: err.message });
        resolve();
      });
    });
  }

  #setStatus(s: ScannerStatus, detail?: StatusDetail): void {
    this.#status = s;
    this.#events.emit('status', s, detail);
  }
}
