/**
 * SwipSandbox: a local HTTP server that behaves as the SWiP POS API v3 document describes,
 * plus a wallet page (the customer's app) and a control API for tests and demos.
 */
import { listen } from '../listen';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApi, type ApiContext, type Reply } from './api';
import { handleControl } from './control';
import { FaultList } from './faults';
import { OrderBook, SandboxControlError } from './orders';
import type { Fault, PayOptions, SandboxLedgerEntry, SwipSandboxOptions } from './types';
import { errorToWire, orderToWire } from './wire';
import { walletNotFound, walletPage } from './wallet';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export class SwipSandbox {
  /** Base URL of the API, e.g. "http://127.0.0.1:39123". */
  readonly url: string;
  private readonly book: OrderBook;
  private readonly faults = new FaultList();
  private readonly ctx: ApiContext;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly openTimeoutMs: number;

  private constructor(
    private readonly server: Server,
    private readonly opts: SwipSandboxOptions,
    url: string,
  ) {
    this.url = url;
    this.openTimeoutMs = opts.openTimeoutMs ?? 90_000;
    const clock = opts.clock ?? { now: () => Date.now() };
    const merchantName = opts.merchantName ?? 'Kassa Demo Shop';
    const walletBase = (opts.publicBaseUrl ?? (opts.publicHost ? withHost(url, opts.publicHost) : url)).replace(/\/+$/, '');
    this.book = new OrderBook({
      clock,
      openTimeoutMs: this.openTimeoutMs,
      captureDelayMs: opts.captureDelayMs ?? 60_000,
      merchantId: opts.merchantId,
      merchantName,
      personalDiscountBp: opts.personalDiscountBp ?? 0,
      sessionUrl: (code) => `${walletBase}/wallet/${code}`,
    });
    this.ctx = {
      book: this.book,
      token: opts.token,
      merchant: { merchantId: opts.merchantId, merchantName },
      storeId: opts.storeId,
      loyaltyPrograms: opts.loyaltyPrograms ?? [],
      discountStepCents: opts.discountStepCents ?? 1,
    };
  }

  /** Starts listening (port 0 = any free port on 127.0.0.1 by default). */
  static start(opts: SwipSandboxOptions): Promise<SwipSandbox> {
    const server = createServer();
    const host = opts.host ?? '127.0.0.1';
    return listen(server, opts.port ?? 0, host).then(({ url }) => {
      const sb = new SwipSandbox(server, opts, url);
      server.on('request', (req, res) => {
        sb.handle(req, res).catch((e: unknown) => sb.fail(res, e));
      });
      return sb;
    });
  }

  /** The wallet page link for a session code (the generated QR text already is one). */
  walletUrl(sessionCode: string): string {
    if (/^https?:\/\/.*\/wallet\/[^/]+$/.test(sessionCode)) return sessionCode;
    const base = (this.opts.publicBaseUrl ?? (this.opts.publicHost ? withHost(this.url, this.opts.publicHost) : this.url)).replace(/\/+$/, '');
    return `${base}/wallet/${encodeURIComponent(sessionCode)}`;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every order with its money and history. */
  ledger(): SandboxLedgerEntry[] {
    return this.book.ledger();
  }

  /**
   * The customer opens the order in the app: SWiP applies personal loyalty (`personalDiscountBp`,
   * default the start option), lowering `total` and setting `swipDiscount` and line discounts.
   */
  open(orderIdOrSessionCode: string, personalDiscountBp?: number): string {
    return this.book.open(orderIdOrSessionCode, personalDiscountBp).id;
  }

  /** The customer pays in the app (order id, session code or merchantOrderId). Returns the SWiP order id. */
  pay(orderIdOrSessionCode: string, opts?: PayOptions): string {
    return this.book.pay(orderIdOrSessionCode, opts).id;
  }

  /** The payment is declined: the order records the error and stays OPEN, unpaid. */
  decline(orderIdOrSessionCode: string, reason?: string): string {
    return this.book.decline(orderIdOrSessionCode, reason).id;
  }

  /** The customer chose cash / the card terminal (scenario 2): the POS may then close it with the collected amount. */
  markTerminal(orderIdOrSessionCode: string): string {
    return this.book.markTerminal(orderIdOrSessionCode).id;
  }

  injectFault(f: Fault): void {
    this.faults.add(f);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Forgets every order and fault. */
  reset(): void {
    this.book.reset();
    this.faults.clear();
  }

  /** An order in SWiP's wire format, or undefined. */
  orderJson(ref: string): Record<string, unknown> | undefined {
    const o = this.book.find(ref);
    return o ? orderToWire(o, this.ctx.merchant) : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const raw = await readBody(req);

    if (path.startsWith('/__control/')) {
      if (!this.opts.controlFromAnyHost && !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        return send(res, { status: 403, body: { ok: false, error: 'forbidden', message: 'control API is loopback only' } });
      }
      return send(res, handleControl(this, method, path, raw));
    }
    if (path.startsWith('/wallet/') && method === 'GET') {
      const code = decodeURIComponent(path.slice('/wallet/'.length));
      const found = this.book.find(code);
      // Showing the order in the app is "opening" it: personal loyalty applies (scenario step 4).
      const order = found?.status === 'OPEN' ? this.book.open(found.id) : found;
      const html = order
        ? walletPage(order, { merchantName: this.ctx.merchant.merchantName, openTimeoutMs: this.openTimeoutMs, walletDiscountBp: this.opts.walletDiscountBp ?? (this.opts.personalDiscountBp || 500) })
        : walletNotFound(code);
      res.writeHead(order ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
      return;
    }

    const fault = this.faults.take(path);
    if (fault?.kind === 'delay') await this.sleep(fault.ms);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfterS !== undefined ? { 'Retry-After': String(fault.retryAfterS) } : {};
      return send(res, { status: fault.status, headers, body: faultBody(fault.status) });
    }
    if (fault?.kind === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(fault.body);
      return;
    }
    const reply = handleApi(this.ctx, { method, path, headers: req.headers, raw });
    if (fault?.kind === 'lose-response') return void req.socket.destroy();
    if (fault?.kind === 'order-status' && reply.status === 200 && isOrder(reply.body)) {
      return send(res, { ...reply, body: { ...reply.body, orderStatus: fault.value } });
    }
    send(res, reply);
  }

  private fail(res: ServerResponse, e: unknown): void {
    if (res.headersSent || res.destroyed) return;
    const message = e instanceof SandboxControlError || e instanceof Error ? e.message : String(e);
    send(res, { status: 500, body: errorToWire(1, `INTERNAL SERVER ERROR: ${message}`) });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

/**
 * The error body of an injected status. 429: the document's HTTP table names its error code
 * `too_many_request` (no numeric code exists for it), with the table's description. 500: the
 * numeric table's code 1. 503 is not in the document: code 1 as well (the sandbox's choice).
 */
function faultBody(status: 500 | 429 | 503): Record<string, unknown> {
  if (status === 429) return { code: 'too_many_request', description: 'Too many requests sent in a short amount of time.', fieldErrors: [] };
  return errorToWire(1, status === 503 ? 'INTERNAL SERVER ERROR: service unavailable' : 'INTERNAL SERVER ERROR');
}

function isOrder(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && 'orderStatus' in body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'Content-Type': 'application/json', ...(reply.headers ?? {}) });
  res.end(JSON.stringify(reply.body));
}

/** The same URL with another host (the kiosk's LAN address, so a phone can open the wallet). */
function withHost(url: string, host: string): string {
  const u = new URL(url);
  u.hostname = host;
  return u.toString();
}
