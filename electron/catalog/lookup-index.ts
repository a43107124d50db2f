/**
 * The "Look up item" picker's name index: every word of the four names of the look-up items
 * (a few thousand even in a million-product catalog), folded like the FTS index (case,
 * diacritics, ł, ё), in memory. A query word matches a name word it prefixes, or — from 4
 * letters — a prefix of it one typo away (one letter wrong, missing, extra, or two swapped).
 * A query of digits matches PLU codes by prefix. Pure: no SQLite, no I/O.
 */
import type { Product } from '../checkout/product';
import { comparable } from './search';

/** Query words of this length or more may carry one typo. */
const TYPO_FROM = 4;
const MAX_QUERY_LENGTH = 40;

/** True when `a` and `b` differ by at most one substitution, insertion, deletion or adjacent swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** How well query word `q` fits name word `w`: 4 whole word, 3 prefix, 1 prefix with a typo, 0 none. */
function wordScore(q: string, w: string): number {
  if (w === q) return 4;
  if (w.startsWith(q)) return 3;
  if (q.length < TYPO_FROM) return 0;
  for (let n = q.length - 1; n <= q.length + 1; n++) {
    if (n <= w.length && withinOneEdit(q, w.slice(0, n))) return 1;
  }
  return 0;
}

interface Entry {
  product: Product;
  /** Distinct folded words of all four names. */
  words: string[];
  /** Folded first word of each name (a match there ranks higher). */
  firsts: Set<string>;
}

export interface LookupHit {
  product: Product;
  score: number;
}

export class LookupIndex {
  private readonly entries: Entry[];

  constructor(readonly items: readonly Product[]) {
    this.entries = items.map((product) => {
      const names = [product.name.en, product.name.et, product.name.pl, product.name.ru].map(comparable);
      const words = [...new Set(names.flatMap((n) => n.split(' ')).filter((w) => w !== ''))];
      return { product, words, firsts: new Set(names.map((n) => n.split(' ')[0] ?? '')) };
    });
  }

  /**
   * Look-up items matching every word of `query` (any language), best first: whole words over
   * prefixes over typos, a name's first word +1; ties keep the index order. Digits only: PLU
   * prefix, the exact code first. At most `limit` hits.
   */
  search(query: string, limit = 60): LookupHit[] {
    const q = query.slice(0, MAX_QUERY_LENGTH).trim();
    if (/^\d+$/.test(q)) {
      return this.entries
        .filter((e) => e.product.plu?.startsWith(q))
        .map((e) => ({ product: e.product, score: e.product.plu === q ? 2 : 1 }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
    }
    const words = comparable(q).split(' ').filter((w) => w !== '').slice(0, 8);
    if (words.length === 0) return [];
    const hits: LookupHit[] = [];
    for (const e of this.entries) {
      let total = 0;
      for (const q of words) {
        let best = 0;
        for (const w of e.words) {
          const s = wordScore(q, w);
          if (s > best) best = s + (e.firsts.has(w) ? 0.5 : 0);
          if (best >= 4) break;
        }
        if (best === 0) {
          total = 0;
          break;
        }
        total += best;
      }
      if (total > 0) hits.push({ product: e.product, score: total });
    }
    // Stable sort: equal scores keep the catalog's order (category, then English name).
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
