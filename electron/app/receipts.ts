import { join } from 'node:path';
import type { Basket } from '../checkout/basket';
import { lineTotal } from '../checkout/basket';
import type { Lang } from '../checkout/lang';
import type { Receipt, ReceiptLine } from '../checkout/receipt';
import { divRound } from '../checkout/money';
import { allocate, basketTotals, type Discount } from '../checkout/totals';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';
import { loadPrinterProfile } from '../devices/printer/profile';
import { ReceiptPrinterService } from '../devices/printer/receipt-printer-service';
import { SerialPrinter } from '../devices/printer/serial-printer';
import type { PrinterStatus } from '../devices/printer/status';
import { decodeEscPos } from '../devices/printer/virtual/decode';
import { openPtyLink } from '../devices/printer/virtual/pty-link';
import { renderReceiptPng } from '../devices/printer/virtual/render-png';
import { VirtualPrinter } from '../devices/printer/virtual/virtual-printer';
import type { EngineFeature, KioskEngine } from '../engine/engine';
import type { DigitalReceipts } from './digital-receipts';
import type { DeviceState, KioskView, ReceiptView } from '../ipc/view';
import type { JournalDb } from '../journal/db';
import { orderNoOf } from '../journal/order-numbers';
import type { PaymentRecord } from '../journal/payments';
import type { RefundRecord } from '../journal/refunds';
import { PrintJobStore } from '../journal/print-jobs';
import type { Log } from '../log';

export interface ReceiptsPart {
  service: ReceiptPrinterService;
  virtual: VirtualPrinter | null;
  feature: ReceiptFeature;
  /** Queues the receipt of a closed order (idempotent per order); `extra` lines go above the footer (loyalty points). */
  onClosed(rec: PaymentRecord, extra?: string[]): void;
  /** Queues a refund receipt with the provider's refund slip (idempotent per refund). */
  onRefund(r: RefundRecord, rec: PaymentRecord): void;
  close(): Promise<void>;
}

/** The receipt of a closed order, from what the payment journal recorded. Pure. */
export function receiptFromOrder(rec: PaymentRecord, config: KassaConfig, digitalLink?: string): Receipt {
  const d = rec.details as { lang?: Lang; basket?: Basket; discounts?: Discount[]; roundingCents?: number; payment?: Record<string, string | null>; terminal?: { authCode?: string; maskedPan?: string | null } };
  const basket = d.basket!;
  const lang = d.lang ?? config.languages.default;
  const rounding = d.roundingCents ?? 0;
  const discounts = [...(d.discounts ?? [])];
  // The receipt's total is what was captured: a difference the journal did not name (a provider
  // discount seen only during recovery) becomes a named line instead of a wrong total.
  const captured = rec.closeAmountCents ?? 0;
  const named = basketTotals(basket, discounts).totalCents + rounding;
  if (captured > 0 && captured < named) discounts.push({ description: PROVIDER_DISCOUNT[lang], amountCents: named - captured });
  const t = basketTotals(basket, discounts);
  const lines: ReceiptLine[] = basket.lines.map((l) => {
    const m = l.measure;
    const total = lineTotal(l);
    return {
      name: l.name[lang] || l.name.en,
      quantity: m.kind === 'weight' ? { kind: 'weight', grams: m.grams } : { kind: 'pieces', count: m.kind === 'pieces' ? m.count : 1 },
      unitPriceCents: m.kind === 'labelled-price' ? total : l.unitPriceCents,
      totalCents: total,
      vatRateBp: l.vatRateBp,
    };
  });
  const p = d.payment ?? {};
  const orderNo = orderNoOf(rec);
  const orderRef = orderNo ?? rec.orderNumber ?? rec.merchantOrderId;
  // The digital receipt page's link (see digital-receipts.ts), else an outside service's, else the order reference.
  const link = digitalLink && !digitalLink.startsWith('KASSA:') ? digitalLink : config.printer.digitalReceiptUrl?.replace('{orderRef}', encodeURIComponent(rec.merchantOrderId));
  const date = new Date(rec.createdAt).toISOString().slice(0, 10).replace(/-/g, '');
  return {
    store: { name: config.store.name, address: config.store.address, ...(config.store.registrationNo ? { registrationNo: config.store.registrationNo } : {}), ...(config.store.vatNo ? { vatNo: config.store.vatNo } : {}) },
    kioskId: config.store.kioskId,
    receiptNo: orderNo ?? `${config.store.kioskId}-${date}-${rec.merchantOrderId.slice(0, 8).toUpperCase()}`,
    issuedAt: rec.updatedAt,
    timeZone: config.store.timeZone,
    lang,
    currency: config.store.currency,
    lines,
    discounts,
    ...(rounding ? { rounding: { amountCents: rounding } } : {}),
    vat: t.vat,
    totalCents: t.totalCents + rounding,
    payment: rec.method === 'terminal'
      ? // A plain card payment keeps the terminal's facts under `payment` (scheme, masked PAN, auth code, its receipt text).
        { provider: 'terminal', orderNumber: orderRef, method: p.method ?? 'CARD', ...((d.terminal?.maskedPan ?? p.maskedPan) ? { maskedPan: (d.terminal?.maskedPan ?? p.maskedPan)! } : {}), ...((d.terminal?.authCode ?? p.authCode) ? { authCode: (d.terminal?.authCode ?? p.authCode)! } : {}), ...(p.slip ? { slip: p.slip } : {}) }
      : { provider: rec.method === 'inpost' ? 'inpost' : 'swip', orderNumber: orderRef, ...(p.method ? { method: p.method } : {}), ...(p.maskedPan ? { maskedPan: p.maskedPan } : {}), ...(p.authCode ? { authCode: p.authCode } : {}), ...(p.slip ? { slip: p.slip } : {}) },
    qr: { text: link ?? `KASSA:${config.store.kioskId}:${rec.merchantOrderId}`, caption: (link ? DIGITAL_RECEIPT : ORDER_REFERENCE)[lang] },
    footer: config.printer.footer,
  };
}

/** The refund receipt: the returned amount as a negative line, the provider's refund slip verbatim. Pure. */
export function refundReceipt(r: RefundRecord, rec: PaymentRecord, config: KassaConfig): Receipt {
  const d = rec.details as { lang?: Lang; basket?: Basket; discounts?: Discount[] };
  const lang = d.lang ?? config.languages.default;
  const orderRef = orderNoOf(rec) ?? rec.orderNumber ?? rec.merchantOrderId;
  // The refund takes VAT back in proportion to what each rate was paid (largest remainder).
  const paid = d.basket ? basketTotals(d.basket, d.discounts ?? []).vat.filter((v) => v.grossCents > 0) : [];
  const shares = paid.length ? allocate(r.amountCents, paid.map((v) => v.grossCents)) : [r.amountCents];
  const vat = (paid.length ? paid : [{ rateBp: 0 }]).map((v, i) => {
    const gross = -(shares[i] ?? 0);
    const vatCents = divRound(gross * v.rateBp, 10000 + v.rateBp);
    return { rateBp: v.rateBp, netCents: gross - vatCents, vatCents, grossCents: gross };
  });
  return {
    store: { name: config.store.name, address: config.store.address, ...(config.store.registrationNo ? { registrationNo: config.store.registrationNo } : {}), ...(config.store.vatNo ? { vatNo: config.store.vatNo } : {}) },
    kioskId: config.store.kioskId,
    receiptNo: `${config.store.kioskId}-R-${r.refundId.slice(0, 8).toUpperCase()}`,
    issuedAt: r.resolvedAt ?? r.createdAt,
    timeZone: config.store.timeZone,
    lang,
    currency: config.store.currency,
    lines: vat.map((v) => ({ name: `${REFUND[lang]} ${orderRef}`, quantity: { kind: 'pieces', count: 1 }, unitPriceCents: v.grossCents, totalCents: v.grossCents, vatRateBp: v.rateBp })),
    discounts: [],
    vat,
    totalCents: -r.amountCents,
    payment: { provider: rec.method === 'terminal' ? 'terminal' : 'swip', orderNumber: orderRef, ...(r.slip ? { slip: r.slip } : {}) },
    footer: config.printer.footer,
  };
}

const REFUND: Record<Lang, string> = { en: 'Refund of order', et: 'Tagastus, tellimus', pl: 'Zwrot zamówienia', ru: 'Возврат заказа' };

const PROVIDER_DISCOUNT: Record<Lang, string> = { en: 'SWiP discount', et: 'SWiP allahindlus', pl: 'Rabat SWiP', ru: 'Скидка SWiP' };

const DIGITAL_RECEIPT: Record<Lang, string> = { en: 'Digital receipt', et: 'Digitaalne tšekk', pl: 'Paragon cyfrowy', ru: 'Электронный чек' };
const ORDER_REFERENCE: Record<Lang, string> = { en: 'Order reference', et: 'Tellimuse viide', pl: 'Numer zamówienia', ru: 'Номер заказа' };

/** Puts the receipt of the session's order on the thank-you screen; reports the printer state. */
export class ReceiptFeature implements EngineFeature {
  readonly name = 'receipts';
  /** The order of the current thank-you screen. */
  current: { orderRef: string; orderNo: string | null; sessionId: string | null } | null = null;
  private imageCache: { orderRef: string; url: string } | null = null;

  readonly handlers = {};

  constructor(
    private readonly engine: KioskEngine,
    private readonly service: ReceiptPrinterService,
    private readonly jobs: PrintJobStore,
    private readonly digitalLink: (orderRef: string) => string,
  ) {}

  view(v: KioskView): void {
    const c = this.current;
    if (!c || (v.state !== 'done' && v.state !== 'finishing')) return;
    const job = this.jobs.byOrderRef(c.orderRef);
    let state: ReceiptView['printed'] = job ? job.state : 'none';
    // A job held by a printer that needs attention (paper out, cover open, no reply) could not be
    // printed as far as the customer is concerned: offer the digital receipt. The job itself stays
    // queued and prints once the printer is ready again.
    const printerDown = this.engine.devices.printer === 'attention' || this.engine.devices.printer === 'unavailable';
    if ((state === 'queued' || state === 'printing') && printerDown) state = 'failed';
    let image: string | null = null;
    if (state === 'printed') {
      if (this.imageCache?.orderRef === c.orderRef) image = this.imageCache.url;
      else {
        const last = this.service.lastPrinted();
        if (last && last.orderRef === c.orderRef && last.png) {
          image = `data:image/png;base64,${last.png.toString('base64')}`;
          this.imageCache = { orderRef: c.orderRef, url: image };
        }
      }
    }
    v.receipt = { orderRef: c.orderRef, orderNo: c.orderNo, printed: state, imageDataUrl: image, digitalQr: state === 'printed' ? null : this.digitalLink(c.orderRef) };
  }

  onSessionEnd(): void {
    this.current = null;
    this.imageCache = null;
  }
}

function deviceState(s: PrinterStatus): DeviceState {
  return s.state === 'ready' ? 'ok' : 'attention';
}

/** The printer kind in force: the virtual printer is a sandbox device, never a store's silent default. */
export function printerKind(config: KassaConfig, mode: 'demo' | 'store'): 'serial' | 'virtual' | 'none' {
  const kind = config.printer.kind ?? (mode === 'demo' || config.sandboxes ? 'virtual' : undefined);
  if (!kind) throw new ConfigError('configuration field "printer.kind" is required in store mode: "serial" with "printer.path" (or set KASSA_PRINTER_PORT), or "none" for no printer');
  if (kind === 'virtual' && mode === 'store' && !config.sandboxes) throw new ConfigError('configuration field "printer.kind": "virtual" is the demo printer; a store sets "serial" or "none" (or "sandboxes": true for staging)');
  return kind;
}

export async function startReceipts(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; log: Log; resourcesDir: string; dataDir: string; digital: DigitalReceipts }): Promise<ReceiptsPart | null> {
  const { config, engine, log } = o;
  const pc = { ...config.printer, kind: printerKind(config, o.mode) };
  if (pc.kind === 'none') {
    engine.devices.printer = 'not-configured';
    return null;
  }
  const profile = loadPrinterProfile(pc.profile, join(o.resourcesDir, 'printers'));
  const mapping = typeof profile.codepageMapping === 'string' ? (profile.codepageMapping as never) : undefined;
  let path = pc.path;
  let virtual: VirtualPrinter | null = null;
  let link: { close(): void } | null = null;
  if (pc.kind === 'virtual') {
    try {
      const l = await openPtyLink(join(o.dataDir, 'printer-kiosk'), join(o.dataDir, 'printer-virtual'));
      link = l;
      virtual = await VirtualPrinter.start({ path: l.b, log: log.child('virtual-printer'), ...(mapping ? { codepageMapping: mapping } : {}) });
      path = l.a;
    } catch (e) {
      log.warn('virtual printer unavailable; receipts stay queued', { error: e as Error });
      engine.devices.printer = 'unavailable';
    }
  }
  const printer = await SerialPrinter.open({ path: path ?? '/dev/null-printer', baudRate: pc.baudRate, rtscts: pc.rtscts, pollIntervalMs: pc.statusPollMs, log: log.child('printer') });
  const jobs = new PrintJobStore(o.db);
  const service = new ReceiptPrinterService({
    printer,
    store: jobs,
    profile,
    log: log.child('receipts'),
    ...(virtual ? { renderPreview: (bytes: Uint8Array) => renderReceiptPng(decodeEscPos(bytes, mapping ? { codepageMapping: mapping } : {})) } : {}),
  });
  const feature = new ReceiptFeature(engine, service, jobs, (orderRef) => o.digital.link(orderRef));
  engine.use(feature);
  service.on('status', (s) => {
    engine.devices.printer = deviceState(s);
    engine.publish();
  });
  service.on('job', () => engine.publish());
  service.on('attention', (a) => {
    engine.devices.printer = 'attention';
    log.warn('printer needs attention', { reason: a.reason, queued: a.queued });
    engine.publish();
  });
  service.start();
  const initial = printer.lastStatus();
  if (initial) engine.devices.printer = deviceState(initial);
  return {
    service,
    virtual,
    feature,
    onClosed(rec, extra) {
      try {
        const receipt = receiptFromOrder(rec, config, o.digital.link(rec.merchantOrderId));
        service.enqueue(rec.merchantOrderId, extra?.length ? { ...receipt, footer: [...extra, ...receipt.footer] } : receipt);
        if (rec.sessionId && rec.sessionId === engine.sessionId) feature.current = { orderRef: rec.merchantOrderId, orderNo: orderNoOf(rec), sessionId: rec.sessionId };
      } catch (e) {
        log.error('receipt could not be queued', { merchantOrderId: rec.merchantOrderId, error: e as Error });
      }
    },
    onRefund(r, rec) {
      try {
        service.enqueue(`${rec.merchantOrderId}:refund:${r.refundId}`, refundReceipt(r, rec, config));
      } catch (e) {
        log.error('refund receipt could not be queued', { merchantOrderId: rec.merchantOrderId, refundId: r.refundId, error: e as Error });
      }
    },
    async close() {
      service.stop();
      await printer.close();
      await virtual?.close?.();
      link?.close();
    },
  };
}
