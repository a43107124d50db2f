import { SerialPort } from 'serialport';
import type { Log } from '../../log';
import { DeviceWatch, deviceIdentity } from '../scanner/device-watch';
import { TypedEvents } from '../scanner/events';
import { backoffMs } from '../scanner/options';
import { COMMANDS, NciFramer, decodeFrame, type NciFrame, type NciMessage } from './nci';
import type { ScaleEvents, ScalePortStatus, ScaleReading, ScaleStatusDetail, SerialScaleOptions } from './types';

type PortOptions = ConstructorParameters<typeof SerialPort>[0];

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

interface Pending {
  want: 'reading' | 'status';
  done: (m: NciMessage | { kind: 'timeout' }) => void;
}

/**
 * A serial scale speaking the NCI protocol: weight requests on demand, one at a time, each
 * answered or timed out; the port reopens with backoff when it goes away (same lifecycle as
 * the scanner). Nothing here throws on the data path; `read()` always resolves.
 */
export class SerialScale {
  readonly #o: SerialScaleOptions;
  readonly #log: Log;
  readonly #events: TypedEvents<ScaleEvents>;
  readonly #framer: NciFramer;
  readonly #watch: DeviceWatch;
  #status: ScalePortStatus = 'stopped';
  #running = false;
  #port: SerialPort | null = null;
  #retries = 0;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #last: ScaleReading = { kind: 'unavailable', error: 'not started' };

  constructor(opts: SerialScaleOptions, log: Log) {
    this.#o = opts;
    this.#log = log;
    this.#events = new TypedEvents<ScaleEvents>(log);
    this.#framer = new NciFramer((f) => this.#onFrame(f));
    this.#watch = new DeviceWatch(opts.path, opts.watchMs, (reason) => {
      if (this.#port) this.#onLost(this.#port, reason);
    });
  }

  on<K extends keyof ScaleEvents>(ev: K, cb: ScaleEvents[K]): () => void {
    return this.#events.on(ev, cb);
  }

  get status(): ScalePortStatus {
    return this.#status;
  }

  /** The last reading (or `unavailable` while the port is down). */
  get last(): ScaleReading {
    return this.#port ? this.#last : { kind: 'unavailable', error: this.#status === 'stopped' ? 'stopped' : 'scale not connected' };
  }

  /** Resolves after the first open attempt; never rejects. */
  start(): Promise<void> {
    if (this.#running) return this.#inFlight ?? Promise.resolve();
    this.#running = true;
    this.#retries = 0;
    this.#attempt = 0;
    return this.#tryOpen();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    if (this.#inFlight) await this.#inFlight;
    this.#watch.stop();
    this.#finishPending({ kind: 'timeout' });
    const port = this.#port;
    this.#port = null;
    if (port) await this.#close(port);
    if (this.#status !== 'stopped') this.#setStatus('stopped');
  }

  /** Asks for the weight; resolves with the answer, or `unavailable` when there is no port or no answer in time. */
  read(): Promise<ScaleReading> {
    return this.#serial(async () => {
      const m = await this.#request(COMMANDS.weight, 'reading');
      const r: ScaleReading =
        m.kind === 'reading' ? m.reading : m.kind === 'unknown-command' ? { kind: 'unavailable', error: 'the scale does not understand the weight request' } : { kind: 'unavailable', error: m.kind === 'timeout' ? 'no answer from the scale' : 'scale not connected' };
      this.#last = r;
      this.#events.emit('reading', r);
      return r;
    });
  }

  /** Asks the scale to zero itself; true when it answered with a status. */
  zero(): Promise<boolean> {
    return this.#serial(async () => (await this.#request(COMMANDS.zero, 'status')).kind === 'status');
  }

  #serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job, job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #request(cmd: string, want: Pending['want']): Promise<NciMessage | { kind: 'timeout' } | { kind: 'no-port' }> {
    const port = this.#port;
    if (!port) return Promise.resolve({ kind: 'no-port' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#finishPending({ kind: 'timeout' }), this.#o.responseTimeoutMs);
      this.#pending = {
        want,
        done: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      port.write(Buffer.from(cmd, 'latin1'), (err) => {
        if (err) this.#log.debug('scale write failed', { error: err.message });
      });
    });
  }

  #finishPending(m: NciMessage | { kind: 'timeout' }): void {
    const p = this.#pending;
    this.#pending = null;
    p?.done(m);
  }

  #onFrame(f: NciFrame): void {
    if (f.kind === 'dropped') return this.#drop(f.reason, f.bytes);
    const m = decodeFrame(f.bytes);
    if (!m) return this.#drop('garbage', f.bytes.length);
    const p = this.#pending;
    if (!p) return; // an unasked answer (e.g. a late one after a timeout): ignored
    if (m.kind === 'unknown-command' || m.kind === p.want) this.#finishPending(m);
  }

  #drop(reason: 'garbage' | 'too-long', bytes: number): void {
    this.#log.warn('scale bytes dropped', { reason, bytes });
    this.#events.emit('dropped', { reason, bytes });
  }

  #tryOpen(): Promise<void> {
    const run = this.#openOnce()
      .catch((err: unknown) => this.#log.error('scale open failed unexpectedly', { error: message(err) }))
      .finally(() => {
        if (this.#inFlight === run) this.#inFlight = null;
      });
    this.#inFlight = run;
    return run;
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
    if (!result.ok) return this.#failed(attempt, result.error);
    const device = await deviceIdentity(this.#o.path);
    if (!this.#running || device.kind === 'gone') {
      await this.#close(result.port);
      if (this.#running && device.kind === 'gone') this.#failed(attempt, device.reason);
      return;
    }
    this.#framer.reset();
    this.#port = result.port;
    const port = result.port;
    port.on('data', (chunk: Buffer) => {
      if (this.#running && port === this.#port) this.#framer.push(chunk);
    });
    port.on('close', (err?: Error | null) => this.#onLost(port, err ? err.message : 'port closed'));
    port.on('end', () => this.#onLost(port, 'port ended'));
    this.#watch.start(device.id);
    this.#attempt = 0;
    this.#retries = 0;
    this.#log.info('scale ready', { path: this.#o.path, attempt });
    this.#setStatus('ready', { attempt });
  }

  #openPort(): Promise<{ ok: true; port: SerialPort } | { ok: false; error: string }> {
    return new Promise((resolve) => {
      let port: SerialPort;
      try {
        port = new SerialPort({ path: this.#o.path, baudRate: this.#o.baudRate, dataBits: this.#o.dataBits, parity: this.#o.parity, autoOpen: false } as PortOptions);
      } catch (err) {
        resolve({ ok: false, error: message(err) });
        return;
      }
      port.on('error', (err) => {
        if (port === this.#port && !port.isOpen) this.#onLost(port, err.message);
      });
      port.open((err) => resolve(err ? { ok: false, error: err.message } : { ok: true, port }));
    });
  }

  #failed(attempt: number, error: string): void {
    const fields = { path: this.#o.path, attempt, error };
    if (attempt === 1) this.#log.warn('scale unavailable', fields);
    else this.#log.debug('scale still unavailable', fields);
    this.#setStatus('unavailable', { error, attempt });
    this.#scheduleRetry();
  }

  #onLost(port: SerialPort, error: string): void {
    if (port !== this.#port || !this.#running) return;
    this.#port = null;
    this.#watch.stop();
    this.#framer.reset();
    this.#finishPending({ kind: 'timeout' });
    if (port.isOpen) void this.#close(port);
    this.#attempt = 0;
    this.#log.warn('scale lost', { path: this.#o.path, error });
    this.#setStatus('unavailable', { error });
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (!this.#running) return;
    this.#retryTimer = setTimeout(() => void this.#tryOpen(), backoffMs(this.#o.reconnect, ++this.#retries));
  }

  #close(port: SerialPort): Promise<void> {
    port.removeAllListeners('data');
    port.removeAllListeners('close');
    port.removeAllListeners('end');
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  #setStatus(s: ScalePortStatus, detail?: ScaleStatusDetail): void {
    this.#status = s;
    this.#events.emit('status', s, detail);
  }
}
