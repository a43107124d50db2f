import { checkFrame, previewHex, type FrameSink } from './frame-check';
import type { Framer } from './suffix-framer';

/** Timer functions, injectable so tests can drive silence framing without waiting. */
export interface FramerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: FramerTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

/**
 * Ends a frame when no byte has arrived for `gapMs`. Memory is bounded by `maxFrameLength`:
 * bytes beyond it are only counted and the frame is reported 'too-long' at the next gap.
 * One trailing CR, LF, CRLF or TAB is removed, because scanners set up for silence framing
 * often still send their factory suffix.
 */
export class SilenceFramer implements Framer {
  readonly #buf: Uint8Array;
  #len = 0;
  #excess = 0;
  #timer: unknown = null;

  constructor(
    readonly gapMs: number,
    readonly maxFrameLength: number,
    private readonly sink: FrameSink,
    private readonly timers: FramerTimers = realTimers,
  ) {
    // Two spare bytes hold a trailing CRLF that will be stripped.
    this.#buf = new Uint8Array(maxFrameLength + 2);
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    for (let i = 0; i < chunk.length; i++) {
      if (this.#len < this.#buf.length) this.#buf[this.#len++] = chunk[i]!;
      else this.#excess++;
    }
    this.#clearTimer();
    this.#timer = this.timers.setTimeout(() => {
      this.#timer = null;
      this.flush();
    }, this.gapMs);
  }

  /** Ends the current frame now, as if the gap had passed. */
  flush(): void {
    this.#clearTimer();
    if (this.#len === 0 && this.#excess === 0) return;
    let end = this.#len;
    if (this.#excess === 0) {
      if (end > 0 && (this.#buf[end - 1] === LF || this.#buf[end - 1] === CR || this.#buf[end - 1] === TAB)) {
        const last = this.#buf[end - 1];
        end--;
        if (last === LF && end > 0 && this.#buf[end - 1] === CR) end--;
      }
    }
    const frame = this.#buf.subarray(0, end);
    const excess = this.#excess;
    this.#len = 0;
    this.#excess = 0;
    if (excess > 0 || frame.length > this.maxFrameLength) {
      const bytes = frame.length + excess;
      this.sink({ kind: 'dropped', reason: 'too-long', bytes, preview: previewHex(frame, bytes) });
    } else {
      this.sink(checkFrame(frame));
    }
  }

  reset(): void {
    this.#clearTimer();
    this.#len = 0;
    this.#excess = 0;
  }

  #clearTimer(): void {
    if (this.#timer !== null) {
      this.timers.clearTimeout(this.#timer);
      this.#timer = null;
    }
  }
}
