/**
 * The SWiP POS API v3 routes of the sandbox: header checks, body validation, dispatch to the
 * order book. Returns a reply; the server decides how (or whether) it reaches the socket.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { calculateLoyalty } from './loyalty';
import type { OrderBook } from './orders';
import {
  SwipApiFailure,
  closeOrderRequest,
  createOrderRequest,
  loyaltyRequest,
  parseBody,
  refundRequest,
  reverseRequest,
} from './requests';
import type { LoyaltyProgram } from './types';
import { errorToWire, loyaltyToWire, operationToWire, orderToWire, type MerchantFacts } from './wire';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

export interface ApiContext {
  book: OrderBook;
  token: string;
  merchant: MerchantFacts;
  storeId?: string;
  loyaltyPrograms: LoyaltyProgram[];
  discountStepCents: number;
}

type Route = { method: string; pattern: RegExp; run: (ctx: ApiContext, m: RegExpExecArray, body: unknown, req: ApiRequest) => Reply };

const ROUTES: Route[] = [
  {
    method: 'POST',
    pattern: /^\/orders\/?$/,
    run: (ctx, _m, body, req) => {
      const parsed = parseBody(createOrderRequest, body, 'order');
      const order = ctx.book.create(parsed, { cashId: header(req, 'x-cash-id') ?? '', storeId: header(req, 'x-store-id') ?? '' });
      return ok(orderToWire(order, ctx.merchant));
    },
  },
  {
    method: 'GET',
    pattern: /^\/orders\/([^/]+)\/?$/,
    run: (ctx, m) => ok(orderToWire(ctx.book.get(decodeURIComponent(m[1] ?? '')), ctx.merchant)),
  },
  {
    method: 'POST',
    pattern: /^\/orders\/([^/]+)\/actions\/close\/?$/,
    run: (ctx, m, body) => {
      // No body (or JSON null) cancels the whole order, as the document allows.
      const parsed = body === undefined || body === null ? undefined : parseBody(closeOrderRequest, body, 'ConfirmOrderRequest');
      return ok(orderToWire(ctx.book.close(decodeURIComponent(m[1] ?? ''), parsed), ctx.merchant));
    },
  },
  {
    method: 'POST',
    pattern: /^\/refunds\/?$/,
    run: (ctx, _m, body) => {
      const r = parseBody(refundRequest, body, 'RefundRequest');
      checkMerchant(ctx, r.merchantId);
      return ok(operationToWire(ctx.book.refund(r.merchantOrderId, r.amount).slip));
    },
  },
  {
    method: 'POST',
    pattern: /^\/reverses\/?$/,
    run: (ctx, _m, body) => {
      const r = parseBody(reverseRequest, body, 'ReverseRequest');
      checkMerchant(ctx, r.merchantId);
      return ok(operationToWire(ctx.book.reverse(r.merchantOrderId, r.amount ?? undefined).slip));
    },
  },
  {
    method: 'POST',
    pattern: /^\/loyalty-calculations\/?$/,
    run: (ctx, _m, body) => {
      const r = parseBody(loyaltyRequest, body, 'LoyaltyCalculationRequest');
      return ok(loyaltyToWire(calculateLoyalty(ctx.loyaltyPrograms, r.purchases, r.total, ctx.discountStepCents)));
    },
  },
];

export function handleApi(ctx: ApiContext, req: ApiRequest): Reply {
  try {
    checkHeaders(ctx, req);
    const candidates = ROUTES.map((r) => ({ r, m: r.pattern.exec(req.path) })).filter((x) => x.m !== null);
    if (candidates.length === 0) throw new SwipApiFailure(404, 9, `NOT FOUND: ${req.path}`);
    const hit = candidates.find((x) => x.r.method === req.method);
    if (!hit || !hit.m) throw new SwipApiFailure(405, 7, `METHOD NOT SUPPORTED: ${req.method} ${req.path}`);
    return hit.r.run(ctx, hit.m, parseJson(req), req);
  } catch (e) {
    if (e instanceof SwipApiFailure) return { status: e.status, body: errorToWire(e.code, e.description, e.fieldErrors) };
    const message = e instanceof Error ? e.message : String(e);
    return { status: 500, body: errorToWire(1, `INTERNAL SERVER ERROR: ${message}`) };
  }
}

/** The five documented headers, in the order a gateway would check them. */
function checkHeaders(ctx: ApiContext, req: ApiRequest): void {
  const auth = header(req, 'authorization');
  if (auth !== `Bearer ${ctx.token}`) throw new SwipApiFailure(401, 2, 'AUTHENTICATION ERROR: missing or wrong bearer token');
  if (header(req, 'x-merchant-id') !== ctx.merchant.merchantId) throw new SwipApiFailure(403, 4, 'ACCESS DENIED: unknown X-Merchant-ID');
  const store = header(req, 'x-store-id');
  if (!store || (ctx.storeId !== undefined && store !== ctx.storeId)) throw new SwipApiFailure(403, 4, 'ACCESS DENIED: unknown X-Store-ID');
  if (header(req, 'api-version') !== '3') throw new SwipApiFailure(400, 10, 'UNSUPPORTED MESSAGE: Api-Version must be 3');
  // X-Cash-ID may be empty (vending machines), but it must be sent.
  if (header(req, 'x-cash-id') === undefined) {
    throw new SwipApiFailure(400, 5, 'VALIDATION FAILED', [{ field: 'X-Cash-ID', message: 'header is required', objectName: 'headers' }]);
  }
  if (req.raw.trim() !== '' && !/^application\/json\b/i.test(header(req, 'content-type') ?? '')) {
    throw new SwipApiFailure(400, 10, 'UNSUPPORTED MESSAGE: Content-Type must be application/json');
  }
}

function checkMerchant(ctx: ApiContext, merchantId: string): void {
  if (merchantId !== ctx.merchant.merchantId) throw new SwipApiFailure(403, 4, 'ACCESS DENIED: merchantId does not match');
}

function parseJson(req: ApiRequest): unknown {
  if (req.raw.trim() === '') return undefined;
  try {
    return JSON.parse(req.raw) as unknown;
  } catch (e) {
    throw new SwipApiFailure(400, 10, `UNSUPPORTED MESSAGE: body is not JSON (${(e as Error).message})`);
  }
}

function header(req: ApiRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}
