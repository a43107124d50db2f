/**
 * InpostSandbox: a local server that plays InPost Pay for a merchant backend (integrations.md
 * API 2), written from the reference. It serves InPost's API (api.ts), the customer's app page
 * (app-page.ts) whose buttons make InPost's signed calls to the merchant (customer.ts), and a
 * loopback control API for tests. It keeps its own ledger (book.ts).
 */
import { listen } from '../listen';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleApi, type ApiContext } from './api';
import { appPage } from './app-page';
import { InpostBook } from './book';
import { Customer, CustomerError } from './customer';
import { makeSigningKey, type SignatureFault, type SigningKey } from './signer';

export interface InpostSandboxOptions {
  clientId: string;
  clientSecret: string;
  /** The merchant backend's base URL (InPost calls `{merchantUrl}/v1/izi/...`); may be set later. */
  merchantUrl?: string;
  merchantExternalId?: string;
  merchantName?: string;
  /** Access token lifetime, seconds; default 300. */
  tokenTtlS?: number;
  port?: number;
  host?: string;
  /** Host name put in deep links (a phone on the LAN); default the listening address. */
  publicHost?: string;
  clock?: { now(): number };
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const MAX_BODY = 512 * 1024;

export class InpostSandbox {
  readonly url: string;
  readonly book = new InpostBook();
  readonly customer: Customer;
  /** The current signing key (version "1") and a second one the merchant has never been told of. */
  readonly key: SigningKey = makeSigningKey('1');
  private readonly other: SigningKey = makeSigningKey('2');
  private fault: SignatureFault = 'none';
  private merchantUrl: string;
  private readonly ctx: ApiContext;

  private constructor(private readonly server: Server, private readonly opts: InpostSandboxOptions, url: string) {
    this.url = url;
    this.merchantUrl = (opts.merchantUrl ?? '').replace(/\/+$/, '');
    const now = () => (opts.clock ?? Date).now();
    const merchantExternalId = opts.merchantExternalId ?? 'kassa-demo-merchant';
    const linkBase = opts.publicHost ? url.replace(/\/\/[^:/]+/, `//${opts.publicHost}`) : url;
    this.ctx = { book: this.book, now, clientId: opts.clientId, clientSecret: opts.clientSecret, tokenTtlS: opts.tokenTtlS ?? 300, merchantExternalId, keys: [this.key], deepLink: (k) => `${linkBase}/app/${k}` };
    this.customer = new Customer({ book: this.book, now, merchantUrl: () => this.merchantUrl, merchantExternalId, key: this.key, other: this.other, fault: () => this.fault });
  }

  static start(opts: InpostSandboxOptions): Promise<InpostSandbox> {
    const server = createServer();
    const host = opts.host ?? '127.0.0.1';
    return listen(server, opts.port ?? 0, host).then(({ url }) => {
      const sb = new InpostSandbox(server, opts, url);
      server.on('request', (req, res) => void sb.handle(req, res).catch((e: unknown) => send(res, 500, { error_code: 'INTERNAL_SERVER_ERROR', error_message: e instanceof Error ? e.message : String(e) })));
      return sb;
    });
  }

  /** Where InPost calls the merchant (the node's base URL). */
  setMerchantUrl(url: string): void {
    this.merchantUrl = url.replace(/\/+$/, '');
  }

  /** How the next calls to the merchant are signed ("none" = correctly). */
  setSignatureFault(f: SignatureFault): void {
    this.fault = f;
  }

  /** The OAuth token endpoint's URL (for the merchant's configuration). */
  get tokenUrl(): string {
    return `${this.url}/auth/realms/external/protocol/openid-connect/token`;
  }

  ledger() {
    return this.book.snapshot();
  }

  /** The binding key of a basket (the part after /app/ in its deep link). */
  bindingKey(basketId: string): string | null {
    return this.book.baskets.get(basketId)?.bindingKey ?? null;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error_code: 'BAD_REQUEST', error_message: 'body too large' });
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/app\/([0-9a-f]{32})$/.exec(path))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(appPage(m[1]!));
    }
    if (method === 'GET' && (m = /^\/app\/([0-9a-f]{32})\/state$/.exec(path))) {
      const b = this.book.byKey(m[1]!);
      if (!b) return send(res, 404, { error: 'not-found' });
      const o = b.orderId ? this.book.orders.get(b.orderId) : undefined;
      return send(res, 200, { merchant: this.opts.merchantName ?? 'Kassa', linked: b.linked, basket: b.basket, order: o ? { orderId: o.orderId, paymentStatus: o.paymentStatus, orderStatus: o.orderStatus } : null });
    }
    if (method === 'POST' && (m = /^\/app\/([0-9a-f]{32})\/action$/.exec(path))) return send(res, 200, await this.appAction(m[1]!, raw));
    if (path.startsWith('/__control/')) {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, { error: 'forbidden' });
      if (method === 'GET' && path === '/__control/ledger') return send(res, 200, this.ledger());
      if (method === 'POST' && path === '/__control/signature') {
        this.fault = (JSON.parse(raw || '{}') as { fault?: SignatureFault }).fault ?? 'none';
        return send(res, 200, { ok: true });
      }
      return send(res, 404, { error: 'not-found' });
    }
    const reply = handleApi(this.ctx, method, path, req.headers, raw);
    if (reply.status === 204) {
      res.writeHead(204);
      return void res.end();
    }
    send(res, reply.status, reply.body);
  }

  private async appAction(key: string, raw: string): Promise<{ ok: boolean; status?: number; message?: string; body?: unknown }> {
    let a: { action?: string; productId?: string; quantity?: number; code?: string };
    try {
      a = JSON.parse(raw) as typeof a;
    } catch {
      return { ok: false, message: 'not JSON' };
    }
    try {
      const c = this.customer;
      const r =
        a.action === 'confirm' ? await c.confirm(key)
        : a.action === 'quantity' ? await c.quantity(key, String(a.productId), Number(a.quantity))
        : a.action === 'promo' ? await c.promo(key, String(a.code ?? '').trim())
        : a.action === 'order' ? await c.createOrder(key)
        : a.action === 'pay' || a.action === 'reject' ? await c.finish(key, a.action)
        : a.action === 'delete' ? await c.deleteBinding(key)
        : null;
      if (!r) return { ok: false, message: `unknown action ${String(a.action)}` };
      const ok = r.status >= 200 && r.status < 300;
      const msg = !ok && r.body && typeof r.body === 'object' ? String((r.body as { error_message?: unknown }).error_message ?? '') : '';
      return { ok, status: r.status, ...(ok ? {} : { message: `${r.status} ${msg}`.trim() }), body: r.body };
    } catch (e) {
      if (e instanceof CustomerError || e instanceof TypeError) return { ok: false, message: e.message };
      throw e;
    }
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(n > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
