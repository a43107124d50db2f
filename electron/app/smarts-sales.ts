/**
 * Smarts sales on the kiosk's side: a receipt Smarts confirmed as paid (electron/smarts/receipts,
 * table smarts_receipts) is a sale of the store. It is listed in the staff console's order record
 * (method "smarts"), and its receipt, built from what the journal kept, can be printed by staff
 * and carries the digital-receipt link. Pure functions; the wiring is in smarts.ts.
 */
import type { Lang } from '../checkout/lang';
import type { Receipt, ReceiptLine } from '../checkout/receipt';
import type { KassaConfig } from '../config/schema';
import type { OrderRecordView } from '../ipc/view';
import { wireToCents } from '../smarts/prices';
import type { StoredReceipt } from '../smarts/receipts';

/** The order-list row of a paid Smarts receipt. Refunds of Smarts sales are made in Smarts, not here. */
export function smartsOrderView(r: StoredReceipt): OrderRecordView {
  return {
    merchantOrderId: r.receipt.institutionInvoiceId,
    orderNumber: r.receipt.institutionInvoiceId,
    at: r.confirmedAt ?? r.createdAt,
    totalCents: r.cents.totalCents,
    paidCents: r.cents.totalCents,
    refundedCents: 0,
    refundableCents: 0,
    state: 'closed',
    method: 'smarts',
  };
}

/** The digital receipt of a Smarts sale: `printer.digitalReceiptUrl` with {orderRef} = institutionInvoiceId. */
export function smartsDigitalReceipt(r: StoredReceipt, config: KassaConfig): string {
  const id = r.receipt.institutionInvoiceId;
  return config.printer.digitalReceiptUrl?.replace('{orderRef}', encodeURIComponent(id)) ?? `KASSA:${config.store.kioskId}:${id}`;
}

/** The printable receipt of a paid Smarts sale, from the journal's priced lines. Pure. */
export function receiptFromSmarts(r: StoredReceipt, config: KassaConfig): Receipt {
  const c = r.cents;
  const lang: Lang = c.lang ?? config.languages.default;
  const lines: ReceiptLine[] = c.lines
    ? c.lines.map((l) => ({ name: l.name[lang] || l.name.en, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: l.totalCents, vatRateBp: l.vatRateBp }))
    : // A row written before the lines were kept: one line per product at its row price.
      r.receipt.products.map((p) => ({ name: p.productName, quantity: { kind: 'pieces', count: 1 }, unitPriceCents: wireToCents(p.rowPrice), totalCents: wireToCents(p.rowPrice), vatRateBp: c.vat.length === 1 ? c.vat[0]!.rateBp : 0 }));
  const discounts = c.discounts ?? (c.discountCents > 0 ? [{ description: SMARTS_DISCOUNT[lang], amountCents: c.discountCents }] : []);
  const link = config.printer.digitalReceiptUrl ? smartsDigitalReceipt(r, config) : null;
  return {
    store: { name: config.store.name, address: config.store.address, ...(config.store.registrationNo ? { registrationNo: config.store.registrationNo } : {}), ...(config.store.vatNo ? { vatNo: config.store.vatNo } : {}) },
    kioskId: config.store.kioskId,
    receiptNo: r.receipt.institutionInvoiceId,
    issuedAt: r.confirmedAt ?? r.createdAt,
    timeZone: config.store.timeZone,
    lang,
    lines,
    discounts,
    vat: c.vat,
    totalCents: c.totalCents,
    payment: { provider: 'smarts', orderNumber: r.receipt.institutionInvoiceId, method: 'Smarts' },
    qr: { text: link ?? `KASSA:${config.store.kioskId}:${r.receipt.institutionInvoiceId}`, caption: (link ? DIGITAL_RECEIPT : ORDER_REFERENCE)[lang] },
    footer: config.printer.footer,
  };
}

const SMARTS_DISCOUNT: Record<Lang, string> = { en: 'Smarts discount', et: 'Smarts allahindlus', pl: 'Rabat Smarts', ru: 'Скидка Smarts' };
const DIGITAL_RECEIPT: Record<Lang, string> = { en: 'Digital receipt', et: 'Digitaalne tšekk', pl: 'Paragon cyfrowy', ru: 'Электронный чек' };
const ORDER_REFERENCE: Record<Lang, string> = { en: 'Order reference', et: 'Tellimuse viide', pl: 'Numer zamówienia', ru: 'Номер заказа' };
