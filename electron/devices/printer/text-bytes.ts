/**
 * Receipt rows → code-page bytes with ESC t switches, done once per row with cached tables
 * instead of inside the encoder. The library's CodepageEncoder.encode() structuredClones a
 * whole code-page definition on every call (≈ 0.15 ms, once per text run: ~80 % of a
 * receipt's encode time). The bytes are exactly what text() per splitByCodepage run gave:
 * - runs: the same rule as splitByCodepage (stay in the current page while it has the
 *   character, else the first candidate that has it, else stay), in one pass without
 *   building run strings;
 * - bytes: per UTF-16 unit, the FIRST index of its code point in the library's own table
 *   (its findIndex), '?' when absent;
 * - ESC t n only when n differs from the last one sent, n being the number the encoder
 *   itself emits for that page (codepageNumbering probes it).
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import { codepageCandidates, codepageNumbering, codepageTable, type CodepageMapping } from './codepages';

/** One candidate page: its ESC t number and code point → byte table. */
interface Page {
  readonly codepage: Codepage;
  readonly escT: number;
  readonly bytes: ReadonlyMap<number, number>;
}

/** What a row needs to be turned into bytes for one printer's code-page mapping. */
export interface RowCodepages {
  /** Candidate pages in ESC t number order (splitByCodepage's ranking). */
  readonly candidates: Codepage[];
  readonly pages: readonly Page[];
}

/** ESC t state across rows: the number last sent, -1 after ESC @ (nothing sent yet). */
export interface CodepageState {
  sent: number;
}

const MISSING = 0x3f; // '?', what the library prints for a character its page lacks
const REPLACEMENT = 0xfffd; // never counts as "the page has it" (splitByCodepage's rule)
const byteTables = new Map<Codepage, Map<number, number>>();
const namedMappings = new Map<string, RowCodepages>();

/** Code point → byte for a page: the first index holding it, as CodepageEncoder.encode finds it. */
function byteTable(cp: Codepage): Map<number, number> {
  let t = byteTables.get(cp);
  if (!t) {
    codepageTable(cp); // fails on a page name the library has no table for, as splitByCodepage does
    t = new Map();
    // getEncoding is the very table encode() searches (aliases resolved, 'extends' applied).
    const points = CodepageEncoder.getEncoding(cp).codepoints;
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      if (p !== undefined && !t.has(p)) t.set(p, i);
    }
    byteTables.set(cp, t);
  }
  return t;
}

function build(mapping: CodepageMapping): RowCodepages {
  const escT = new Map<Codepage, number>();
  for (const [n, cp] of codepageNumbering(mapping)) escT.set(cp, n);
  const candidates = codepageCandidates(mapping);
  // Every candidate came out of the numbering, so it has a number.
  const pages = candidates.map((cp) => ({ codepage: cp, escT: escT.get(cp)!, bytes: byteTable(cp) }));
  return { candidates, pages };
}

/** Candidates with their ESC t numbers and tables (named mappings cached; explicit ones are small). */
export function rowCodepages(mapping: CodepageMapping): RowCodepages {
  if (typeof mapping !== 'string') return build(mapping);
  let r = namedMappings.get(mapping);
  if (!r) {
    r = build(mapping);
    namedMappings.set(mapping, r);
  }
  return r;
}

function has(page: Page, p: number): boolean {
  return p !== REPLACEMENT && page.bytes.has(p);
}

/** One row's bytes: ESC t before each run whose page number differs from state.sent (updated). */
export function rowBytes(text: string, rc: RowCodepages, state: CodepageState): Uint8Array {
  const out = new Uint8Array(4 * text.length); // ≤ 1 byte per unit + 3 per switch, ≤ 1 switch per unit
  let o = 0;
  let current: Page | undefined;
  for (let i = 0; i < text.length; ) {
    const p = text.codePointAt(i)!;
    const units = p > 0xffff ? 2 : 1;
    let page = current && has(current, p) ? current : rc.pages.find((c) => has(c, p));
    page ??= current ?? rc.pages[0]!;
    if (page !== current) {
      current = page;
      if (page.escT !== state.sent) {
        out[o++] = 0x1b;
        out[o++] = 0x74;
        out[o++] = page.escT;
        state.sent = page.escT;
      }
    }
    // Per UTF-16 unit like the library: a surrogate pair is the full code point, then the
    // low surrogate on its own (both '?' in every single-byte page).
    for (let u = 0; u < units; u++) out[o++] = page.bytes.get(text.codePointAt(i + u)!) ?? MISSING;
    i += units;
  }
  return out.slice(0, o);
}

/** Largest raw() item: the encoder copies payloads with push(...bytes), which has an argument limit. */
const RAW_CHUNK = 4096;

/**
 * Consecutive plain rows (no bold/tall) collected as one run of bytes, rows joined by the
 * profile's line ending, so the encoder handles them as one line instead of one per row.
 * `raw(all but the last line ending)` + `newline()` gives the same bytes as one text line
 * per row, provided no style change is pending when the batch starts (encode.ts ensures that).
 */
export class RowBatch {
  private parts: Uint8Array[] = [];
  private rows = 0;
  private readonly newline: Uint8Array;

  constructor(newline: '\n' | '\n\r') {
    this.newline = Uint8Array.from(newline === '\n' ? [0x0a] : [0x0a, 0x0d]);
  }

  /** Adds one row (bytes from rowBytes, or empty for a blank row). */
  add(row: Uint8Array): void {
    if (this.rows > 0) this.parts.push(this.newline);
    if (row.length > 0) this.parts.push(row);
    this.rows++;
  }

  /** Hands the rows to the encoder (nothing if there are none) and empties the batch. */
  flushTo(enc: { raw(data: Uint8Array): unknown; newline(): unknown }): void {
    if (this.rows === 0) return;
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    // A line with no raw item drops pending styles; with one it prints them. Zero bytes must
    // therefore stay zero items, like text('') (which adds nothing).
    if (total > 0) {
      const all = new Uint8Array(total);
      let o = 0;
      for (const p of this.parts) {
        all.set(p, o);
        o += p.length;
      }
      for (let i = 0; i < total; i += RAW_CHUNK) enc.raw(all.subarray(i, Math.min(total, i + RAW_CHUNK)));
    }
    enc.newline();
    this.parts = [];
    this.rows = 0;
  }
}
