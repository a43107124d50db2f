import { gtinCheckDigit } from './gtin';

/**
 * UPC-E (zero-suppressed UPC-A) → the 12-digit UPC-A it stands for, per the GS1 rules for
 * the last data digit 0–9. Accepts 8 digits (number system 0/1 + 6 data + check, verified),
 * 7 digits (number system + 6 data) or 6 data digits (number system 0); for 6/7 digits the
 * check digit is computed. Returns null for anything invalid.
 */
export function expandUpcE(upce: string): string | null {
  if (!/^\d{6,8}$/.test(upce)) return null;
  const numberSystem = upce.length === 6 ? '0' : upce.slice(0, 1);
  if (numberSystem !== '0' && numberSystem !== '1') return null;
  const data = upce.length === 6 ? upce : upce.slice(1, 7);
  const body = numberSystem + expandData(data);
  const check = String(gtinCheckDigit(body));
  if (upce.length === 8 && upce[7] !== check) return null;
  return body + check;
}

/** Six UPC-E data digits → manufacturer (5) + item (5) digits of the UPC-A. */
function expandData(d: string): string {
  const last = d.charAt(5);
  switch (last) {
    case '0':
    case '1':
    case '2':
      return d.slice(0, 2) + last + '00' + '00' + d.slice(2, 5);
    case '3':
      return d.slice(0, 3) + '00' + '000' + d.slice(3, 5);
    case '4':
      return d.slice(0, 4) + '0' + '0000' + d.charAt(4);
    default:
      return d.slice(0, 5) + '0000' + last;
  }
}
