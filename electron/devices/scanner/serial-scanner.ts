import type { Log } from '../../log';
import { SerialLink } from '../serial/serial-link';
import { DuplicateFilter } from './duplicate-filter';
import { TypedEvents } from './events';
import type { FrameOutcome } from './frame-check';
import { SilenceFramer } from './silence-framer';
import { SuffixFramer, type Framer } from './suffix-framer';
import type { ScanDrop, ScanFrame, ScannerEvents, ScannerStatus, SerialScannerOptions, StatusDetail } from './types';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * A serial barcode scanner: cuts the bytes of its `SerialLink` (open, watch, reopen with
 * exponential backoff) into frames, and drops garbage, over-long frames and quick repeats.
 * Nothing on the data path throws; all failures become 'dropped' or 'status' events and log lines.
 */
export class SerialScanner {
  readonly #log: Log;
  readonly #events: TypedEvents<ScannerEvents>;
  readonly #framer: Framer;
  readonly #duplicates: DuplicateFilter;
  readonly #now: () => number;
  readonly #link: SerialLink;

  /** `binding` replaces the native serialport binding (e.g. @serialport/binding-mock); default is the OS binding. */
  constructor(opts: SerialScannerOptions, log: Log, binding?: unknown) {
    this.#log = log;
    this.#events = new TypedEvents<ScannerEvents>(log);
    const clock = opts.clock;
    this.#now = clock ? () => clock.now() : () => Date.now();
    this.#duplicates = new DuplicateFilter(opts.debounceMs);
    const sink = (o: FrameOutcome) => this.#onOutcome(o);
    this.#framer =
      opts.framing.kind === 'suffix'
        ? new SuffixFramer(opts.framing.suffix, opts.maxFrameLength, sink)
        : new SilenceFramer(opts.framing.gapMs, opts.maxFrameLength, sink);
    this.#link = new SerialLink(
      { name: 'scanner', path: opts.path, line: { baudRate: opts.baudRate }, reconnect: opts.reconnect, watchMs: opts.watchMs ?? 250, binding },
      log,
      {
        data: (chunk) => this.#onData(chunk),
        reset: () => this.#framer.reset(),
        status: (s, detail) => this.#events.emit('status', s, detail),
      },
    );
  }

  on(ev: 'frame', cb: (f: ScanFrame) => void): () => void;
  on(ev: 'status', cb: (s: ScannerStatus, detail?: StatusDetail) => void): () => void;
  on(ev: 'dropped', cb: (d: ScanDrop) => void): () => void;
  on<K extends keyof ScannerEvents>(ev: K, cb: ScannerEvents[K]): () => void {
    return this.#events.on(ev, cb);
  }

  get status(): ScannerStatus {
    return this.#link.status;
  }

  /** Resolves after the first open attempt (status 'ready' or 'unavailable'); never rejects. Idempotent while running. */
  start(): Promise<void> {
    if (!this.#link.running) this.#duplicates.reset();
    return this.#link.start();
  }

  /** Closes the port and cancels timers; no events are emitted after it resolves. */
  stop(): Promise<void> {
    return this.#link.stop();
  }

  #onData(chunk: Buffer): void {
    try {
      this.#framer.push(chunk);
    } catch (err) {
      this.#framer.reset();
      this.#log.error('scanner framing failed; partial frame discarded', { error: message(err) });
    }
  }

  #onOutcome(o: FrameOutcome): void {
    if (!this.#link.running) return;
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
}
