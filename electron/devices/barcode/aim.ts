import { stepFail, type Step, type Symbology } from './types';

/**
 * AIM symbology identifiers (ISO/IEC 15424): "]" + code letter + modifier. Only the
 * identifiers Kassa acts on are named; any other well-formed one reads as 'unknown'
 * and its data can only become a 'text' code.
 */
export type AimReading =
  /** EAN/UPC family; `ean8` for ]E4. */
  | { family: 'ean'; ean8: boolean }
  /** A GS1 element string follows (FNC1 in first position). */
  | { family: 'gs1'; symbology: Symbology }
  /** ITF: 14 digits are a GTIN-14 (ITF-14), anything else is text. */
  | { family: 'itf' }
  /** Plain data: text. */
  | { family: 'text'; symbology: Symbology };

export interface AimPrefix {
  id: string;
  reading: AimReading;
  data: string;
}

/** The GS1 identifiers accepted even when the scanner is not set up to send AIM prefixes. */
export const GS1_AIM_IDS = [']C1', ']e0', ']d2', ']Q3'] as const;

const KNOWN: Record<string, AimReading> = {
  ']E0': { family: 'ean', ean8: false },
  ']E4': { family: 'ean', ean8: true },
  ']C0': { family: 'text', symbology: 'Code128' },
  ']C1': { family: 'gs1', symbology: 'GS1-128' },
  ']C2': { family: 'text', symbology: 'Code128' },
  ']C4': { family: 'text', symbology: 'Code128' },
  ']d0': { family: 'text', symbology: 'DataMatrix' },
  ']d1': { family: 'text', symbology: 'DataMatrix' },
  ']d2': { family: 'gs1', symbology: 'GS1-DataMatrix' },
  ']e0': { family: 'gs1', symbology: 'GS1-DataBar' },
  ']I0': { family: 'itf' },
  ']I1': { family: 'itf' },
  ']Q0': { family: 'text', symbology: 'QR' },
  ']Q1': { family: 'text', symbology: 'QR' },
  ']Q2': { family: 'text', symbology: 'QR' },
  ']Q3': { family: 'gs1', symbology: 'QR' },
};
for (const m of '01234567') KNOWN[`]A${m}`] = { family: 'text', symbology: 'Code39' };

// Letters whose modifiers we know completely: another modifier on them is a bad prefix.
const STRICT_LETTERS = new Set(['E', 'C', 'd', 'e', 'I', 'Q', 'A']);

/**
 * Splits the AIM identifier off `raw`. Errors (BAD_PREFIX) when the identifier is missing or
 * malformed, or names an impossible modifier of a symbology we know (e.g. "]E9").
 */
export function readAimPrefix(raw: string): Step<AimPrefix> {
  const m = /^\]([A-Za-z])([0-9A-Za-z])/.exec(raw);
  if (!m) return stepFail('BAD_PREFIX', `missing or malformed AIM symbology identifier (got ${JSON.stringify(raw.slice(0, 3))})`);
  const id = m[0];
  const data = raw.slice(3);
  const known = KNOWN[id];
  if (known) return { ok: true, value: { id, reading: known, data } };
  if (STRICT_LETTERS.has(m[1] ?? '')) return stepFail('BAD_PREFIX', `unsupported AIM identifier ${id}`);
  return { ok: true, value: { id, reading: { family: 'text', symbology: 'unknown' }, data } };
}

/** The GS1 identifier that starts `raw`, if any (accepted without `aimPrefix`). */
export function gs1AimId(raw: string): (typeof GS1_AIM_IDS)[number] | null {
  const head = raw.slice(0, 3);
  return (GS1_AIM_IDS as readonly string[]).includes(head) ? (head as (typeof GS1_AIM_IDS)[number]) : null;
}

/** The Symbology a GS1 AIM identifier stands for. */
export function gs1Symbology(id: string): Symbology {
  const r = KNOWN[id];
  return r && r.family === 'gs1' ? r.symbology : 'unknown';
}
