import { aiSpec } from './gs1-ai';
import { stepFail, type ScanCode, type Step } from './types';

export type Gs1Fields = Omit<Extract<ScanCode, { kind: 'gs1' }>, 'kind' | 'symbology' | 'raw'>;

/**
 * Checked AI values → the named fields of a 'gs1' ScanCode. Validates every date AI, and
 * turns AI 310n into whole grams and AI 392n into cents without floating point.
 */
export function decodeGs1Fields(ais: Record<string, string>, now: Date): Step<Gs1Fields> {
  const fields: Gs1Fields = { gtin14: ais['01'] ?? null, ais };
  for (const [ai, value] of Object.entries(ais)) {
    const spec = aiSpec(ai);
    if (spec?.date && gs1Date(value, now) === null) return stepFail('BAD_GS1', `AI (${ai}) is not a valid YYMMDD date: ${value}`);
  }
  if (ais['17'] !== undefined) fields.expiry = gs1Date(ais['17'], now) ?? undefined;
  if (ais['15'] !== undefined) fields.bestBefore = gs1Date(ais['15'], now) ?? undefined;
  if (ais['10'] !== undefined) fields.batch = ais['10'];
  if (ais['21'] !== undefined) fields.serial = ais['21'];

  const weight = single(ais, '310');
  if (!weight.ok) return weight;
  if (weight.value) {
    const grams = kilogramsToGrams(weight.value.digits, weight.value.decimals);
    if (grams <= 0) return stepFail('BAD_MEASURE', `AI (${weight.value.ai}) net weight is zero`);
    fields.weightGrams = grams;
  }
  const price = single(ais, '392');
  if (!price.ok) return price;
  if (price.value) {
    const cents = priceToCents(price.value.digits, price.value.decimals);
    if (!cents.ok) return stepFail(cents.code, `AI (${price.value.ai}) ${cents.message}`);
    fields.priceCents = cents.value;
  }
  return { ok: true, value: fields };
}

/** The one AI of a family like 310n / 392n, with its implied decimals from the 4th digit. */
function single(ais: Record<string, string>, family: string): Step<{ ai: string; digits: string; decimals: number } | null> {
  const found = Object.keys(ais).filter((k) => k.length === 4 && k.startsWith(family));
  if (found.length > 1) return stepFail('BAD_GS1', `more than one (${family}n) AI: ${found.join(', ')}`);
  const ai = found[0];
  if (ai === undefined) return { ok: true, value: null };
  return { ok: true, value: { ai, digits: ais[ai] ?? '', decimals: Number(ai[3]) } };
}

/**
 * Kilograms with `decimals` implied decimals → whole grams. Beyond 3 decimals the value is
 * rounded half up to the gram: a 0.5 g difference is below any retail scale's resolution.
 */
export function kilogramsToGrams(digits: string, decimals: number): number {
  const v = Number(digits);
  if (decimals <= 3) return v * 10 ** (3 - decimals);
  const d = 10 ** (decimals - 3);
  return Math.floor(v / d) + (v % d >= d / 2 ? 1 : 0);
}

/** A price with `decimals` implied decimals → cents; refused unless exactly representable. */
export function priceToCents(digits: string, decimals: number): Step<number> {
  let cents = BigInt(digits);
  if (decimals <= 2) cents *= 10n ** BigInt(2 - decimals);
  else {
    const d = 10n ** BigInt(decimals - 2);
    if (cents % d !== 0n) return stepFail('BAD_MEASURE', `price ${digits} with ${decimals} decimals is not a whole number of cents`);
    cents /= d;
  }
  if (cents === 0n) return stepFail('BAD_MEASURE', 'price is zero');
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return stepFail('BAD_MEASURE', 'price is too large');
  return { ok: true, value: Number(cents) };
}

/**
 * GS1 YYMMDD → YYYY-MM-DD, or null if not a date. DD = 00 means the last day of the month.
 * Century by the GS1 sliding window (GenSpecs §7.12): a year 51–99 ahead of `now` is in the
 * previous century, 50–99 behind is in the next one, otherwise the current century.
 */
export function gs1Date(yymmdd: string, now: Date): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12) return null;
  const thisYear = now.getFullYear();
  const diff = yy - (thisYear % 100);
  let year = thisYear - (thisYear % 100) + yy;
  if (diff >= 51) year -= 100;
  else if (diff <= -50) year += 100;
  const lastDay = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd === 0) dd = lastDay;
  if (dd > lastDay) return null;
  return `${String(year).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}
