/**
 * Code pages for ESC t. The n → code page numbering is the encoder's own per-vendor mapping
 * (probed through its public API, so it can never drift from what the encoder emits); the
 * glyph tables come from @point-of-sale/codepage-encoder. Used both ways: choosing code
 * pages for text (splitByCodepage) and decoding printed bytes (codepageTable).
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import type { CodepageMappingName } from './profile';

export type CodepageMapping = CodepageMappingName | Record<string, number>;

const numberingCache = new Map<string, Map<number, Codepage>>();
const tableCache = new Map<Codepage, string[]>();

/** ESC t numbers to code page names for a vendor mapping. */
export function codepageNumbering(mapping: CodepageMapping): Map<number, Codepage> {
  if (typeof mapping !== 'string') {
    return new Map(Object.entries(mapping).map(([name, n]) => [n, name as Codepage]));
  }
  const cached = numberingCache.get(mapping);
  if (cached) return cached;
  const out = new Map<number, Codepage>();
  for (const cp of CodepageEncoder.getEncodings()) {
    let bytes: Uint8Array;
    try {
      bytes = new ReceiptPrinterEncoder({ language: 'esc-pos', codepageMapping: mapping }).codepage(cp).text('a').encode();
    } catch {
      continue; // this vendor has no number for cp: expected for most code pages
    }
    const i = bytes.findIndex((x, k) => x === 0x1b && bytes[k + 1] === 0x74);
    const n = i >= 0 ? bytes[i + 2] : undefined;
    if (n !== undefined && !out.has(n)) out.set(n, cp);
  }
  numberingCache.set(mapping, out);
  return out;
}

/** 256 characters of a code page ('\uFFFD' where the page has no glyph). */
export function codepageTable(cp: Codepage): string[] {
  let t = tableCache.get(cp);
  if (!t) {
    const points = CodepageEncoder.getCodepoints(cp, true);
    t = Array.from({ length: 256 }, (_, i) => {
      const p = points[i];
      return p === undefined || p === 0xfffd ? '\uFFFD' : String.fromCodePoint(p);
    });
    tableCache.set(cp, t);
  }
  return t;
}

const reverseCache = new Map<Codepage, Map<number, number>>();

function reverse(cp: Codepage): Map<number, number> {
  let m = reverseCache.get(cp);
  if (!m) {
    m = new Map();
    codepageTable(cp).forEach((ch, byte) => {
      const p = ch.codePointAt(0)!;
      if (ch !== '\uFFFD' && !m!.has(p)) m!.set(p, byte);
    });
    reverseCache.set(cp, m);
  }
  return m;
}

/** The mapping's code pages in ESC t number order: the encoder's candidate ranking. */
export function codepageCandidates(mapping: CodepageMapping): Codepage[] {
  return [...codepageNumbering(mapping).entries()].sort((a, b) => a[0] - b[0]).map(([, cp]) => cp);
}

/**
 * Splits text into runs that each fit one code page: stay in the current page while it has
 * the character, else take the first candidate that does (the same rule as the encoder's
 * 'auto' mode, but with cached tables: 'auto' clones a code page table per character,
 * about 5 ms per receipt row). Characters no candidate has stay in the current run (the
 * encoder prints them as '?').
 */
export function splitByCodepage(text: string, candidates: Codepage[]): Array<{ codepage: Codepage; text: string }> {
  const runs: Array<{ codepage: Codepage; text: string }> = [];
  let current: Codepage | undefined;
  for (const ch of text) {
    const p = ch.codePointAt(0)!;
    let cp = current && reverse(current).has(p) ? current : candidates.find((c) => reverse(c).has(p));
    cp ??= current ?? candidates[0]!;
    const last = runs[runs.length - 1];
    if (last && last.codepage === cp) last.text += ch;
    else runs.push({ codepage: cp, text: ch });
    current = cp;
  }
  return runs;
}
