/**
 * The sandbox's own money helpers (it shares no code with the kiosk). Inside: integer cents.
 * At the wire: decimal numbers, parsed from their text (never float multiplication).
 */

/** round(n / d) half away from zero, integers only. */
export function divRound(n: number, d: number): number {
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) throw new Error(`divRound needs integers (${n}/${d})`);
  const sign = Math.sign(n) * Math.sign(d);
  const an = Math.abs(n);
  const ad = Math.abs(d);
  const q = Math.floor(an / ad);
  return sign * ((an - q * ad) * 2 >= ad ? q + 1 : q);
}

/** 1999 → 19.99 (the double nearest to the decimal text). */
export function toDecimal(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new Error(`not whole cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return Number(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/**
 * A wire amount (JSON number or numeric string) to cents. Float noise is trimmed (6 decimals);
 * a third decimal rounds half away from zero.
 */
export function toCents(value: number | string): number {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite amount: ${value}`);
    text = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  } else {
    text = value.trim();
  }
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) throw new Error(`amount too large: ${text}`);
  return m[1] === '-' ? -cents : cents;
}

/**
 * Splits `total` cents over `weights` pro rata (largest remainder, ties to the earlier line):
 * integer parts that sum exactly to `total`; no part exceeds its weight when total ≤ Σ weights.
 */
export function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const order = weights
    .map((w, i) => ({ i, rem: (total * w) % sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  let left = total - parts.reduce((s, p) => s + p, 0);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
