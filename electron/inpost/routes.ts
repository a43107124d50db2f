/**
 * The merchant endpoints InPost calls (integrations.md 2.2) under /v1/izi on the merchant node.
 * Order of checks: signature headers present (else 401 UNAUTHORIZED, before the body is read),
 * signature valid and fresh (else 401 INVALID_SIGNATURE), then JSON (depth-checked), schema
 * (400 BAD_REQUEST with the first problems), then the basket rules (book.ts). Errors are
 * { error_code, error_message }; basket and order events answer the same way to a repeated
 * event_id.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Log } from '../log';
import { checkJsonShape } from '../node/json-guard';
import type { InpostBasketBook } from './book';
import { InpostRouteError } from './errors';
import { verifySignature, type KeyLookup } from './signature';
import { BasketEvent, BindingConfirmation, CreateOrderRequest, ID, OrderEvent } from './wire';

export const INPOST_PREFIX = '/v1/izi';

export interface InpostRoutesOptions {
  book: InpostBasketBook;
  keys: KeyLookup;
  now(): number;
  log: Log;
  bodyLimit?: number;
}

type Req = FastifyRequest<{ Params: Record<string, string> }>;
const SIGNATURE_HEADERS = ['x-signature', 'x-signature-timestamp', 'x-public-key-ver', 'x-public-key-hash'];
const parsedBodies = new WeakMap<object, unknown>();

export function inpostRoutes(o: InpostRoutesOptions) {
  return (app: FastifyInstance) => {
    void app.register(async (sub) => {
      // Keep the raw text: the signature covers the exact bytes InPost sent.
      sub.removeAllContentTypeParsers();
      sub.addContentTypeParser('*', { parseAs: 'string', bodyLimit: o.bodyLimit ?? 256 * 1024 }, (_req, body, done) => done(null, body));

      sub.addHook('onRequest', async (req, reply) => {
        if (SIGNATURE_HEADERS.every((h) => req.headers[h] === undefined)) return send(reply, new InpostRouteError('UNAUTHORIZED', 'signature headers are required'));
      });
      sub.addHook('preHandler', async (req, reply) => {
        const raw = typeof req.body === 'string' ? req.body : '';
        const v = await verifySignature(req.headers, raw, o.keys, o.now());
        if (!v.ok) {
          o.log.warn('InPost call refused', { route: req.routeOptions.url, code: v.code, reason: v.reason });
          return send(reply, new InpostRouteError(v.code, v.code === 'UNAUTHORIZED' ? 'signature headers are required' : 'signature is not valid'));
        }
        if (req.method === 'GET' || req.method === 'DELETE') return;
        if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) return send(reply, new InpostRouteError('MALFORMED_REQUEST', 'send application/json'));
        const problem = checkJsonShape(raw, 32);
        if (problem) return send(reply, new InpostRouteError('MALFORMED_REQUEST', problem));
        try {
          parsedBodies.set(req, JSON.parse(raw, (k, val: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : val)));
        } catch {
          return send(reply, new InpostRouteError('MALFORMED_REQUEST', 'body is not valid JSON'));
        }
      });
      sub.setErrorHandler(async (err: Error & { statusCode?: number; code?: string }, req, reply) => {
        if (err instanceof InpostRouteError) return send(reply, err);
        if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error_code: 'BAD_REQUEST', error_message: err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body too large' : 'request refused' });
        o.log.error('InPost route failed', { route: req.routeOptions.url, error: err });
        return reply.code(500).send({ error_code: 'INTERNAL_SERVER_ERROR', error_message: 'internal error' });
      });
      sub.setNotFoundHandler((_req, reply) => reply.code(404).send({ error_code: 'NOT_FOUND', error_message: 'no such endpoint' }));

      const book = o.book;
      const basketId = (req: Req, code: 'BASKET_NOT_FOUND' | 'ORDER_NOT_FOUND' = 'BASKET_NOT_FOUND') => {
        const id = req.params.basketId ?? req.params.orderId ?? '';
        if (!ID.test(id)) throw new InpostRouteError(code, 'unknown id');
        return id;
      };
      const body = <S extends z.ZodTypeAny>(req: Req, schema: S): z.infer<S> => {
        const p = schema.safeParse(parsedBodies.get(req));
        if (!p.success) throw new InpostRouteError('BAD_REQUEST', p.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ').slice(0, 500));
        return p.data as z.infer<S>;
      };
      /** Runs an event once per event_id; a repeat gets the first answer. */
      const once = (eventId: string, reply: FastifyReply, f: () => { status: number; body: unknown }) => {
        const seen = book.answered(eventId);
        if (seen) return reply.code(seen.status).send(seen.body);
        let r: { status: number; body: unknown };
        try {
          r = f();
        } catch (e) {
          if (!(e instanceof InpostRouteError) || e.status >= 500) throw e;
          r = { status: e.status, body: e.body };
        }
        book.remember(eventId, r.status, r.body);
        return reply.code(r.status).send(r.body);
      };

      sub.get('/basket/:basketId', async (req: Req) => book.wire(book.live(basketId(req)), true));
      sub.post('/basket/:basketId/confirmation', async (req: Req) => {
        const row = book.confirm(basketId(req), body(req, BindingConfirmation));
        if (row.status === 'deleted') return {};
        return book.wire(row, true);
      });
      sub.post('/basket/:basketId/event', async (req: Req, reply) => {
        const id = basketId(req);
        const e = body(req, BasketEvent);
        return once(e.event_id, reply, () => ({ status: 200, body: book.wire(book.applyEvent(id, e), true) }));
      });
      const deleteBinding = async (req: Req, reply: FastifyReply) => {
        book.deleteBinding(basketId(req));
        return reply.code(200).send();
      };
      sub.delete('/basket/:basketId/binding', deleteBinding);
      sub.post('/basket/:basketId/binding/delete', deleteBinding);
      sub.post('/basket/product/:productId', async () => {
        throw new InpostRouteError('PRODUCT_NOT_FOUND', 'a kiosk basket is started at the kiosk, not from the app');
      });
      sub.get('/products', async (req) => {
        const q = req.query as Record<string, string | undefined>;
        return { content: [], total_items: 0, page_index: Number(q.page_index ?? 0) || 0, page_size: Math.min(100, Number(q.page_size ?? 20) || 20) };
      });
      sub.post('/order', async (req: Req, reply) => {
        const { order } = book.createOrder(body(req, CreateOrderRequest));
        return reply.code(201).send(order);
      });
      sub.get('/order/:orderId', async (req: Req) => {
        const row = book.byOrder(basketId(req, 'ORDER_NOT_FOUND'));
        if (!row?.order) throw new InpostRouteError('ORDER_NOT_FOUND', 'no such order');
        return row.order;
      });
      sub.post('/order/:orderId/event', async (req: Req, reply) => {
        const id = basketId(req, 'ORDER_NOT_FOUND');
        const e = body(req, OrderEvent);
        return once(e.event_id, reply, () => {
          const row = book.orderEvent(id, e);
          const text = row.status === 'authorized' || row.status === 'completed' ? 'Opłacone — odbierz paragon w kiosku' : 'Zamówienie odrzucone';
          return { status: 200, body: { order_merchant_status_description: text, delivery_references_list: [] } };
        });
      });
    }, { prefix: INPOST_PREFIX });
  };
}

function send(reply: FastifyReply, e: InpostRouteError) {
  return reply.code(e.status).send(e.body);
}
