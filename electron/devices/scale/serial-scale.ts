import type { Log } from '../../log';
import { TypedEvents } from '../scanner/events';
import { SerialLink } from '../serial/serial-link';
import { COMMANDS, NciFramer, decodeFrame, type NciFrame, type NciMessage } from './nci';
import type { ScaleEvents, ScalePortStatus, ScaleReading, SerialScaleOptions } from './types';

interface Pending {
  want: 'reading' | 'status';
  done: (m: NciMessage | { kind: 'timeout' }) => void;
}

/**
 * A serial scale speaking the NCI protocol: weight requests on demand, one at a time, each
 * answered or timed out, over a `SerialLink` (open, watch, reopen with backoff, as the scanner).
 * Nothing here throws on the data path; `read()` always resolves.
 */
export class SerialScale {
  readonly #o: SerialScaleOptions;
  readonly #log: Log;
  readonly #events: TypedEvents<ScaleEvents>;
  readonly #framer: NciFramer;
  readonly #link: SerialLink;
  #pending: Pending | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #last: ScaleReading = { kind: 'unavailable', error: 'not started' };

  constructor(opts: SerialScaleOptions, log: Log) {
    this.#o = opts;
    this.#log = log;
    this.#events = new TypedEvents<ScaleEvents>(log);
    this.#framer = new NciFramer((f) => this.#onFrame(f));
    this.#link = new SerialLink(
      { name: 'scale', path: opts.path, line: { baudRate: opts.baudRate, dataBits: opts.dataBits, parity: opts.parity }, reconnect: opts.reconnect, watchMs: opts.watchMs },
      log,
      {
        data: (chunk) => this.#framer.push(chunk),
        reset: () => {
          this.#framer.reset();
          this.#finishPending({ kind: 'timeout' });
        },
        status: (s, detail) => this.#events.emit('status', s, detail),
      },
    );
  }

  on<K extends keyof ScaleEvents>(ev: K, cb: ScaleEvents[K]): () => void {
    return this.#events.on(ev, cb);
  }

  get status(): ScalePortStatus {
    return this.#link.status;
  }

  /** The last reading (or `unavailable` while the port is down). */
  get last(): ScaleReading {
    return this.#link.port ? this.#last : { kind: 'unavailable', error: this.#link.status === 'stopped' ? 'stopped' : 'scale not connected' };
  }

  /** Resolves after the first open attempt; never rejects. */
  start(): Promise<void> {
    return this.#link.start();
  }

  stop(): Promise<void> {
    return this.#link.stop();
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
    const port = this.#link.port;
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
}
