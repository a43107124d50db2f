import { SerialPort } from 'serialport';
import type { Log } from '../../log';
import { DeviceWatch, deviceIdentity } from '../scanner/device-watch';
import { backoffMs } from '../scanner/options';

type PortOptions = ConstructorParameters<typeof SerialPort>[0];
type OpenResult = { ok: true; port: SerialPort } | { ok: false; error: string };

export type LinkStatus = 'connecting' | 'ready' | 'unavailable' | 'stopped';
export interface LinkStatusDetail {
  error?: string;
  attempt?: number;
}

export interface SerialLinkOptions {
  /** The device's name in log lines ("scanner", "scale"). */
  name: string;
  path: string;
  /** Line settings passed to `SerialPort` (baudRate, dataBits, parity …). */
  line: { baudRate: number; dataBits?: number; parity?: string };
  reconnect: { initialMs: number; maxMs: number; factor: number };
  watchMs: number;
  /** Replaces the native serialport binding (e.g. @serialport/binding-mock). */
  binding?: unknown;
}

export interface SerialLinkHooks {
  /** Bytes from the adopted port (only while running and only from the current port). */
  data(chunk: Buffer): void;
  /** A new port was adopted (before status 'ready'), or the current one went away (before 'unavailable'). */
  reset(): void;
  status(s: LinkStatus, detail?: LinkStatusDetail): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The lifecycle every serial device shares: open, check the device is really there, watch it
 * (a USB unplug does not always close the port), and reopen with exponential backoff when it goes
 * away. Devices (scanner, scale) put their framing and protocol on top through the hooks.
 * Nothing here throws; failures become statuses and log lines.
 */
export class SerialLink {
  readonly #o: SerialLinkOptions;
  readonly #log: Log;
  readonly #hooks: SerialLinkHooks;
  readonly #watch: DeviceWatch;
  #status: LinkStatus = 'stopped';
  #running = false;
  #port: SerialPort | null = null;
  #attempt = 0;
  /** Retries scheduled since the device was last ready; drives the backoff. */
  #retries = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  #started: Promise<void> = Promise.resolve();

  constructor(opts: SerialLinkOptions, log: Log, hooks: SerialLinkHooks) {
    this.#o = opts;
    this.#log = log;
    this.#hooks = hooks;
    this.#watch = new DeviceWatch(opts.path, opts.watchMs, (reason) => {
      if (this.#port) this.#onLost(this.#port, reason);
    });
  }

  get status(): LinkStatus {
    return this.#status;
  }

  get running(): boolean {
    return this.#running;
  }

  /** The open port, or null while the device is down. */
  get port(): SerialPort | null {
    return this.#port;
  }

  /** Resolves after the first open attempt (status 'ready' or 'unavailable'); never rejects. Idempotent while running. */
  start(): Promise<void> {
    if (this.#running) return this.#started;
    this.#running = true;
    this.#attempt = 0;
    this.#retries = 0;
    this.#started = this.#tryOpen();
    return this.#started;
  }

  /** Closes the port and cancels timers; no hook is called after it resolves. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#clearRetry();
    if (this.#inFlight) await this.#inFlight;
    this.#watch.stop();
    this.#hooks.reset();
    const port = this.#port;
    this.#port = null;
    if (port) await this.#close(port);
    if (this.#status !== 'stopped') {
      this.#log.info(`${this.#o.name} stopped`, { path: this.#o.path });
      this.#setStatus('stopped');
    }
  }

  #tryOpen(): Promise<void> {
    const run = this.#openOnce().catch((err: unknown) => {
      // Last resort: #openOnce handles its own failures, so this is a bug, not a device state.
      this.#log.error(`${this.#o.name} open attempt failed unexpectedly`, { path: this.#o.path, error: message(err) });
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
    if (!result.ok) return this.#failed(attempt, result.error);
    const device = await deviceIdentity(this.#o.path);
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
    this.#log.info(`${this.#o.name} ready`, { path: this.#o.path, attempt });
    this.#setStatus('ready', { attempt });
  }

  #failed(attempt: number, error: string): void {
    const fields = { path: this.#o.path, attempt, error };
    if (attempt === 1) this.#log.warn(`${this.#o.name} unavailable`, fields);
    else this.#log.debug(`${this.#o.name} still unavailable`, fields);
    this.#setStatus('unavailable', { error, attempt });
    this.#scheduleRetry();
  }

  #openPort(): Promise<OpenResult> {
    return new Promise((resolve) => {
      let port: SerialPort;
      try {
        const options = { path: this.#o.path, ...this.#o.line, autoOpen: false };
        port = new SerialPort((this.#o.binding ? { ...options, binding: this.#o.binding } : options) as PortOptions);
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
    this.#hooks.reset();
    this.#port = port;
    port.on('data', (chunk: Buffer) => {
      if (this.#running && port === this.#port) this.#hooks.data(chunk);
    });
    port.on('close', (err?: Error | null) => this.#onLost(port, err ? err.message : 'port closed'));
    port.on('end', () => this.#onLost(port, 'port ended'));
  }

  #onPortError(port: SerialPort, err: Error): void {
    if (port !== this.#port) {
      this.#log.debug(`${this.#o.name} error on a retired port`, { error: err.message });
      return;
    }
    this.#log.warn(`${this.#o.name} port error`, { path: this.#o.path, error: err.message });
    if (!port.isOpen) this.#onLost(port, err.message);
  }

  #onLost(port: SerialPort, error: string): void {
    if (port !== this.#port || !this.#running) return;
    this.#port = null;
    this.#watch.stop();
    this.#hooks.reset();
    if (port.isOpen) void this.#close(port);
    this.#attempt = 0;
    this.#log.warn(`${this.#o.name} lost`, { path: this.#o.path, error });
    this.#setStatus('unavailable', { error });
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    this.#clearRetry();
    if (!this.#running) return;
    const delay = backoffMs(this.#o.reconnect, ++this.#retries);
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
        if (err) this.#log.debug(`${this.#o.name} port close reported an error`, { error: err.message });
        resolve();
      });
    });
  }

  #setStatus(s: LinkStatus, detail?: LinkStatusDetail): void {
    this.#status = s;
    this.#hooks.status(s, detail);
  }
}
