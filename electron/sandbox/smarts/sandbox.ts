/**
 * A local Smarts, a simulator written from shared/spec/integrations.md (its own wire shapes in
 * ./wire; it imports nothing of the kiosk's Smarts adapter, node, engine, payments or app):
 * - plays the gateway (POST /v1/control/result, POST /v1/control/resend);
 * - plays Smarts calling the merchant node: purchase checks, product search, receipts; every
 *   answer is checked against the reference's shapes (`valid`, `issues`). Loopback only.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { PhoneSession, phoneRoutes } from './phone';
import { phonePage } from './phone-page';
import { issuesOf, WAnyObject, WPickupStatus, WVoid, WCheckResponse, WPageable, WProduct, WReceipt, WResendRequest, WResult, type WCheckRequest, type WResendRequest as ResendBody, type WResult as PurchaseControlResult } from './wire';

/** Time source (ms since the epoch); injected so tests control it. */
export interface Clock {
  now(): number;
}
const systemClock: Clock = { now: () => Date.now() };
type PurchaseControlCheckRequest = WCheckRequest;

/** Paths on the merchant node (the undocumented ones are guesses; see integrations.md §1.2, §1.4). */
export const NODE_PATHS = {
  check: '/control/check',
  productSearch: '/product/search',
  barcodeSearch: '/product/search/barcode',
  nameSearch: '/product/search/name',
  categorySearch: '/product/search/category',
  receipt: '/receipt',
  receiptConfirm: '/receipt/confirm',
  loyaltyRegistration: '/card/loyalty',
  loyaltyBonus: '/card/loyalty/bonus',
  pickupOrder: '/pickup/order',
  pickupOrderUpdate: '/pickup/order/update',
};

/** A node answer: HTTP status, body, and whether a 2xx body has the reference's shape. */
export interface NodeAnswer<T = unknown> {
  status: number;
  body: T | unknown;
  /** 2xx only: the body matched the reference's shape. */
  valid: boolean;
  issues: Array<{ path: string; message: string }>;
}

export interface SmartsSandboxOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** The institution token the gateway expects in the `accessToken` header. */
  accessToken: string;
  /** Base URL of the merchant node, e.g. http://127.0.0.1:43123. */
  nodeUrl: string;
  /** Token the sandbox presents to the node (as `Authorization: Bearer`). */
  nodeToken: string;
  clock?: Clock;
  /** Node paths, when the kiosk's configuration changed them. */
  nodePaths?: Partial<typeof NODE_PATHS>;
  /** The store id the phone page's customer shops in (institutionId); default "demo-store". */
  institutionId?: string;
}

export interface ReceivedResult {
  result: PurchaseControlResult;
  /** ms since epoch, by the sandbox clock */
  at: number;
  /** How many identical deliveries (same invoiceId, status and products) arrived. */
  deliveries: number;
}

/** A check the sandbox re-POSTed to the node after a resend request. */
export interface RepostRecord {
  invoiceId: string;
  /** HTTP status from the node, or null when the POST failed. */
  status: number | null;
  decision?: string | null;
  error?: string;
}

/** `http-503`: the gateway answers 503; `refuse`: the port is closed (connection refused). */
export type OutageMode = 'http-503' | 'refuse';

export class SmartsSandbox {
  private readonly received = new Map<string, ReceivedResult>();
  private readonly resends: Array<{ request: ResendBody; at: number }> = [];
  private readonly sentChecks = new Map<string, PurchaseControlCheckRequest>();
  private outage: OutageMode | null = null;
  private failQueue: number[] = [];
  private delayMs = 0;
  private rawDeliveries = 0;
  private readonly repostLog: RepostRecord[] = [];
  private readonly pickupLog: Array<{ id: string; status: string; resolverId?: string | undefined }> = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly clock: Clock;
  /** The phone page's customer ("Smarts app"); see phone.ts. */
  readonly phone: PhoneSession;

  private constructor(
    private app: FastifyInstance,
    private port: number,
    private readonly opts: SmartsSandboxOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    this.phone = new PhoneSession(
      {
        searchBarcode: (r) => this.searchBarcode(r),
        searchName: (r) => this.searchName(r),
        sendCheck: (r) => this.sendCheck(r),
        createReceipt: (r) => this.createReceipt(r),
        confirmReceipt: (b) => this.confirmReceipt(b),
        latestResult: (id) => this.latestResult(id),
      },
      { institutionId: opts.institutionId ?? 'demo-store', personId: 'sim-person-1', langCode: 'EN' },
    );
  }

  /** The phone page ("Smarts app") with its session key: open it in a browser. */
  get phoneUrl(): string {
    return `${this.url}/phone?key=${this.phone.key}`;
  }

  /** The newest result received for an invoice (de-duplicated), or null. */
  latestResult(invoiceId: string): PurchaseControlResult | null {
    let last: ReceivedResult | null = null;
    for (const r of this.received.values()) if (r.result.invoiceId === invoiceId && (!last || r.at >= last.at)) last = r;
    return last?.result ?? null;
  }

  static async start(opts: SmartsSandboxOptions): Promise<SmartsSandbox> {
    const box = new SmartsSandbox(Fastify({ logger: false }), 0, opts);
    await box.listen(opts.port ?? 0);
    return box;
  }

  /** Gateway base URL, for SmartsGateway({ baseUrl }). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** POST /product/search with a PageRequest<ProductSearchRequest> → Pageable<Product>. */
  searchProducts(pageRequest: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<z.infer<typeof WPageable>>> {
    return this.callNode('productSearch', pageRequest, WPageable, token);
  }

  /** POST /product/search/barcode with a ProductSearchRequest → Product. */
  searchBarcode(request: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<WProduct>> {
    return this.callNode('barcodeSearch', request, WProduct, token);
  }

  /** POST /product/search/name with a ProductSearchRequest → List<Product>. */
  searchName(request: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<WProduct[]>> {
    return this.callNode('nameSearch', request, WProduct.array(), token);
  }

  /** Category search (path and shape unknown in the reference; PageRequest → Pageable assumed). */
  searchCategory(pageRequest: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<z.infer<typeof WPageable>>> {
    return this.callNode('categorySearch', pageRequest, WPageable, token);
  }

  /** POST /receipt with a CreateReceiptRequest → Receipt. */
  createReceipt(request: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<z.infer<typeof WReceipt>>> {
    return this.callNode('receipt', request, WReceipt, token);
  }

  /** Confirm receipt payment (path and body unknown in the reference): { invoiceId, institutionInvoiceId }. */
  confirmReceipt(body: { invoiceId: string; institutionInvoiceId: string }, token?: string | null): Promise<NodeAnswer<z.infer<typeof WReceipt>>> {
    return this.callNode('receiptConfirm', body, WReceipt, token);
  }

  /** POST /card/loyalty with a LoyaltyCardRegistrationRequest (§1.6); the answer's fields are unknown. */
  registerLoyaltyCard(request: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<Record<string, unknown>>> {
    return this.callNode('loyaltyRegistration', request, WAnyObject, token);
  }

  /** The bonus endpoint (path and shapes unknown in the reference). */
  loyaltyBonus(request: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<Record<string, unknown>>> {
    return this.callNode('loyaltyBonus', request, WAnyObject, token);
  }

  /** POST /pickup/order with an Order (§1.7; the answer is void). */
  sendPickupOrder(order: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<unknown>> {
    return this.callNode('pickupOrder', order, WVoid, token);
  }

  /** Receive order update (path unknown in the reference): an Order. */
  updatePickupOrder(order: Record<string, unknown>, token?: string | null): Promise<NodeAnswer<unknown>> {
    return this.callNode('pickupOrderUpdate', order, WVoid, token);
  }

  /** Pickup order status updates the store sent to the gateway, in arrival order. */
  pickupStatuses(): Array<{ id: string; status: string; resolverId?: string | undefined }> {
    return [...this.pickupLog];
  }

  /**
   * POSTs to the node as Smarts would. `token`: undefined = the node token, null = none, a string =
   * that token (for unauthenticated tests). A 2xx body is validated with `shape`.
   */
  async callNode<T>(path: keyof typeof NODE_PATHS, body: unknown, shape: z.ZodType<T>, token?: string | null): Promise<NodeAnswer<T>> {
    const tok = token === undefined ? this.opts.nodeToken : token;
    const res = await fetch(this.opts.nodeUrl + { ...NODE_PATHS, ...this.opts.nodePaths }[path], {
      method: 'POST',
      headers: { ...(tok !== null ? { authorization: `Bearer ${tok}` } : {}), 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: returned as text
    }
    if (res.status < 200 || res.status >= 300) return { status: res.status, body: json, valid: false, issues: [] };
    const parsed = shape.safeParse(json);
    return { status: res.status, body: json, valid: parsed.success, issues: parsed.success ? [] : issuesOf(parsed.error) };
  }

  /** POSTs a check to the node's /control/check with the node token; remembers it for resends. */
  async sendCheck(request: PurchaseControlCheckRequest): Promise<{ status: number; body: unknown }> {
    this.sentChecks.set(request.invoiceId, request);
    const res = await fetch(this.opts.nodeUrl + (this.opts.nodePaths?.check ?? NODE_PATHS.check), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.opts.nodeToken}`, 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify(request),
    });
    // Non-JSON answers are returned as text so a test can show them.
    const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
    const body = isJson ? ((await res.json()) as unknown) : await res.text();
    // A 200 must be a PurchaseControlCheckResponse as the reference describes it.
    if (res.status === 200 && !WCheckResponse.safeParse(body).success) return { status: 502, body: { error: 'node answer is not a PurchaseControlCheckResponse', answer: body } };
    return { status: res.status, body };
  }

  /** Results received, de-duplicated by invoiceId + status + products (at-least-once delivery). */
  results(): ReceivedResult[] {
    return [...this.received.values()];
  }

  /** Every accepted POST /v1/control/result, duplicates included. */
  deliveryCount(): number {
    return this.rawDeliveries;
  }

  resendRequests(): Array<{ request: ResendBody; at: number }> {
    return [...this.resends];
  }

  /** Re-POSTs done after resend requests; awaits the ones still in flight first. */
  async reposts(): Promise<RepostRecord[]> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    return [...this.repostLog];
  }

  /** Starts or ends an outage. `refuse` closes the port; ending it listens on the same port again. */
  async setOutage(on: boolean, mode: OutageMode = 'http-503'): Promise<void> {
    const wasRefusing = this.outage === 'refuse';
    this.outage = on ? mode : null;
    if (on && mode === 'refuse' && !wasRefusing) await this.app.close();
    if ((!on || mode !== 'refuse') && wasRefusing) {
      this.app = Fastify({ logger: false });
      await this.listen(this.port);
    }
  }

  /** The next `count` gateway calls answer `status` (e.g. 400, 429, 500). */
  failNext(status: number, count = 1): void {
    for (let i = 0; i < count; i++) this.failQueue.push(status);
  }

  /** Delays every gateway answer by `ms` (timeouts). */
  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  async close(): Promise<void> {
    await this.reposts();
    if (this.outage !== 'refuse') await this.app.close();
  }

  private async listen(port: number): Promise<void> {
    this.routes(this.app);
    await this.app.listen({ host: '127.0.0.1', port });
    this.port = (this.app.server.address() as AddressInfo).port;
  }

  private routes(app: FastifyInstance): void {
    // The phone page has its own key (phone.ts); the gateway paths need the institution token.
    phoneRoutes(app, this.phone, phonePage);
    app.addHook('onRequest', async (req, reply) => {
      if (req.url === '/phone' || req.url.startsWith('/phone?') || req.url.startsWith('/phone/')) return;
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.outage === 'http-503') return reply.code(503).send({ error: 'service unavailable' });
      if (req.headers.accesstoken !== this.opts.accessToken) return reply.code(401).send({ error: 'unauthorized' });
      const fail = this.failQueue.shift();
      if (fail !== undefined) return reply.code(fail).send({ error: `injected ${fail}` });
    });

    app.post('/v1/control/result', async (req, reply) => {
      const parsed = WResult.safeParse(req.body);
      if (!parsed.success) return reply.code(400).send({ error: 'invalid-request', issues: issuesOf(parsed.error) });
      this.rawDeliveries++;
      const r = parsed.data;
      const key = createHash('sha256').update(JSON.stringify([r.invoiceId, r.status, r.products ?? null])).digest('hex');
      const seen = this.received.get(key);
      if (seen) seen.deliveries++;
      else this.received.set(key, { result: r, at: this.clock.now(), deliveries: 1 });
      return reply.code(200).send({});
    });

    // Pickup order status (§1.7: "Update order status", path and body N/A; ours: { id, status, resolverId }).
    app.post('/v1/pickup/order/status', async (req, reply) => {
      const parsed = WPickupStatus.safeParse(req.body);
      if (!parsed.success) return reply.code(400).send({ error: 'invalid-request', issues: issuesOf(parsed.error) });
      this.pickupLog.push(parsed.data);
      return reply.code(200).send({});
    });

    // Answers with the stored check (the seed names the response PurchaseControlCheckRequest)
    // and, like Smarts presumably does, re-POSTs it to the node's /control/check.
    app.post('/v1/control/resend', async (req, reply) => {
      const parsed = WResendRequest.safeParse(req.body);
      if (!parsed.success) return reply.code(400).send({ error: 'invalid-request', issues: issuesOf(parsed.error) });
      this.resends.push({ request: parsed.data, at: this.clock.now() });
      const check = this.sentChecks.get(parsed.data.invoiceId);
      if (!check || check.institutionId !== parsed.data.institutionId) return reply.code(404).send({ error: 'unknown invoice' });
      const repost = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.sendCheck(check))
        .then(
          (r) => void this.repostLog.push({ invoiceId: check.invoiceId, status: r.status, decision: (r.body as { decision?: string }).decision ?? null }),
          (e: Error) => void this.repostLog.push({ invoiceId: check.invoiceId, status: null, error: e.message }),
        );
      this.inFlight.add(repost);
      void repost.finally(() => this.inFlight.delete(repost));
      return reply.code(200).send(check);
    });
  }
}
