/**
 * Receipt layout: a pure function from the Receipt model and a paper width in columns to
 * printable rows. Every row is already padded/aligned for a fixed-pitch font, so the
 * printer encoder only adds styles, code pages, QR and cut, and the virtual printer's
 * text output can be compared row by row with this.
 *
 * Number rule: amounts are integer cents printed as units + 2 decimals, with a comma
 * decimal separator for et/pl/ru and a dot for en ("12,34" / "12.34"), no thousands
 * grouping, a leading "-" when negative. Weights are grams printed as kg with 3 decimals
 * using the same separator ("1,234 kg"). The currency sign (the receipt's currency, e.g. "€" or
 * "zł") follows the total and the per-kg price.
 */
import { reflowSlip } from './slip-layout';
import { currencySign, DEFAULT_CURRENCY } from './currency';
import type { Lang } from './lang';
import { receiptText, type Receipt, type ReceiptLine } from './receipt';

export type ReceiptBlock =
  | { kind: 'text'; text: string; bold?: boolean; tall?: boolean }
  | { kind: 'qr'; text: string }
  | { kind: 'blank' };

export function decimalSeparator(lang: Lang): string {
  return lang === 'en' ? '.' : ',';
}

function fixed(value: number, divisor: number, digits: number, lang: Lang): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / divisor);
  const frac = String(abs - whole * divisor).padStart(digits, '0');
  return `${sign}${whole}${decimalSeparator(lang)}${frac}`;
}

/** Cents as "12,34" (et/pl/ru) or "12.34" (en); integer math only. */
export function formatMoney(cents: number, lang: Lang): string {
  return fixed(cents, 100, 2, lang);
}

/** Grams as kilograms with 3 decimals: 1234 → "1,234 kg" (et/pl/ru) or "1.234 kg" (en). */
export function formatWeight(grams: number, lang: Lang): string {
  return `${fixed(grams, 1000, 3, lang)} kg`;
}

/** VAT rate in basis points as a percentage without trailing zeros: 2200 → "22%", 550 → "5,5%". */
export function formatRate(rateBp: number, lang: Lang): string {
  const whole = Math.floor(rateBp / 100);
  const frac = String(rateBp % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}${decimalSeparator(lang)}${frac}%` : `${whole}%`;
}

/** Issue time in the receipt's zone: "2026-03-14 15:04:05" (en) or "14.03.2026 15:04:05". */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatIssuedAt(epochMs: number, timeZone: string, lang: Lang): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    dateFormats.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(epochMs));
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '??';
  const time = `${p('hour')}:${p('minute')}:${p('second')}`;
  return lang === 'en' ? `${p('year')}-${p('month')}-${p('day')} ${time}` : `${p('day')}.${p('month')}.${p('year')} ${time}`;
}

/** Word-wraps to width; words longer than width are cut hard. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (cur) { out.push(cur); cur = ''; }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
    else { out.push(cur); cur = w; }
  }
  if (cur) out.push(cur);
  return out.length ? out : [''];
}

export function center(text: string, width: number): string {
  const t = text.trim();
  return t.length >= width ? t : ' '.repeat(Math.floor((width - t.length) / 2)) + t;
}

/** Left text and right text on one row; if they do not fit, the left wraps above. */
export function leftRight(left: string, right: string, width: number): string[] {
  if (left.length + 1 + right.length <= width) return [left + ' '.repeat(width - left.length - right.length) + right];
  const rows = wrap(left, width);
  const last = rows[rows.length - 1] ?? '';
  if (last.length + 1 + right.length <= width) {
    rows[rows.length - 1] = last + ' '.repeat(width - last.length - right.length) + right;
    return rows;
  }
  return [...rows, right.padStart(width)];
}

function itemRows(l: ReceiptLine, lang: Lang, width: number, sign: string): string[] {
  const total = formatMoney(l.totalCents, lang);
  if (l.quantity.kind === 'pieces' && l.quantity.count === 1) return leftRight(l.name, total, width);
  const detail = l.quantity.kind === 'pieces'
    ? `  ${l.quantity.count} × ${formatMoney(l.unitPriceCents, lang)}`
    : `  ${formatWeight(l.quantity.grams, lang)} × ${formatMoney(l.unitPriceCents, lang)} ${sign}/kg`;
  return [...wrap(l.name, width), ...leftRight(detail, total, width)];
}

function vatRows(r: Receipt, width: number): string[] {
  const w = Math.floor((width - 8) / 3);
  const first = width - 3 * w;
  const row = (a: string, b: string, c: string, d: string) =>
    a.slice(0, first - 1).padEnd(first) + b.padStart(w) + c.padStart(w) + d.padStart(w);
  const t = (k: Parameters<typeof receiptText>[0]) => receiptText(k, r.lang).slice(0, w - 1);
  return [
    row(receiptText('vatRate', r.lang), t('net'), t('vat'), t('gross')),
    ...r.vat.map((v) => row(formatRate(v.rateBp, r.lang), formatMoney(v.netCents, r.lang),
      formatMoney(v.vatCents, r.lang), formatMoney(v.grossCents, r.lang))),
  ];
}

function paymentRows(r: Receipt, width: number): string[] {
  const p = r.payment;
  if (!p) return [];
  const L = r.lang;
  const method = [p.method ?? (p.provider === 'terminal' ? receiptText('card', L) : p.provider.toUpperCase()), p.maskedPan]
    .filter(Boolean).join(' ');
  const rows = leftRight(receiptText('paidWith', L) + ':', method, width);
  if (p.orderNumber) rows.push(...leftRight(receiptText('orderNo', L) + ':', p.orderNumber, width));
  if (p.authCode) rows.push(...leftRight(receiptText('authCode', L) + ':', p.authCode, width));
  if (p.slip) {
    rows.push('');
    rows.push(...reflowSlip(p.slip, width));
  }
  return rows;
}

/** The receipt as rows for a paper width of `columns` characters (font A). */
export function layoutReceipt(r: Receipt, columns: number): ReceiptBlock[] {
  const W = columns;
  const L = r.lang;
  const sign = currencySign(r.currency ?? DEFAULT_CURRENCY, L).symbol;
  const out: ReceiptBlock[] = [];
  const text = (rows: string[], style: { bold?: boolean; tall?: boolean } = {}) => {
    for (const t of rows) out.push({ kind: 'text', text: t.normalize('NFC'), ...style });
  };
  const rule = (ch = '-') => text([ch.repeat(W)]);

  if (r.copy) text([center(`*** ${receiptText('copy', L)} ***`, W)], { bold: true, tall: true });
  text(wrap(r.store.name, W).map((s) => center(s, W)), { bold: true });
  text(r.store.address.flatMap((a) => wrap(a, W)).map((s) => center(s, W)));
  if (r.store.registrationNo) text(wrap(`${receiptText('regNo', L)}: ${r.store.registrationNo}`, W).map((s) => center(s, W)));
  if (r.store.vatNo) text(wrap(`${receiptText('vatNo', L)}: ${r.store.vatNo}`, W).map((s) => center(s, W)));
  rule();
  text(leftRight(`${receiptText('kiosk', L)}: ${r.kioskId}`, `${receiptText('receiptNo', L)}: ${r.receiptNo}`, W));
  text([formatIssuedAt(r.issuedAt, r.timeZone, L)]);
  rule();
  for (const l of r.lines) text(itemRows(l, L, W, sign));
  if (r.discounts.length || r.rounding) {
    rule();
    for (const d of r.discounts) text(leftRight(d.description, formatMoney(-d.amountCents, L), W));
    if (r.rounding) text(leftRight(receiptText('rounding', L), formatMoney(r.rounding.amountCents, L), W));
  }
  rule('=');
  text(leftRight(receiptText('total', L), `${formatMoney(r.totalCents, L)} ${sign}`, W), { bold: true, tall: true });
  rule('=');
  text(vatRows(r, W));
  const pay = paymentRows(r, W);
  if (pay.length) {
    rule();
    text(pay);
  }
  if (r.qr) {
    out.push({ kind: 'blank' });
    out.push({ kind: 'qr', text: r.qr.text });
    text(wrap(r.qr.caption, W).map((s) => center(s, W)));
  }
  if (r.footer.length) {
    out.push({ kind: 'blank' });
    text(r.footer.flatMap((f) => wrap(f, W)).map((s) => center(s, W)));
  }
  return out;
}

/** The layout as plain text rows (QR shown as "[QR: …]"): for previews and tests. */
export function receiptPlainText(r: Receipt, columns: number): string {
  return layoutReceipt(r, columns)
    .map((b) => (b.kind === 'text' ? b.text.trimEnd() : b.kind === 'qr' ? `[QR: ${b.text}]` : ''))
    .join('\n');
}
