/**
 * Characters a printer's code pages do not have, replaced by the closest one they do before
 * encoding, so "SWiP welcome −5 %" prints a hyphen instead of '?'. Every replacement is one
 * character for one character: the layout's columns stay aligned.
 *
 * Order: the character itself when some candidate page has it; else the table below (typographic
 * dashes, quotes, spaces and symbols); else the letter without its accents (NFD base, "ő" → "o")
 * when a page has that; else '?', as the encoder would print it.
 */
import type { RowCodepages } from './text-bytes';

/** One-character stand-ins for typography receipts meet (names, loyalty texts, slips). */
const TABLE: Readonly<Record<string, string>> = {
  '\u2212': '-', // minus sign
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-',
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2039': '<', '\u203a': '>',
  '\u2026': '.', '\u2022': '*', '\u00b7': '.', '\u2219': '.',
  '\u00d7': 'x', '\u2715': 'x', '\u00f7': '/', '\u2044': '/',
  '\u00a0': ' ', '\u2007': ' ', '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2116': 'N', // numero sign (Russian receipts)
  '\u2122': 'T', '\u00ae': 'R', '\u00a9': 'C',
};

const COMBINING = /[\u0300-\u036f]/g;

function pageHas(rc: RowCodepages, p: number): boolean {
  return p !== 0xfffd && rc.pages.some((page) => page.bytes.has(p));
}

const cache = new WeakMap<RowCodepages, Map<string, string>>();

/** The character (a single UTF-16 unit) as this printer can print it. */
function printableChar(ch: string, rc: RowCodepages, memo: Map<string, string>): string {
  const known = memo.get(ch);
  if (known !== undefined) return known;
  let out = ch;
  if (!pageHas(rc, ch.charCodeAt(0))) {
    const table = TABLE[ch];
    const base = ch.normalize('NFD').replace(COMBINING, '');
    if (table !== undefined && pageHas(rc, table.charCodeAt(0))) out = table;
    else if (base.length === 1 && base !== ch && pageHas(rc, base.charCodeAt(0))) out = base;
    else out = '?';
  }
  memo.set(ch, out);
  return out;
}

/**
 * The text with every character the printer's pages lack replaced (same length in UTF-16
 * units). Astral characters (emoji) are left alone: the encoder prints each of their two
 * units as '?', which keeps the width the layout counted.
 */
export function printableText(text: string, rc: RowCodepages): string {
  let memo = cache.get(rc);
  if (!memo) {
    memo = new Map();
    cache.set(rc, memo);
  }
  // Fast exit: plain ASCII is in every page.
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7e) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) out += text[i];
    else out += c <= 0x7e ? text[i] : printableChar(text[i]!, rc, memo);
  }
  return out;
}
