/**
 * The digital receipt: the QR on the thank-you screen (paper out, no printer) and on the printed
 * receipt opens `<base>/r/<token>`, a read-only page of that one receipt served by the browser
 * host (electron/host/receipt-page.ts). The token is unguessable and per receipt (never the order
 * id) and expires after `receipts.linkTtlMs`. The base is `receipts.publicBaseUrl` (an address a
 * phone on the shop's Wi-Fi reaches) or the browser host's own address. `printer.digitalReceiptUrl`
 * (an outside receipt service) wins when set; with neither (Electron without a public base) the
 * QR keeps the order reference `KASSA:<kiosk>:<order>`.
 */
import type { Receipt } from '../checkout/receipt';
import type { KassaConfig } from '../config/schema';
import type { Clock } from '../engine/clock';
import type { PaymentRecord } from '../journal/payments';
import type { ReceiptLinks } from '../journal/receipt-links';
import { receiptFromOrder } from './receipts';

/** Orders whose receipt the page shows (a refund leaves the sale's receipt as it was). */
const WITH_RECEIPT = new Set(['closed', 'refunded']);

export class DigitalReceipts {
  private base: string | null;

  constructor(
    private readonly links: ReceiptLinks,
    private readonly config: KassaConfig,
    private readonly orders: { get(mid: string): PaymentRecord | null },
    private readonly clock: Clock,
  ) {
    this.base = config.receipts.publicBaseUrl ?? null;
  }

  /** The browser host's own address, used when no public base is configured. */
  useHostUrl(url: string): void {
    // A host bound to every interface has no address a phone could use: that needs publicBaseUrl.
    if (!this.config.receipts.publicBaseUrl && !/^http:\/\/(0\.0\.0\.0|\[::\])[:/]/.test(url)) this.base = url;
  }

  /** True when the QR opens this kiosk's own receipt page. */
  get served(): boolean {
    return !this.config.printer.digitalReceiptUrl && this.base !== null;
  }

  /** The QR text of an order's digital receipt (issues its token on first use). */
  link(merchantOrderId: string): string {
    const outside = this.config.printer.digitalReceiptUrl;
    if (outside) return outside.replace('{orderRef}', encodeURIComponent(merchantOrderId));
    if (!this.base) return `KASSA:${this.config.store.kioskId}:${merchantOrderId}`;
    const token = this.links.issue(merchantOrderId, this.clock.now(), this.config.receipts.linkTtlMs);
    return new URL(`r/${token}`, this.base.endsWith('/') ? this.base : `${this.base}/`).toString();
  }

  /** The receipt a token opens now, as printed (without its QR); null when unknown or expired. */
  receipt(token: string): Receipt | null {
    const mid = this.links.resolve(token, this.clock.now());
    if (!mid) return null;
    const rec = this.orders.get(mid);
    if (!rec || !WITH_RECEIPT.has(rec.step)) return null;
    const { qr: _qr, ...receipt } = receiptFromOrder(rec, this.config);
    return receipt;
  }
}
