/**
 * The GS1 Application Identifiers Kassa understands (GS1 General Specifications §3).
 * Anything else is refused by name: a grocery kiosk should not guess at logistics data.
 * To add one: a row here; decoding into named fields lives in gs1.ts.
 */

/** N = digits only; X = GS1 AI encodable character set 82. */
export type AiCharset = 'N' | 'X';

export interface AiSpec {
  ai: string;
  title: string;
  charset: AiCharset;
  /** Exact length of the value, when fixed. */
  fixed?: number;
  /** Longest value, when variable (terminated by GS / end of data). */
  max?: number;
  /** The value carries a GS1 mod-10 check digit. */
  checkDigit?: boolean;
  /** The value is a YYMMDD date. */
  date?: boolean;
  /** Implied decimal places (the 4th AI digit of 310n / 392n). */
  decimals?: number;
}

const TABLE: AiSpec[] = [
  { ai: '00', title: 'SSCC', charset: 'N', fixed: 18, checkDigit: true },
  { ai: '01', title: 'GTIN', charset: 'N', fixed: 14, checkDigit: true },
  { ai: '02', title: 'CONTENT', charset: 'N', fixed: 14, checkDigit: true },
  { ai: '10', title: 'BATCH/LOT', charset: 'X', max: 20 },
  { ai: '11', title: 'PROD DATE', charset: 'N', fixed: 6, date: true },
  { ai: '12', title: 'DUE DATE', charset: 'N', fixed: 6, date: true },
  { ai: '13', title: 'PACK DATE', charset: 'N', fixed: 6, date: true },
  { ai: '15', title: 'BEST BEFORE', charset: 'N', fixed: 6, date: true },
  { ai: '16', title: 'SELL BY', charset: 'N', fixed: 6, date: true },
  { ai: '17', title: 'USE BY OR EXPIRY', charset: 'N', fixed: 6, date: true },
  { ai: '20', title: 'VARIANT', charset: 'N', fixed: 2 },
  { ai: '21', title: 'SERIAL', charset: 'X', max: 20 },
  { ai: '22', title: 'CPV', charset: 'X', max: 20 },
  { ai: '240', title: 'ADDITIONAL ID', charset: 'X', max: 30 },
  { ai: '241', title: 'CUST. PART No.', charset: 'X', max: 30 },
  { ai: '30', title: 'VAR. COUNT', charset: 'N', max: 8 },
  { ai: '37', title: 'COUNT', charset: 'N', max: 8 },
  { ai: '400', title: 'ORDER NUMBER', charset: 'X', max: 30 },
  { ai: '410', title: 'SHIP TO LOC', charset: 'N', fixed: 13, checkDigit: true },
  { ai: '414', title: 'LOC No.', charset: 'N', fixed: 13, checkDigit: true },
];
for (let n = 0; n <= 5; n++) {
  TABLE.push({ ai: `310${n}`, title: 'NET WEIGHT (kg)', charset: 'N', fixed: 6, decimals: n });
}
for (let n = 0; n <= 9; n++) {
  TABLE.push({ ai: `390${n}`, title: 'AMOUNT', charset: 'N', max: 15, decimals: n });
  TABLE.push({ ai: `391${n}`, title: 'AMOUNT (ISO currency)', charset: 'N', max: 18, decimals: n });
  TABLE.push({ ai: `392${n}`, title: 'PRICE', charset: 'N', max: 15, decimals: n });
  TABLE.push({ ai: `393${n}`, title: 'PRICE (ISO currency)', charset: 'N', max: 18, decimals: n });
}

const BY_AI = new Map(TABLE.map((s) => [s.ai, s]));

/** The spec of exactly this AI, or undefined. */
export function aiSpec(ai: string): AiSpec | undefined {
  return BY_AI.get(ai);
}

/** The AI at the start of `s` (2, 3 or 4 digits), or undefined when none of ours matches. */
export function matchAi(s: string): AiSpec | undefined {
  for (const len of [2, 3, 4]) {
    const spec = BY_AI.get(s.slice(0, len));
    if (spec) return spec;
  }
  return undefined;
}

/**
 * How many digits the (unknown) AI at the start of `s` has, by its first two digits
 * (GS1 AI length table), so an error can name the AI the label actually carries.
 */
export function aiLengthFromPrefix(s: string): number {
  const p = Number(s.slice(0, 2));
  if (!/^\d\d/.test(s)) return 2;
  if (p >= 23 && p <= 25) return 3;
  if ((p >= 31 && p <= 36) || p === 38 || p === 39) return 4;
  if (p >= 40 && p <= 49) return 3;
  if (p === 71) return 3;
  if (p >= 70 && p <= 89) return 4;
  return 2;
}

// GS1 AI encodable character set 82.
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export function fitsCharset(value: string, charset: AiCharset): boolean {
  return charset === 'N' ? /^\d*$/.test(value) : CSET82.test(value);
}
