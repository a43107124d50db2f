import { checkFrame, previewHex, type FrameSink } from './frame-check';

const CR = 0x0d;
const LF = 0x0a;
const TAB = 0x09;

export type Suffix = 'CR' | 'LF' | 'CRLF' | 'TAB';

/** Feeds raw serial chunks in, hands complete frames (or drops) to a sink. */
export interface Framer {
  push(chunk: Uint8Array): void;
  /** Forgets any partial frame and cancels timers (on reconnect and stop). */
  reset(): void;
}

/**
 * Cuts frames at a terminator byte. Memory is bounded by `maxFrameLength`: once a frame
 * outgrows it, further bytes are only counted until the next terminator, where the frame
 * is reported as 'too-long' and framing starts afresh (resynchronisation).
 * CRLF mode ends a frame at CR (no waiting for the LF) and swallows one LF right after it,
 * even when it arrives in the next chunk; a lone LF also ends a frame.
 */
export class SuffixFramer implements Framer {
  readonly #buf: Uint8Array;
  #len = 0;
  #excess = 0;
  #swallowLF = false;
  readonly #isEnd: (b: number) => boolean;

  constructor(
    readonly suffix: Suffix,
    readonly maxFrameLength: number,
    private readonly sink: FrameSink,
  ) {
    this.#buf = new Uint8Array(maxFrameLength);
    this.#isEnd =
      suffix === 'CR' ? (b) => b === CR : suffix === 'LF' ? (b) => b === LF : suffix === 'TAB' ? (b) => b === TAB : (b) => b === CR || b === LF;
  }

  push(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.#swallowLF) {
        this.#swallowLF = false;
        if (b === LF) continue;
      }
      if (this.#isEnd(b)) {
        this.#swallowLF = this.suffix === 'CRLF' && b === CR;
        this.#finish();
      } else if (this.#len < this.#buf.length) {
        this.#buf[this.#len++] = b;
      } else {
        this.#excess++;
      }
    }
  }

  reset(): void {
    this.#len = 0;
    this.#excess = 0;
    this.#swallowLF = false;
  }

  #finish(): void {
    const frame = this.#buf.subarray(0, this.#len);
    const excess = this.#excess;
    this.#len = 0;
    this.#excess = 0;
    if (excess > 0) {
      const bytes = frame.length + excess;
      this.sink({ kind: 'dropped', reason: 'too-long', bytes, preview: previewHex(frame, bytes) });
    } else {
      this.sink(checkFrame(frame));
    }
  }
}
