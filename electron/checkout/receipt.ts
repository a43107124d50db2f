/**
 * The receipt as the customer gets it: a plain data model filled by the engine from the
 * closed basket and payment. Pure: no I/O, no printer knowledge (layout is in
 * receipt-layout.ts, bytes are made in devices/printer).
 */
import type { Cents } from './money';
import type { Currency } from './currency';
import type { Lang } from './lang';

export type ReceiptQuantity = { kind: 'pieces'; count: number } | { kind: 'weight'; grams: number };

export interface ReceiptLine {
  name: string;
  quantity: ReceiptQuantity;
  /** Price in cents, VAT included: per piece, or per kilogram for weight lines. */
  unitPriceCents: Cents;
  /** Line total in cents, VAT included (before receipt-level discounts). */
  totalCents: Cents;
  /** VAT rate in basis points (2200 = 22 %). */
  vatRateBp: number;
}

export interface ReceiptVatRow {
  rateBp: number;
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
}

export interface ReceiptPayment {
  provider: 'swip' | 'terminal' | 'inpost' | 'smarts';
  orderNumber?: string;
  method?: string;
  maskedPan?: string;
  authCode?: string;
  /** The payment terminal's own slip text, printed verbatim (lines split on \n). */
  slip?: string;
}

export interface Receipt {
  store: { name: string; address: string[]; registrationNo?: string; vatNo?: string };
  kioskId: string;
  receiptNo: string;
  /** Issue time, epoch milliseconds. */
  issuedAt: number;
  /** IANA zone the time is printed in, e.g. "Europe/Tallinn". */
  timeZone: string;
  lang: Lang;
  /** The store's currency; default EUR. */
  currency?: Currency;
  lines: ReceiptLine[];
  /** Receipt-level discounts; amountCents positive = money off. */
  discounts: Array<{ description: string; amountCents: Cents }>;
  /** Cash rounding, signed cents (added to the total). */
  rounding?: { amountCents: Cents };
  vat: ReceiptVatRow[];
  /** Amount to pay in cents, after discounts and rounding. */
  totalCents: Cents;
  payment?: ReceiptPayment;
  /** Order reference or digital-receipt link, printed as a QR code with a caption. */
  qr?: { text: string; caption: string };
  footer: string[];
  /** Set on reprints: the receipt carries a "COPY" header. Default false. */
  copy?: boolean;
}

export class ReceiptError extends Error {
  readonly kind = 'ReceiptError';
  constructor(
    readonly code: 'lines-total' | 'total' | 'vat-row' | 'vat-total' | 'not-integer' | 'empty',
    message: string,
  ) {
    super(message);
  }
}

function int(x: number, what: string): void {
  if (!Number.isSafeInteger(x)) throw new ReceiptError('not-integer', `${what} must be an integer, got ${x}`);
}

/**
 * Asserts the receipt adds up: lines − discounts + rounding = total; each VAT row has
 * net + VAT = gross; VAT rows' gross sums to the total before cash rounding (rounding is
 * not a sale and carries no VAT). Throws ReceiptError on the first mismatch.
 */
export function checkReceipt(r: Receipt): void {
  if (r.lines.length === 0) throw new ReceiptError('empty', 'receipt has no lines');
  let sum = 0;
  r.lines.forEach((l, i) => {
    int(l.totalCents, `lines[${i}].totalCents`);
    int(l.unitPriceCents, `lines[${i}].unitPriceCents`);
    int(l.vatRateBp, `lines[${i}].vatRateBp`);
    int(l.quantity.kind === 'pieces' ? l.quantity.count : l.quantity.grams, `lines[${i}].quantity`);
    sum += l.totalCents;
  });
  for (const [i, d] of r.discounts.entries()) {
    int(d.amountCents, `discounts[${i}].amountCents`);
    sum -= d.amountCents;
  }
  const rounding = r.rounding?.amountCents ?? 0;
  int(rounding, 'rounding.amountCents');
  int(r.totalCents, 'totalCents');
  if (sum + rounding !== r.totalCents) {
    throw new ReceiptError('total', `lines − discounts + rounding = ${sum + rounding}, but totalCents = ${r.totalCents}`);
  }
  let gross = 0;
  for (const [i, v] of r.vat.entries()) {
    for (const k of ['rateBp', 'netCents', 'vatCents', 'grossCents'] as const) int(v[k], `vat[${i}].${k}`);
    if (v.netCents + v.vatCents !== v.grossCents) {
      throw new ReceiptError('vat-row', `vat[${i}]: net ${v.netCents} + VAT ${v.vatCents} ≠ gross ${v.grossCents}`);
    }
    gross += v.grossCents;
  }
  if (gross !== r.totalCents - rounding) {
    throw new ReceiptError('vat-total', `VAT rows' gross ${gross} ≠ total before rounding ${r.totalCents - rounding}`);
  }
}

export type ReceiptTextKey =
  | 'kiosk' | 'receiptNo' | 'total' | 'vat' | 'vatRate' | 'net' | 'gross' | 'discount' | 'rounding'
  | 'payment' | 'paidWith' | 'card' | 'authCode' | 'orderNo' | 'change' | 'copy' | 'regNo' | 'vatNo';

const TEXTS: Record<ReceiptTextKey, Record<Lang, string>> = {
  kiosk: { en: 'Kiosk', et: 'Kassa', pl: 'Kasa', ru: 'Касса' },
  receiptNo: { en: 'Receipt', et: 'Tšekk', pl: 'Paragon', ru: 'Чек' },
  total: { en: 'TOTAL', et: 'KOKKU', pl: 'RAZEM', ru: 'ИТОГО' },
  vat: { en: 'VAT', et: 'KM', pl: 'VAT', ru: 'НДС' },
  vatRate: { en: 'VAT %', et: 'KM %', pl: 'VAT %', ru: 'НДС %' },
  net: { en: 'Net', et: 'Neto', pl: 'Netto', ru: 'Без НДС' },
  gross: { en: 'Gross', et: 'Bruto', pl: 'Brutto', ru: 'С НДС' },
  discount: { en: 'Discount', et: 'Soodustus', pl: 'Rabat', ru: 'Скидка' },
  rounding: { en: 'Rounding', et: 'Ümardus', pl: 'Zaokrąglenie', ru: 'Округление' },
  payment: { en: 'Payment', et: 'Makse', pl: 'Płatność', ru: 'Оплата' },
  paidWith: { en: 'Paid with', et: 'Makseviis', pl: 'Zapłacono', ru: 'Способ оплаты' },
  card: { en: 'Card', et: 'Kaart', pl: 'Karta', ru: 'Карта' },
  authCode: { en: 'Auth code', et: 'Autoriseerimiskood', pl: 'Kod autoryzacji', ru: 'Код авторизации' },
  orderNo: { en: 'Order', et: 'Tellimus', pl: 'Zamówienie', ru: 'Заказ' },
  change: { en: 'Change', et: 'Tagasi', pl: 'Reszta', ru: 'Сдача' },
  copy: { en: 'COPY', et: 'KOOPIA', pl: 'KOPIA', ru: 'КОПИЯ' },
  regNo: { en: 'Reg. no', et: 'Registrikood', pl: 'Nr rej.', ru: 'Рег. код' },
  vatNo: { en: 'VAT no', et: 'KMKR nr', pl: 'Nr VAT', ru: 'Номер НДС' },
};

/** A fixed receipt label (TOTAL, VAT, Change…) in the receipt's language. */
export function receiptText(key: ReceiptTextKey, lang: Lang): string {
  return TEXTS[key][lang];
}
