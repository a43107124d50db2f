/** The simulator's own money helpers: integer cents inside, decimal numbers on the wire. */

/** 1999 → 19.99. */
export function toDecimal(cents: number): number {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return Number(`${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

/** A wire amount to cents; undefined when it has more than two decimals or is not a finite non-negative number. */
export function toCents(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const text = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

/** 1999 → "19.99" (receipts, the page). */
export function amountText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
