/**
 * Keyboard-wedge detector: tells a barcode scanner that "types" from a human typing.
 * Pure: fed `{ key, time }` (KeyboardEvent.key, milliseconds), answers what to do with the key.
 *
 * A scan is a burst of ≥ `minLength` printable characters whose inter-key gaps are all
 * ≤ `maxGapMs`, ended by a terminator key (Enter) that also arrives within `maxGapMs`.
 * Slower typing never becomes a scan. A burst without a terminator is dropped once the next
 * key arrives too late, or when `expire(now)` is called after `maxGapMs` of silence.
 *
 * GS1 barcodes carry the GS separator (ASCII 29). A wedge cannot type it, so scanners are set to
 * send a substitute key; `gsKeys` (default `['GroupSeparator']`, e.g. add `'F8'`) lists the
 * keys that stand for GS, and a literal "\x1d" key is accepted as well.
 */

export interface WedgeKey {
  /** KeyboardEvent.key. */
  key: string;
  /** Event time in milliseconds (KeyboardEvent.timeStamp or performance.now()). */
  time: number;
}

export interface WedgeOptions {
  /** Longest gap between two keys of one burst, in ms (default 35). */
  maxGapMs?: number;
  /** Fewest characters for a scan, terminator excluded (default 4). */
  minLength?: number;
  /** Keys that end a scan (default ['Enter']). */
  terminators?: string[];
  /** Keys that stand for the GS1 group separator (default ['GroupSeparator']). */
  gsKeys?: string[];
}

/**
 * - `pass`: an ordinary key; let the browser have it.
 * - `swallow`: part of a burst in progress; call preventDefault so it never reaches an input.
 * - `scan`: the terminator of a burst; preventDefault and send `code`.
 */
export type WedgeVerdict = { action: 'pass' } | { action: 'swallow' } | { action: 'scan'; code: string };

export const GS = '\x1d';

/** Modifier keys a scanner presses for upper-case letters: they neither count nor break a burst. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'CapsLock', 'Meta']);

export interface WedgeDetector {
  feed(k: WedgeKey): WedgeVerdict;
  /** Drops an unfinished burst when `now` is more than `maxGapMs` after its last key. Returns true if it dropped one. */
  expire(now: number): boolean;
  /** True while characters are buffered (a possible burst in progress). */
  readonly pending: boolean;
  reset(): void;
}

export function createWedgeDetector(opts: WedgeOptions = {}): WedgeDetector {
  const maxGap = opts.maxGapMs ?? 35;
  const minLength = opts.minLength ?? 4;
  const terminators = new Set(opts.terminators ?? ['Enter']);
  const gsKeys = new Set(opts.gsKeys ?? ['GroupSeparator']);
  let chars: string[] = [];
  let last = -Infinity;

  const charOf = (key: string): string | null => {
    if (key === GS || gsKeys.has(key)) return GS;
    if (key.length === 1 && key >= ' ' && key !== '\x7f') return key;
    // Astral characters (e.g. emoji) are length 2 but a single printable key.
    if ([...key].length === 1 && key.codePointAt(0)! > 0xffff) return key;
    return null;
  };

  const reset = (): void => {
    chars = [];
    last = -Infinity;
  };

  return {
    get pending() {
      return chars.length > 0;
    },
    reset,
    expire(now: number): boolean {
      if (chars.length > 0 && now - last > maxGap) {
        reset();
        return true;
      }
      return false;
    },
    feed({ key, time }: WedgeKey): WedgeVerdict {
      const inTime = time - last <= maxGap;
      if (MODIFIERS.has(key)) return chars.length > 0 && inTime ? { action: 'swallow' } : { action: 'pass' };
      if (terminators.has(key)) {
        const code = chars.join('');
        const isScan = inTime && chars.length >= minLength;
        reset();
        return isScan ? { action: 'scan', code } : { action: 'pass' };
      }
      const c = charOf(key);
      if (c === null) {
        // Arrows, Tab, Backspace...: a scanner never sends these mid-code, so the burst is over.
        reset();
        return { action: 'pass' };
      }
      if (chars.length > 0 && inTime) {
        chars.push(c);
        last = time;
        return { action: 'swallow' };
      }
      // First key of a possible burst: we cannot know yet, so it passes (there are no text
      // inputs on the customer screens; the scan panel's own input is excluded by the caller).
      chars = [c];
      last = time;
      return { action: 'pass' };
    },
  };
}
