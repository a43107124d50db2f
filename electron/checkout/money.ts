/**
 * Money is an integer number of cents (minor units) everywhere inside Kassa.
 * Rounding rule for every derived amount: half away from zero ("commercial rounding"),
 * applied once per derived amount, always on integers (numerator / denominator).
 */
export type Cents = number;

export class MoneyError extends Error {
  readonly kind = 'MoneyError';
}

export function assertCents(x: number, what = 'amount'): Cents {
  if (!Number.isSafeInteger(x)) throw new MoneyError(`${what} must be an integer number of cents, got ${x}`);
  return x;
}

/** round(numerator / denominator), half away from zero, on integers only. */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new MoneyError(`divRound needs integers and a non-zero denominator (${numerator}/${denominator})`);
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (r * 2 >= d ? q + 1 : q);
}

/**
 * Cents to a decimal number for an external API (SWiP, Smarts). Built from the integer
 * digits, so 1999 becomes exactly the double nearest to 19.99.
 */
export function centsToDecimal(cents: Cents): number {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return Number(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/**
 * A decimal amount from an external API to cents. Parses the decimal text, never multiplies
 * floats. More than 2 decimals is rounded half away from zero (19.995 → 2000), after
 * trimming float noise (19.990000000000002 → 1999).
 */
export function decimalToCents(value: number | string): Cents {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new MoneyError(`not a decimal amount: ${JSON.stringify(value)}`);
  const sign = m[1] === '-' ? -1 : 1;
  const whole = m[2] ?? '0';
  const frac = (m[3] ?? '').padEnd(3, '0');
  let cents = Number(whole) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  return assertCents(sign * cents, 'converted amount');
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new MoneyError(`not a finite amount: ${n}`);
  // 12 significant decimals removes binary noise without touching real cents.
  const s = n.toFixed(6);
  return s.replace(/0+$/, '').replace(/\.$/, '');
}
