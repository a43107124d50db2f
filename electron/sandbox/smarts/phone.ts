/**
 * The simulator's "Smarts app": one customer's phone session, kept by the simulator (its own
 * ledger: cart, invoice, check, receipt, payment). The page (phone-page.ts) calls this JSON API;
 * the simulator calls the store's node with the node token, which never reaches the page.
 * Written from integrations.md, like the rest of the simulator; its choices are in the README.
 */
import { randomBytes } from 'node:crypto';
import type { WCheckRequest, WProduct, WReceipt } from './wire';

/** What the phone session needs from the simulator (SmartsSandbox implements it). */
export interface PhoneBackend {
  searchBarcode(request: Record<string, unknown>): Promise<{ status: number; body: unknown; valid: boolean }>;
  searchName(request: Record<string, unknown>): Promise<{ status: number; body: unknown; valid: boolean }>;
  sendCheck(request: WCheckRequest): Promise<{ status: number; body: unknown }>;
  createReceipt(request: Record<string, unknown>): Promise<{ status: number; body: unknown; valid: boolean }>;
  confirmReceipt(body: { invoiceId: string; institutionInvoiceId: string }): Promise<{ status: number; body: unknown; valid: boolean }>;
  /** The newest result the gateway received for an invoice, if any. */
  latestResult(invoiceId: string): { status: string; products?: WProduct[] | undefined } | null;
}

interface CartRow {
  product: WProduct;
  /** Pieces (or kilograms for a weighed row, taken from the product's quantity). */
  quantity: number;
}

export type PhoneStep = 'shopping' | 'checking' | 'check-failed' | 'ready-to-pay' | 'paid';

export interface PhoneState {
  institutionId: string;
  step: PhoneStep;
  invoiceId: string;
  lines: Array<{ id: string; barcode: string; name: string; quantity: number; unit: string; rowCents: number; minAge: number | null }>;
  totalCents: number;
  decision: string | null;
  checkStatus: string | null;
  receipt: WReceipt | null;
  message: string | null;
}

/** Integer cents from the reference's euro doubles (the simulator's own conversion). */
const cents = (x: number | string): number => Math.round(Number(x) * 100);
const euros = (c: number): number => Number((c / 100).toFixed(2));

export class PhoneSession {
  /** The key the page carries in its URL and sends back as `x-phone-key`. */
  readonly key = randomBytes(16).toString('hex');
  private cart: CartRow[] = [];
  private invoiceId = PhoneSession.newInvoiceId();
  private step: PhoneStep = 'shopping';
  private decision: string | null = null;
  private receipt: WReceipt | null = null;
  private message: string | null = null;

  constructor(
    private readonly backend: PhoneBackend,
    private readonly who: { institutionId: string; personId: string; langCode: string },
  ) {}

  private static newInvoiceId(): string {
    return `SIM-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`.toUpperCase();
  }

  state(): PhoneState {
    this.followResult();
    return {
      institutionId: this.who.institutionId,
      step: this.step,
      invoiceId: this.invoiceId,
      lines: this.cart.map((r) => ({
        id: r.product.id,
        barcode: r.product.barcode ?? '',
        name: r.product.translatableName.originalText,
        quantity: r.quantity,
        unit: r.product.quantity.unit,
        rowCents: this.rowCents(r),
        minAge: r.product.inspections?.find((i) => i.type === 'MIN_AGE')?.age ?? null,
      })),
      totalCents: this.cart.reduce((s, r) => s + this.rowCents(r), 0),
      decision: this.decision,
      checkStatus: this.backend.latestResult(this.invoiceId)?.status ?? null,
      receipt: this.receipt,
      message: this.message,
    };
  }

  /** Scans a barcode: the node's barcode search; the same piece product again adds one. */
  async scan(barcode: string): Promise<PhoneState> {
    this.requireShopping();
    const r = await this.backend.searchBarcode({ barcode, langCode: this.who.langCode, type: 'SELF_SERVICE', personId: this.who.personId, institutionId: this.who.institutionId });
    if (r.status !== 200 || !r.valid) return this.say(r.status === 404 ? `No product with barcode ${barcode}` : `The store answered ${r.status}`);
    this.add(r.body as WProduct);
    return this.say(null);
  }

  /** Name search through the node (up to 20 shown). */
  async search(name: string): Promise<{ products: Array<{ name: string; barcode: string; priceCents: number }>; status: number }> {
    const r = await this.backend.searchName({ name, langCode: this.who.langCode, type: 'SELF_SERVICE', personId: this.who.personId, institutionId: this.who.institutionId });
    if (r.status !== 200 || !r.valid) return { products: [], status: r.status };
    const list = (r.body as WProduct[]).slice(0, 20);
    return { status: 200, products: list.map((p) => ({ name: p.translatableName.originalText, barcode: p.barcode ?? '', priceCents: cents(p.price.total) })) };
  }

  /** Asks the store whether this cart needs a purchase check (§1.5); NO goes straight to payment. */
  async check(): Promise<PhoneState> {
    this.requireShopping();
    if (this.cart.length === 0) return this.say('The cart is empty');
    const r = await this.backend.sendCheck(this.checkRequest());
    if (r.status !== 200) return this.say(`The store answered ${r.status}`);
    this.decision = (r.body as { decision: string }).decision;
    this.step = this.decision === 'NO' ? 'ready-to-pay' : 'checking';
    return this.say(null);
  }

  /** Creates the receipt on the store's side (§1.4) and pays it (confirm, path unknown: configurable). */
  async pay(): Promise<PhoneState> {
    this.followResult();
    if (this.step !== 'ready-to-pay') return this.say(`Cannot pay now (${this.step})`);
    const created = await this.backend.createReceipt(this.checkRequest());
    if (created.status !== 200 || !created.valid) return this.say(`The store refused the receipt (${created.status})`);
    const receipt = created.body as WReceipt;
    const paid = await this.backend.confirmReceipt({ invoiceId: receipt.invoiceId, institutionInvoiceId: receipt.institutionInvoiceId });
    if (paid.status !== 200 || !paid.valid) return this.say(`The store refused the payment confirmation (${paid.status})`);
    this.receipt = paid.body as WReceipt;
    this.step = 'paid';
    return this.say(null);
  }

  /** Starts a new cart (after a payment or a failed check). */
  reset(): PhoneState {
    this.cart = [];
    this.invoiceId = PhoneSession.newInvoiceId();
    this.step = 'shopping';
    this.decision = null;
    this.receipt = null;
    return this.say(null);
  }

  /** A result from the store unlocks the app (PASSED, FAILED_ALLOW_PAYMENT), or ends it (FAILED). */
  private followResult(): void {
    if (this.step !== 'checking') return;
    const result = this.backend.latestResult(this.invoiceId);
    if (!result || result.status === 'PENDING') return;
    if (result.products) {
      // The supervisor changed the cart: the app keeps the products (and quantities) the store sent back.
      this.cart = result.products.flatMap((p) => {
        const row = this.cart.find((r) => r.product.id === p.id);
        if (!row) return [];
        return [row.product.quantity.unit === 'PIECE' ? { product: row.product, quantity: Number(p.quantity.value) } : row];
      });
    }
    this.step = result.status === 'PASSED' || result.status === 'FAILED_ALLOW_PAYMENT' || result.status === 'EXIPRED' ? 'ready-to-pay' : 'check-failed';
  }

  private add(p: WProduct): void {
    const same = this.cart.find((r) => r.product.id === p.id && r.product.quantity.unit === 'PIECE' && p.quantity.unit === 'PIECE');
    if (same) same.quantity++;
    else this.cart.push({ product: p, quantity: p.quantity.unit === 'PIECE' ? 1 : Number(p.quantity.value) });
  }

  /** The row's price: the product's price is for its own quantity; pieces multiply it. */
  private rowCents(r: CartRow): number {
    return r.product.quantity.unit === 'PIECE' ? cents(r.product.price.total) * r.quantity : cents(r.product.price.total);
  }

  /** The cart as a PurchaseControlCheckRequest / CreateReceiptRequest (the same body, §1.4). */
  private checkRequest(): WCheckRequest {
    return {
      invoiceId: this.invoiceId,
      langCode: this.who.langCode,
      personId: this.who.personId,
      institutionId: this.who.institutionId,
      products: this.cart.map((r) => {
        const rowCents = this.rowCents(r);
        const rate = r.product.price.vat.VATRate;
        const vat = Math.round((rowCents * rate) / (100 + rate));
        return {
          ...r.product,
          quantity: r.product.quantity.unit === 'PIECE' ? { unit: 'PIECE' as const, value: r.quantity } : r.product.quantity,
          price: { vat: { sumWithoutVAT: euros(rowCents - vat), VATSum: euros(vat), sumWithVAT: euros(rowCents), VATRate: rate }, total: euros(rowCents) },
        };
      }),
      shipment: null,
      loyaltyCards: [],
    };
  }

  private requireShopping(): void {
    if (this.step !== 'shopping') throw new PhoneError(`the cart is ${this.step}`);
  }

  private say(message: string | null): PhoneState {
    this.message = message;
    return this.state();
  }
}

export class PhoneError extends Error {
  override readonly name = 'PhoneError';
}

/** Minimal Fastify surface the routes need (kept structural so this file imports no framework types). */
interface RouteHost {
  get(path: string, handler: (req: PhoneRequest, reply: PhoneReply) => Promise<unknown>): unknown;
  post(path: string, handler: (req: PhoneRequest, reply: PhoneReply) => Promise<unknown>): unknown;
}
interface PhoneRequest {
  headers: Record<string, string | string[] | undefined>;
  query: unknown;
  body: unknown;
}
interface PhoneReply {
  code(status: number): PhoneReply;
  type(contentType: string): PhoneReply;
  header(name: string, value: string): PhoneReply;
  send(body: unknown): unknown;
}

/**
 * GET /phone?key=… (the page) and /phone/api/* (JSON, header `x-phone-key`). Without the key:
 * 401. Bodies: scan { barcode } (1…64 chars), search { name } (1…100 chars).
 */
export function phoneRoutes(app: RouteHost, session: PhoneSession, page: () => string): void {
  const keyOk = (req: PhoneRequest) => req.headers['x-phone-key'] === session.key;
  const text = (body: unknown, field: string, max: number): string | null => {
    const v = (body as Record<string, unknown> | null)?.[field];
    return typeof v === 'string' && v.trim().length >= 1 && v.length <= max ? v.trim() : null;
  };
  app.get('/phone', async (req, reply) => {
    if ((req.query as { key?: unknown }).key !== session.key) return reply.code(401).type('text/plain').send('unauthorized');
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'").send(page());
  });
  const api = (path: string, method: 'get' | 'post', run: (body: unknown) => Promise<unknown>) =>
    app[method](`/phone/api/${path}`, async (req, reply) => {
      if (!keyOk(req)) return reply.code(401).send({ error: 'unauthorized' });
      try {
        return await run(req.body);
      } catch (e) {
        if (e instanceof PhoneError) return reply.code(409).send({ error: e.message });
        throw e;
      }
    });
  api('state', 'get', async () => session.state());
  api('scan', 'post', async (b) => {
    const code = text(b, 'barcode', 64);
    if (!code) throw new PhoneError('barcode: 1 to 64 characters');
    return session.scan(code);
  });
  api('search', 'post', async (b) => {
    const name = text(b, 'name', 100);
    if (!name) throw new PhoneError('name: 1 to 100 characters');
    return session.search(name);
  });
  api('check', 'post', async () => session.check());
  api('pay', 'post', async () => session.pay());
  api('reset', 'post', async () => session.reset());
}
