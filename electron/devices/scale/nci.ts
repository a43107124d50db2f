import type { ScaleReading } from './types';

/**
 * NCI scale protocol (Weigh-Tronix/NCI "standard" POS protocol, also offered by retail
 * scanner-scales), host side. Pure: bytes in, frames and readings out. See README for the
 * documents and the assumptions.
 *
 * Host → scale: `W` CR (weight), `S` CR (status), `Z` CR (zero).
 * Scale → host: LF <weight field> CR LF <status bytes> CR ETX for `W`;
 *               LF <status bytes> CR ETX for `S` and `Z`; LF `?` CR ETX for anything else.
 */

export const LF = 0x0a;
export const CR = 0x0d;
export const ETX = 0x03;

export const COMMANDS = { weight: 'W\r', status: 'S\r', zero: 'Z\r' } as const;

/** Longest frame accepted, LF..ETX inclusive: a 10-character display + unit + 4 status bytes fits easily. */
export const MAX_FRAME = 40;

export type NciFrame = { kind: 'frame'; bytes: Buffer } | { kind: 'dropped'; reason: 'garbage' | 'too-long'; bytes: number };

/**
 * Cuts the byte stream into LF … ETX frames. Bytes outside a frame are garbage (counted,
 * reported once the next frame starts or on flush); an over-long frame is dropped and
 * framing resumes at the next LF after its ETX. Memory is bounded by MAX_FRAME.
 */
export class NciFramer {
  #buf = Buffer.alloc(MAX_FRAME);
  #len = 0;
  #inFrame = false;
  #overflow = 0;
  #garbage = 0;

  constructor(private readonly sink: (f: NciFrame) => void) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (!this.#inFrame) {
        if (b === LF) {
          this.#flushGarbage();
          this.#inFrame = true;
          this.#len = 0;
          this.#buf[this.#len++] = b;
        } else this.#garbage++;
        continue;
      }
      if (this.#overflow > 0) {
        this.#overflow++;
        if (b === ETX) this.#endOverflow();
        continue;
      }
      if (this.#len >= MAX_FRAME) {
        this.#overflow = this.#len + 1;
        if (b === ETX) this.#endOverflow();
        continue;
      }
      this.#buf[this.#len++] = b;
      if (b === ETX) {
        this.#inFrame = false;
        this.sink({ kind: 'frame', bytes: Buffer.from(this.#buf.subarray(0, this.#len)) });
        this.#len = 0;
      }
    }
  }

  /** Reports pending garbage (e.g. after a pause); a partial frame stays. */
  flush(): void {
    this.#flushGarbage();
  }

  reset(): void {
    this.#len = 0;
    this.#inFrame = false;
    this.#overflow = 0;
    this.#garbage = 0;
  }

  #endOverflow(): void {
    this.sink({ kind: 'dropped', reason: 'too-long', bytes: this.#overflow });
    this.#overflow = 0;
    this.#inFrame = false;
    this.#len = 0;
  }

  #flushGarbage(): void {
    if (this.#garbage > 0) this.sink({ kind: 'dropped', reason: 'garbage', bytes: this.#garbage });
    this.#garbage = 0;
  }
}

/** A decoded frame: `reading` for a weight answer, `status` for S/Z answers, `unknown-command` for `?`. */
export type NciMessage =
  | { kind: 'reading'; reading: ScaleReading }
  | { kind: 'status'; motion: boolean; atZero: boolean; error: boolean }
  | { kind: 'unknown-command' };

interface Status {
  motion: boolean;
  atZero: boolean;
  underZero: boolean;
  overCapacity: boolean;
  error: boolean;
}

/** Status bytes: high bits 0b011x (bits 4 and 5 set; bit 6 on the 2nd+ byte means "another follows"); bit 7 parity is ignored. */
function statusFrom(bytes: Buffer): Status | null {
  if (bytes.length < 2 || bytes.length > 4) return null;
  const s = [...bytes].map((b) => b & 0x7f);
  if (s.some((b) => (b & 0x30) !== 0x30)) return null;
  if ((s[0]! & 0x40) !== 0) return null;
  for (let i = 1; i < s.length; i++) if (((s[i]! & 0x40) !== 0) !== i < s.length - 1) return null;
  return {
    motion: (s[0]! & 0x01) !== 0,
    atZero: (s[0]! & 0x02) !== 0,
    error: (s[0]! & 0x0c) !== 0 || (s[1]! & 0x0c) !== 0,
    underZero: (s[1]! & 0x01) !== 0,
    overCapacity: (s[1]! & 0x02) !== 0,
  };
}

const WEIGHT = /^(-?) *(\d{1,6})(?:\.(\d{1,4}))? *(kg|g|lb|oz)$/;

/** "1.234kg" → 1234 g, "0250g" → 250 g; more than 3 kg decimals round half up. Integer arithmetic only. */
export function gramsFrom(field: string): { grams: number } | { error: string } | null {
  const m = WEIGHT.exec(field.trim());
  if (!m) return null;
  const [, minus, whole, frac = '', unit] = m;
  if (unit === 'lb' || unit === 'oz') return { error: `the scale weighs in ${unit}; set it to kg` };
  let grams: number;
  if (unit === 'g') {
    if (frac !== '') return null;
    grams = Number(whole);
  } else {
    const digits = (frac + '0000').slice(0, 4);
    grams = Number(whole) * 1000 + Math.floor((Number(digits) + 5) / 10);
  }
  return { grams: minus ? -grams : grams };
}

/** Decodes one LF … ETX frame, or null when it does not follow the protocol (garbage). */
export function decodeFrame(frame: Buffer): NciMessage | null {
  const n = frame.length;
  if (n < 4 || frame[0] !== LF || frame[n - 1] !== ETX || frame[n - 2] !== CR) return null;
  const body = frame.subarray(1, n - 2);
  if (body.length === 1 && body[0] === 0x3f) return { kind: 'unknown-command' };
  const split = body.indexOf(Buffer.from([CR, LF]));
  if (split < 0) {
    const st = statusFrom(body);
    return st ? { kind: 'status', motion: st.motion, atZero: st.atZero, error: st.error } : null;
  }
  const field = body.subarray(0, split).toString('latin1');
  const st = statusFrom(body.subarray(split + 2));
  if (!st || !/^[\x20-\x7e]{1,16}$/.test(field)) return null;
  const reading = readingFrom(field, st);
  return reading ? { kind: 'reading', reading } : null;
}

/** The reading an answer stands for; null when the weight field cannot be read (garbage). */
function readingFrom(field: string, st: Status): ScaleReading | null {
  const shown = field.replace(/ /g, '');
  if (st.overCapacity || /^\^+$/.test(shown)) return { kind: 'over-capacity' };
  if (st.underZero || /^_+$/.test(shown)) return { kind: 'under-zero' };
  if (/^-+$/.test(shown)) return { kind: 'not-zeroed' };
  if (st.error) return { kind: 'unavailable', error: 'the scale reports an internal error' };
  const w = gramsFrom(field);
  if (!w) return null;
  if ('error' in w) return { kind: 'unavailable', error: w.error };
  if (st.motion) return { kind: 'motion', grams: w.grams };
  if (w.grams < 0) return { kind: 'under-zero' };
  return { kind: 'stable', grams: w.grams };
}
