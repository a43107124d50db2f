/**
 * Smarts merchant-side invoicing (seed smarts-merchant-side-invoicing.txt; integrations.md §1.4):
 * Smarts sends the cart, the store answers with the receipt it priced, the customer pays in the
 * Smarts app, Smarts confirms the payment. Receipts live in the journal database (table
 * smarts_receipts); the row id is the `institutionInvoiceId`.
 *
 * The cart is priced with OUR catalog and rules only: a request's prices, VAT and additions are
 * ignored. Products are found by `id` (our SKU, as our product search gives it), else by barcode.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { BasketLine } from '../checkout/basket';
import { lineTotal } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import { DEFAULT_CURRENCY, type Currency } from '../checkout/currency';
import type { Cents } from '../checkout/money';
import type { Product } from '../checkout/product';
import { basketTotals, type Discount } from '../checkout/totals';
import type { Log } from '../log';
import type { Clock } from './clock';
import { langFromWire, centsToWire } from './prices';
import { findByBarcode, type ParseBarcode, type SmartsCatalogPort } from './products';
import { safeText, wireNumber, type PurchaseControlCheckRequest } from './schemas';
import { z } from 'zod';

/** CreateReceiptRequest [V]: the same shape as PurchaseControlCheckRequest (schema reused). */
export type CreateReceiptRequest = PurchaseControlCheckRequest;

/** ReceiptPaymentConfirmationRequest [I]: the object page could not be read. */
export const ReceiptConfirmation = z.looseObject({
  invoiceId: safeText(200, 1),
  institutionInvoiceId: safeText(200, 1),
});
export type ReceiptConfirmation = z.infer<typeof ReceiptConfirmation>;

export interface ReceiptProduct {
  id: string;
  barcode: string;
  productName: string;
  /** Pieces, or kilograms for weighed products. */
  amount: number;
  /** Row total, VAT included, before receipt-level additions. */
  rowPrice: number;
  categories: Array<{ id: string; name: string }>;
}

/** Receipt [V]. `additionSum` is signed: a discount is negative, so total = totalWithoutAddition + additionSum. */
export interface SmartsReceipt {
  institutionInvoiceId: string;
  invoiceId: string;
  institutionId: string;
  customerId: string;
  products: ReceiptProduct[];
  shipment: unknown;
  currency: Currency;
  totalWithoutAddition: number;
  additionSum: number;
  totalWithoutVAT: number;
  vatSum: number;
  total: number;
}

/** Our figures of a receipt, in cents (what the journal keeps besides the wire receipt). */
export interface ReceiptCents {
  subtotalCents: Cents;
  discountCents: Cents;
  totalCents: Cents;
  vat: Array<{ rateBp: number; netCents: Cents; vatCents: Cents; grossCents: Cents }>;
  /** The priced lines (for the printed and digital receipt); absent in rows written before they were kept. */
  lines?: Array<{ sku: string; name: Record<Lang, string>; quantity: { kind: 'pieces'; count: number } | { kind: 'weight'; grams: number }; unitPriceCents: Cents; totalCents: Cents; vatRateBp: number }>;
  /** The receipt's language (the request's langCode). */
  lang?: Lang;
  discounts?: Discount[];
  /** The first loyalty card of the request (points are credited on confirmation). */
  loyaltyCard?: string;
}

export type ReceiptErrorCode = 'unknown-product' | 'bad-quantity' | 'not-sold-now' | 'already-confirmed' | 'not-found' | 'invoice-mismatch';

export class ReceiptError extends Error {
  override readonly name = 'ReceiptError';
  constructor(
    readonly code: ReceiptErrorCode,
    message: string,
    readonly status: number,
    readonly path?: string,
  ) {
    super(message);
  }
}

export interface ReceiptRules {
  /** Scan-time rule: a product outside its sale hours cannot be sold. */
  saleAllowed(p: Product, now: number): boolean;
  /** Store discounts on the priced lines (e.g. a Smarts welcome discount); default none. */
  discounts?(lines: readonly BasketLine[], subtotalCents: Cents): Discount[];
}

export interface StoredReceipt {
  receipt: SmartsReceipt;
  cents: ReceiptCents;
  status: 'created' | 'confirmed';
  createdAt: number;
  confirmedAt: number | null;
}

/** Largest piece count per product row (as at the kiosk's basket line limit × 10). */
export const MAX_RECEIPT_PIECES = 999;

export class SmartsReceiptBook {
  constructor(
    private readonly db: Database.Database,
    private readonly catalog: SmartsCatalogPort,
    private readonly rules: ReceiptRules,
    private readonly clock: Clock,
    private readonly log: Log,
    private readonly opts: { parse?: ParseBarcode; invoicePrefix?: string; currency?: Currency; onConfirmed?: (r: StoredReceipt) => void } = {},
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS smarts_receipts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      invoice_id TEXT NOT NULL UNIQUE,
      request_hash TEXT NOT NULL,
      receipt_json TEXT NOT NULL,
      cents_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('created','confirmed')),
      created_at INTEGER NOT NULL,
      confirmed_at INTEGER
    )`);
  }

  /**
   * Prices the cart and stores the receipt. Idempotent on invoiceId: the same request returns
   * the stored receipt; a changed cart re-prices it under the same institutionInvoiceId while
   * unpaid; after confirmation a changed cart is refused (409). Throws ReceiptError.
   */
  create(req: CreateReceiptRequest): { receipt: SmartsReceipt; repeated: boolean } {
    const hash = requestHash(req);
    return this.db.transaction(() => {
      const existing = this.row(req.invoiceId);
      if (existing && existing.request_hash === hash) return { receipt: JSON.parse(existing.receipt_json) as SmartsReceipt, repeated: true };
      if (existing?.status === 'confirmed') throw new ReceiptError('already-confirmed', `receipt for invoice ${req.invoiceId} is already paid; its cart cannot change`, 409);
      const now = this.clock.now();
      const id = existing
        ? existing.id
        : Number(this.db.prepare(`INSERT INTO smarts_receipts (invoice_id, request_hash, receipt_json, cents_json, status, created_at) VALUES (?, ?, '{}', '{}', 'created', ?)`).run(req.invoiceId, hash, now).lastInsertRowid);
      const { receipt, cents } = this.price(req, this.institutionInvoiceId(id), now);
      this.db.prepare(`UPDATE smarts_receipts SET request_hash = ?, receipt_json = ?, cents_json = ? WHERE id = ?`).run(hash, JSON.stringify(receipt), JSON.stringify(cents), id);
      this.log.info('smarts receipt created', { invoiceId: req.invoiceId, institutionInvoiceId: receipt.institutionInvoiceId, totalCents: cents.totalCents, repriced: Boolean(existing) });
      return { receipt, repeated: false };
    })();
  }

  /** Records Smarts' payment confirmation. Throws ReceiptError (not-found 404, invoice-mismatch 409, already-confirmed 409). */
  confirm(c: ReceiptConfirmation): StoredReceipt {
    const stored = this.db.transaction(() => {
      const r = this.row(c.invoiceId);
      if (!r) throw new ReceiptError('not-found', `no receipt for invoice ${c.invoiceId}`, 404);
      const receipt = JSON.parse(r.receipt_json) as SmartsReceipt;
      if (receipt.institutionInvoiceId !== c.institutionInvoiceId) throw new ReceiptError('invoice-mismatch', `invoice ${c.invoiceId} has another institutionInvoiceId`, 409);
      if (r.status === 'confirmed') throw new ReceiptError('already-confirmed', `receipt ${c.institutionInvoiceId} is already confirmed`, 409);
      const now = this.clock.now();
      this.db.prepare(`UPDATE smarts_receipts SET status = 'confirmed', confirmed_at = ? WHERE id = ?`).run(now, r.id);
      return { receipt, cents: JSON.parse(r.cents_json) as ReceiptCents, status: 'confirmed' as const, createdAt: r.created_at, confirmedAt: now };
    })();
    this.log.info('smarts receipt paid', { invoiceId: c.invoiceId, institutionInvoiceId: c.institutionInvoiceId, totalCents: stored.cents.totalCents });
    try {
      this.opts.onConfirmed?.(stored);
    } catch (e) {
      this.log.error('smarts receipt confirmation listener failed', { invoiceId: c.invoiceId, error: e as Error });
    }
    return stored;
  }

  get(invoiceId: string): StoredReceipt | null {
    const r = this.row(invoiceId);
    if (!r) return null;
    return { receipt: JSON.parse(r.receipt_json) as SmartsReceipt, cents: JSON.parse(r.cents_json) as ReceiptCents, status: r.status, createdAt: r.created_at, confirmedAt: r.confirmed_at };
  }

  /** A receipt by our invoice number (institutionInvoiceId), or null. */
  byInstitutionInvoiceId(institutionInvoiceId: string): StoredReceipt | null {
    const prefix = this.opts.invoicePrefix ?? 'SM-';
    if (!institutionInvoiceId.startsWith(prefix)) return null;
    const id = Number(institutionInvoiceId.slice(prefix.length));
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const r = this.db.prepare('SELECT invoice_id FROM smarts_receipts WHERE id = ?').get(id) as { invoice_id: string } | undefined;
    const stored = r ? this.get(r.invoice_id) : null;
    return stored?.receipt.institutionInvoiceId === institutionInvoiceId ? stored : null;
  }

  /** Paid receipts, newest first (for the staff order list). */
  confirmed(limit = 20): StoredReceipt[] {
    const rows = this.db.prepare(`SELECT invoice_id FROM smarts_receipts WHERE status = 'confirmed' ORDER BY confirmed_at DESC, id DESC LIMIT ?`).all(limit) as Array<{ invoice_id: string }>;
    return rows.map((r) => this.get(r.invoice_id)!);
  }

  private institutionInvoiceId(id: number): string {
    return `${this.opts.invoicePrefix ?? 'SM-'}${String(id).padStart(6, '0')}`;
  }

  private row(invoiceId: string) {
    return this.db.prepare('SELECT * FROM smarts_receipts WHERE invoice_id = ?').get(invoiceId) as
      | { id: number; request_hash: string; receipt_json: string; cents_json: string; status: 'created' | 'confirmed'; created_at: number; confirmed_at: number | null }
      | undefined;
  }

  /** Our pricing of the cart: catalog prices, our weighed-item rule, our VAT split and discounts. */
  private price(req: CreateReceiptRequest, institutionInvoiceId: string, now: number): { receipt: SmartsReceipt; cents: ReceiptCents } {
    const lang: Lang = langFromWire(req.langCode);
    const lines: BasketLine[] = req.products.map((rp, i) => {
      const path = `products.${i}`;
      const product = this.catalog.bySku(rp.id) ?? (rp.barcode ? findByBarcode(rp.barcode, this.catalog, this.opts.parse)?.product ?? null : null);
      if (!product) throw new ReceiptError('unknown-product', `product ${rp.id} is not in the store's catalog`, 422, `${path}.id`);
      if (!this.rules.saleAllowed(product, now)) throw new ReceiptError('not-sold-now', `product ${rp.id} cannot be sold at this hour`, 422, `${path}.id`);
      const v = wireNumber(rp.quantity.value);
      let measure: BasketLine['measure'];
      if (product.soldByWeight) {
        const grams = rp.quantity.unit === 'KILOGRAM' ? Math.round(v * 1000) : rp.quantity.unit === 'GRAM' ? Math.round(v) : NaN;
        if (!Number.isSafeInteger(grams) || grams < 1 || grams > 100_000) throw new ReceiptError('bad-quantity', `product ${rp.id} is sold by weight: quantity in KILOGRAM or GRAM, 1 g to 100 kg`, 422, `${path}.quantity`);
        measure = { kind: 'weight', grams };
      } else {
        if (rp.quantity.unit !== 'PIECE' || !Number.isInteger(v) || v < 1 || v > MAX_RECEIPT_PIECES) throw new ReceiptError('bad-quantity', `product ${rp.id} is sold by the piece: a whole PIECE count 1…${MAX_RECEIPT_PIECES}`, 422, `${path}.quantity`);
        measure = { kind: 'pieces', count: v };
      }
      return { id: `L${i + 1}`, sku: product.sku, name: product.name, category: product.category, ageLimit: product.ageLimit, measure, unitPriceCents: product.unitPriceCents, vatRateBp: product.vatRateBp, barcode: product.barcodes[0] ?? '' };
    });
    const subtotal = lines.reduce((s, l) => s + lineTotal(l), 0);
    const discounts = this.rules.discounts?.(lines, subtotal) ?? [];
    const t = basketTotals({ lines, nextLineNo: lines.length + 1, voidedLines: 0 }, discounts);
    const net = t.vat.reduce((s, r) => s + r.netCents, 0);
    const vat = t.vat.reduce((s, r) => s + r.vatCents, 0);
    const receipt: SmartsReceipt = {
      institutionInvoiceId,
      invoiceId: req.invoiceId,
      institutionId: req.institutionId,
      customerId: req.personId,
      products: lines.map((l, i) => ({
        id: l.sku,
        barcode: req.products[i]!.barcode ?? l.barcode,
        productName: l.name[lang],
        amount: l.measure.kind === 'weight' ? l.measure.grams / 1000 : l.measure.kind === 'pieces' ? l.measure.count : 1,
        rowPrice: centsToWire(t.lineTotals[l.id] ?? 0),
        categories: [{ id: l.category, name: l.category }],
      })),
      shipment: req.shipment ?? null,
      currency: this.opts.currency ?? DEFAULT_CURRENCY,
      totalWithoutAddition: centsToWire(t.subtotalCents),
      additionSum: centsToWire(-t.discountCents),
      totalWithoutVAT: centsToWire(net),
      vatSum: centsToWire(vat),
      total: centsToWire(t.totalCents),
    };
    const priced: ReceiptCents['lines'] = lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.measure.kind === 'weight' ? { kind: 'weight', grams: l.measure.grams } : { kind: 'pieces', count: l.measure.kind === 'pieces' ? l.measure.count : 1 },
      unitPriceCents: l.unitPriceCents,
      totalCents: t.lineTotals[l.id] ?? 0,
      vatRateBp: l.vatRateBp,
    }));
    return { receipt, cents: { subtotalCents: t.subtotalCents, discountCents: t.discountCents, totalCents: t.totalCents, vat: t.vat, lines: priced, lang, discounts, ...(req.loyaltyCards?.[0]?.cardNumber ? { loyaltyCard: req.loyaltyCards[0].cardNumber } : {}) } };
  }
}

/** The parts of a request that decide the receipt: who, and which products in which quantities. */
function requestHash(req: CreateReceiptRequest): string {
  const key = [req.invoiceId, req.institutionId, req.personId, req.langCode.toUpperCase(), req.products.map((p) => [p.id, p.barcode ?? null, p.quantity.unit, String(p.quantity.value)])];
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
}
