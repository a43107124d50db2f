/**
 * The InPost API as the simulator serves it to a merchant (integrations.md 2.1): the OAuth2
 * token endpoint, signing keys, basket and binding, order events and refunds. Every call but the
 * token endpoint needs `Authorization: Bearer <token>` from that endpoint, not expired.
 */
import type { InpostBook } from './book';
import { toGrosze } from './book';
import type { SigningKey } from './signer';
import { issuesOf, WBasket, WBindingRequest, WMerchantOrderEvent, WRefund } from './wire';

export interface ApiReply {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  book: InpostBook;
  now(): number;
  clientId: string;
  clientSecret: string;
  tokenTtlS: number;
  merchantExternalId: string;
  keys: SigningKey[];
  /** The deep link a binding's QR code carries (the app page). */
  deepLink(bindingKey: string): string;
}

export const TOKEN_PATH = '/auth/realms/external/protocol/openid-connect/token';

const err = (status: number, code: string, message: string): ApiReply => ({ status, body: { error_code: code, error_message: message } });

export function handleApi(ctx: ApiContext, method: string, path: string, headers: Record<string, string | string[] | undefined>, raw: string): ApiReply {
  if (method === 'POST' && path === TOKEN_PATH) return token(ctx, headers, raw);
  const auth = typeof headers.authorization === 'string' ? /^Bearer (.+)$/.exec(headers.authorization)?.[1] : undefined;
  const exp = auth ? ctx.book.tokens.get(auth) : undefined;
  if (exp === undefined || exp <= ctx.now()) return err(401, 'UNAUTHORIZED', exp === undefined ? 'missing or unknown access token' : 'access token expired');

  let m: RegExpExecArray | null;
  if (method === 'GET' && path === '/v1/izi/signing-keys/public') {
    return { status: 200, body: { merchant_external_id: ctx.merchantExternalId, public_keys: ctx.keys.map((k) => ({ public_key_base64: k.publicKeyBase64, version: k.version })) } };
  }
  if (method === 'GET' && (m = /^\/v1\/izi\/signing-keys\/public\/([^/]+)$/.exec(path))) {
    const k = ctx.keys.find((x) => x.version === decodeURIComponent(m![1]!));
    return k ? { status: 200, body: { merchant_external_id: ctx.merchantExternalId, public_key: { public_key_base64: k.publicKeyBase64, version: k.version } } } : err(404, 'PUBLIC_KEY_NOT_FOUND', 'no public key of that version');
  }
  if (method === 'PUT' && (m = /^\/v2\/izi\/basket\/([^/]+)$/.exec(path))) {
    const body = json(raw);
    const p = WBasket.safeParse(body);
    if (!p.success) return err(400, 'BAD_REQUEST', issuesOf(p.error));
    const b = ctx.book.putBasket(decodeURIComponent(m[1]!), p.data);
    if (b.orderId) return err(409, 'BASKET_IS_BINDED', 'the basket already has an order');
    return { status: 200, body: { inpost_basket_id: b.inpostBasketId } };
  }
  if ((m = /^\/v[12]\/izi\/basket\/([^/]+)\/binding$/.exec(path))) {
    const b = ctx.book.baskets.get(decodeURIComponent(m[1]!));
    if (!b || b.deleted) return err(404, 'BASKET_NOT_FOUND', 'unknown basket');
    if (method === 'PUT') return { status: 200, body: { basket_binding_api_key: ctx.book.bindingKeyFor(b) } };
    if (method === 'POST') {
      const p = WBindingRequest.safeParse(json(raw));
      if (!p.success) return err(400, 'BAD_REQUEST', issuesOf(p.error));
      if (b.linked) return err(409, 'BASKET_IS_BINDED', 'the basket is already bound');
      if (p.data.binding_method === 'PHONE') return err(400, 'PHONE_BINDING_METHOD_UNAVAILABLE', 'the simulator binds by deep link only');
      const link = ctx.deepLink(ctx.book.bindingKeyFor(b));
      return { status: 200, body: { qr_code: Buffer.from(link).toString('base64'), deep_link: link, deep_link_hms: link } };
    }
    if (method === 'GET') {
      return { status: 200, body: { basket_linked: b.linked, browser_trusted: false, inpost_basket_id: b.inpostBasketId, ...(b.client ? { client_details: b.client } : {}) } };
    }
    if (method === 'DELETE') {
      b.deleted = true;
      b.linked = false;
      return { status: 204 };
    }
  }
  if (method === 'POST' && (m = /^\/v1\/izi\/order\/([^/]+)\/event$/.exec(path))) {
    const o = ctx.book.orders.get(decodeURIComponent(m[1]!));
    if (!o) return err(404, 'ORDER_NOT_FOUND', 'unknown order');
    const p = WMerchantOrderEvent.safeParse(json(raw));
    if (!p.success) return err(400, 'BAD_REQUEST', issuesOf(p.error));
    const status = p.data.event_data.order_status ?? null;
    o.merchantEvents.push({ eventId: p.data.event_id, orderStatus: status });
    if (status && o.orderStatus !== 'ORDER_PROCESSING' && o.orderStatus !== status) return err(409, 'STATUS_ORDER_ERROR', `the order is already ${o.orderStatus}`);
    if (status) o.orderStatus = status;
    // The reference: "docs say 200; the API actually returns 201".
    return { status: 201, body: {} };
  }
  if (method === 'POST' && (m = /^\/v1\/izi\/transaction\/([^/]+)\/refund$/.exec(path))) {
    const o = [...ctx.book.orders.values()].find((x) => x.transactionId === decodeURIComponent(m![1]!));
    if (!o) return err(404, 'NOT_FOUND', 'unknown transaction');
    const commandId = typeof headers['x-command-id'] === 'string' ? headers['x-command-id'] : '';
    if (!commandId) return err(400, 'BAD_REQUEST', 'X-Command-ID header is required');
    const p = WRefund.safeParse(json(raw));
    if (!p.success) return err(400, 'BAD_REQUEST', issuesOf(p.error));
    const again = o.refunds.find((r) => r.commandId === commandId);
    if (again) return { status: 200, body: { status: 'SUCCESS', external_refund_id: again.externalRefundId } };
    const amount = toGrosze(p.data.refund_amount);
    if (o.paymentStatus !== 'AUTHORIZED' || o.refundedGrosze + amount > o.totalGrosze) return err(400, 'BAD_REQUEST', 'refund above what was captured');
    o.refundedGrosze += amount;
    o.refunds.push({ commandId, externalRefundId: p.data.external_refund_id, amountGrosze: amount });
    return { status: 200, body: { status: 'SUCCESS', external_refund_id: p.data.external_refund_id } };
  }
  return err(404, 'NOT_FOUND', `no route ${method} ${path}`);
}

function token(ctx: ApiContext, headers: Record<string, string | string[] | undefined>, raw: string): ApiReply {
  if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request', error_description: 'form body expected' } };
  const f = new URLSearchParams(raw);
  if (f.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
  if (f.get('client_id') !== ctx.clientId || f.get('client_secret') !== ctx.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client credentials' } };
  const t = ctx.book.issueToken(ctx.now() + ctx.tokenTtlS * 1000);
  return { status: 200, body: { access_token: t, expires_in: ctx.tokenTtlS, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: 'openid' } };
}

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
