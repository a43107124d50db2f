/**
 * Name search text handling and ranking. SQLite's unicode61 tokenizer (remove_diacritics 2)
 * folds case and Latin diacritics (õ ä ö ü š ž ą ć ę ń ó ś ź ż), but not letters without a
 * Unicode decomposition: Polish ł and Russian ё would need the exact letter. Both the indexed
 * names and the query go through foldForSearch, so "losos" finds "Łosoś" and "ежик" "Ёжик".
 */

const EXTRA_FOLDS: Record<string, string> = { ł: 'l', Ł: 'L', ё: 'е', Ё: 'Е', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D' };
const EXTRA_FOLD_RE = /[łŁёЁøØđĐ]/g;

/** Folds the letters the FTS tokenizer does not fold itself; other text is unchanged. */
export function foldForSearch(text: string): string {
  return text.replace(EXTRA_FOLD_RE, (c) => EXTRA_FOLDS[c] ?? c);
}

/**
 * SQL for the text indexed for one product: its four names (columns of `products`) joined by
 * spaces, with foldForSearch's letters folded by SQL replace(). Evaluated inside SQLite
 * (`INSERT INTO products_fts ... SELECT ... FROM products`), so a bulk load passes no name
 * through JS a second time: a JS regex fold of a million names costs about a second.
 */
export function searchTextSql(names: readonly [string, string, string, string] = ['name_en', 'name_et', 'name_pl', 'name_ru']): string {
  let sql = names.map((n) => `(${n})`).join(` || ' ' || `);
  for (const [from, to] of Object.entries(EXTRA_FOLDS)) sql = `replace(${sql}, '${from}', '${to}')`;
  return sql;
}

/**
 * Which of foldForSearch's letters occur in a product's four names, as FOLD bits (0 for most
 * products). A bulk load stores them in `products.search_fold`, so the index's SQL runs the
 * `replace()` calls only for the letters a row holds (see searchTextSqlByFlag).
 */
export const FOLD = { l: 1, yo: 2, other: 4, all: 7 } as const;

export function foldFlags(en: string, et: string, pl: string, ru: string): number {
  return foldFlagsOf(en) | foldFlagsOf(et) | foldFlagsOf(pl) | foldFlagsOf(ru);
}

function foldFlagsOf(s: string): number {
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd8) continue;
    if (c === 0x142 || c === 0x141) bits |= FOLD.l;
    else if (c === 0x451 || c === 0x401) bits |= FOLD.yo;
    else if (c === 0xf8 || c === 0xd8 || c === 0x111 || c === 0x110) bits |= FOLD.other;
  }
  return bits;
}

/**
 * searchTextSql for a bulk load: the names joined as there, folded only by the `replace()`s of
 * the letters `products.search_fold` says the row holds (eight nested `replace()`s allocate
 * and copy the ~100-character text eight times for every product, most of which need none).
 * A row with an unknown mix (the column's default for rows from before migration 5) gets all.
 */
export function searchTextSqlByFlag(): string {
  const joined = ['name_en', 'name_et', 'name_pl', 'name_ru'].map((n) => `(${n})`).join(` || ' ' || `);
  const fold = (text: string, letters: string) => {
    let sql = text;
    for (const c of letters) sql = `replace(${sql}, '${c}', '${EXTRA_FOLDS[c]!}')`;
    return sql;
  };
  return `CASE search_fold WHEN 0 THEN ${joined} WHEN ${FOLD.l} THEN ${fold(joined, 'łŁ')} WHEN ${FOLD.yo} THEN ${fold(joined, 'ёЁ')} ELSE ${searchTextSql()} END`;
}

/** At most this many words of a query are used; the rest adds little and costs time. */
const MAX_QUERY_WORDS = 8;
/** Words shorter than this are dropped: "m"* matches a large part of any catalog. */
const MIN_WORD_LENGTH = 2;

// Same word characters as unicode61 (categories L*, N*, Co): a word here is exactly one token
// there, so no query can turn into a phrase or an FTS operator.
const WORD_BREAK = /[^\p{L}\p{N}\p{Co}]+/u;

/** Lower-case letter → the same letter without its diacritic, built once from NFD. */
const STRIP = new Map<string, string>();
for (let code = 0xc0; code <= 0x24f; code++) {
  const c = String.fromCharCode(code).toLowerCase();
  const base = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base !== c && base.length === 1) STRIP.set(c, base);
}
const DIACRITIC_LETTER = /[\u00c0-\u024f]/g;
// After lower-casing: anything that is not a Latin or Cyrillic letter or a digit separates words.
const SEPARATORS = /[^0-9a-z\u00c0-\u024f\u0400-\u04ff]+/g;

/**
 * Text → lower-case words without Latin diacritics, ł/ё folded, joined by single spaces. Table
 * driven rather than NFD: it runs for hundreds of names per keystroke.
 */
export function comparable(text: string): string {
  return foldForSearch(text.toLowerCase())
    .replace(DIACRITIC_LETTER, (c) => STRIP.get(c) ?? c)
    .replace(SEPARATORS, ' ')
    .trim();
}

/** A customer's query → the words to search for (folded, at least 2 characters, at most 8). */
export function queryWords(query: string): string[] {
  return foldForSearch(query.normalize('NFC').toLowerCase())
    .split(WORD_BREAK)
    .filter((w) => w.length >= MIN_WORD_LENGTH)
    .slice(0, MAX_QUERY_WORDS);
}

/**
 * Query words → an FTS5 MATCH expression where every word must match as a prefix
 * (`"mil"* "2"*`). Each word is a quoted string of token characters, so FTS syntax (quotes,
 * AND, NEAR, parentheses, column filters) in the query can never reach the FTS parser.
 */
export function toMatchExpression(words: readonly string[]): string {
  return words.map((w) => `"${w}"*`).join(' ');
}

interface Named {
  id: number;
  name_en: string;
  name_et: string;
  name_pl: string;
  name_ru: string;
}

/**
 * Scores one name: per query word 3 for a whole word, 2 for a word prefix, +1 when the name
 * starts with it; +2 when every query word is in this one name; shorter names win ties.
 * Plain string search on a padded text: this runs for hundreds of candidates per keystroke.
 */
function scoreName(name: string, words: readonly string[]): number {
  const text = ` ${comparable(name)} `;
  let score = 0;
  let found = 0;
  for (const w of words) {
    const s = text.includes(` ${w} `) ? 3 : text.includes(` ${w}`) ? 2 : 0;
    if (s === 0) continue;
    found++;
    score += s + (text.startsWith(` ${w}`) ? 1 : 0);
  }
  if (found === words.length) score += 2;
  return score - text.length / 1000;
}

/** Orders candidate rows by how well their best-matching language name fits; id breaks ties. */
export function rankByName<T extends Named>(rows: readonly T[], queryWords: readonly string[], limit: number): T[] {
  const words = queryWords.map(comparable).filter((w) => w !== '');
  const scored = rows.map((row) => ({
    row,
    score: Math.max(scoreName(row.name_en, words), scoreName(row.name_et, words), scoreName(row.name_pl, words), scoreName(row.name_ru, words)),
  }));
  scored.sort((a, b) => b.score - a.score || a.row.id - b.row.id);
  return scored.slice(0, limit).map((s) => s.row);
}
