/**
 * The simulated scale itself: what lies on the platform, whether it moves, where zero is.
 * Written from the NCI protocol documents (see electron/sandbox/README.md, "Scale"); it shares
 * no code with the kiosk's adapter.
 */
export interface ScaleView {
  /** What the display shows, e.g. "  1.234kg", "^^^^^^^". */
  display: string;
  grossGrams: number;
  moving: boolean;
  zeroed: boolean;
  capacityGrams: number;
  /** Answers given and commands seen, newest last (at most 200). */
  requests: number;
  unknownCommands: number;
}

export interface ScaleModelOptions {
  capacityGrams?: number;
  /** Starts "not zeroed" (zeroing error on the display until Z). Default false. */
  startUnzeroed?: boolean;
  now?: () => number;
}

const FIELD = 7; // display digits incl. decimal point: "999.999"

export class ScaleModel {
  readonly capacityGrams: number;
  #load = 0;
  #zero = 0;
  #zeroed: boolean;
  #moving = false;
  #settleAt = 0;
  readonly #now: () => number;
  requests = 0;
  unknownCommands = 0;

  constructor(o: ScaleModelOptions = {}) {
    this.capacityGrams = o.capacityGrams ?? 15_000;
    this.#zeroed = !o.startUnzeroed;
    this.#now = o.now ?? (() => Date.now());
  }

  /** Puts a load of `grams` on the platform (replacing what was there); `settleMs` > 0 moves that long first. */
  put(grams: number, settleMs = 0): void {
    this.#load = grams;
    this.#moving = false;
    this.#settleAt = settleMs > 0 ? this.#now() + settleMs : 0;
  }

  remove(): void {
    this.put(0);
  }

  /** Keeps the platform moving (true) until called with false. */
  setMoving(on: boolean): void {
    this.#moving = on;
    this.#settleAt = 0;
  }

  /** Power cycle without zero: the display shows the zeroing error until a Z command. */
  unzero(): void {
    this.#zeroed = false;
  }

  get moving(): boolean {
    return this.#moving || this.#settleAt > this.#now();
  }

  get net(): number {
    return this.#load - this.#zero;
  }

  /** Z: zeroes when still and within ±2 % of capacity of the old zero. Returns whether it did. */
  zero(): boolean {
    if (this.moving || Math.abs(this.net) > this.capacityGrams / 50) return false;
    this.#zero = this.#load;
    this.#zeroed = true;
    return true;
  }

  /** The display, WYSIWYG: kg with 3 decimals, or bars. */
  display(): string {
    if (!this.#zeroed) return '-'.repeat(FIELD);
    const g = this.net;
    if (g > this.capacityGrams) return '^'.repeat(FIELD);
    if (g < 0 && !this.moving) return '_'.repeat(FIELD);
    const abs = Math.abs(g);
    const text = `${g < 0 ? '-' : ''}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
    return `${text.padStart(FIELD, ' ')}kg`;
  }

  /** Status bytes (2): 0x30 | flags, as characters. */
  statusBytes(): string {
    const g = this.net;
    const s1 = 0x30 | (this.moving ? 1 : 0) | (this.#zeroed && g === 0 ? 2 : 0);
    const s2 = 0x30 | (this.#zeroed && g < 0 ? 1 : 0) | (this.#zeroed && g > this.capacityGrams ? 2 : 0);
    return String.fromCharCode(s1, s2);
  }

  view(): ScaleView {
    return { display: this.display(), grossGrams: this.net, moving: this.moving, zeroed: this.#zeroed, capacityGrams: this.capacityGrams, requests: this.requests, unknownCommands: this.unknownCommands };
  }
}

/**
 * One command (without its CR) → the answer bytes, per the NCI documents:
 * W → LF display CR LF status CR ETX; S → LF status CR ETX; Z → zero, then as S; else LF ? CR ETX.
 */
export function answerFor(model: ScaleModel, command: string): string {
  model.requests++;
  switch (command) {
    case 'W':
      return `\n${model.display()}\r\n${model.statusBytes()}\r\x03`;
    case 'S':
      return `\n${model.statusBytes()}\r\x03`;
    case 'Z':
      model.zero();
      return `\n${model.statusBytes()}\r\x03`;
    default:
      model.unknownCommands++;
      return '\n?\r\x03';
  }
}
