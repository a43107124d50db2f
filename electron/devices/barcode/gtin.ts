/**
 * GTIN arithmetic shared by the barcode parser and the catalog: mod-10 check digits
 * (GS1 General Specifications §7.9) and normalisation of EAN-8, UPC-A, EAN-13 and GTIN-14
 * to one 14-digit key. Pure.
 */

/** The GS1 mod-10 check digit for a string of digits without its check digit. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error(`gtinCheckDigit needs digits, got ${JSON.stringify(body)}`);
  let sum = 0;
  // Weights alternate 3,1,3,... starting from the rightmost digit of the body.
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += Number(body[i]) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when `code` (8, 12, 13 or 14 digits) ends in its correct check digit. */
export function hasValidCheckDigit(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** EAN-8/UPC-A/EAN-13/GTIN-14 → 14 digits (left-padded with zeros), or null if invalid. */
export function toGtin14(code: string): string | null {
  return hasValidCheckDigit(code) ? code.padStart(14, '0') : null;
}

/** Replaces the last digit of `code` with its correct check digit. */
export function withCheckDigit(bodyAndAnyDigit: string): string {
  const body = bodyAndAnyDigit.slice(0, -1);
  return body + String(gtinCheckDigit(body));
}
