/**
 * The merchant endpoints InPost calls (integrations.md 2.2) under /v1/izi on the merchant node.
 * Order of checks: signature headers present (else 401 UNAUTHORIZED, before the body is read),
 * signature valid and fresh (else 401 INVALID_SIGNATURE), then JSON (depth-checked), schema
 * (400 BAD_REQUEST with the first problems), then the basket rules (book.ts, through calls.ts).
 * Errors are { error_code, error_message }; basket and order events answer the same way to a
 * repeated event_id. The same guard serves the store node, whose `answer` relays each call to
 * the kiosk that owns the basket (store/inpost-hub.ts) instead of running it on a local book.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Log } from '../log';
import { checkJsonShape } from '../node/json-guard';
import type { InpostBasketBook } from './book';
import { checkCall, runCall, type CallAnswer, type CallOp, type InpostCall } from './calls';
import { InpostRouteError } from './errors';
import { verifySignature, type KeyLookup } from './signature';

export const INPOST_PREFIX = '/v1/izi';

export interface InpostGuardOptions {
  keys: KeyLookup;
  now(): number;
  log: Log;
  bodyLimit?: number;
}

export interface InpostRoutesOptions extends InpostGuardOptions {
  book: InpostBasketBook;
}

/** Answers a checked call (the merchant's book here, or the owning kiosk over the store bus). */
export type CallAnswerer = (call: InpostCall) => CallAnswer | Promise<CallAnswer>;

type Req = FastifyRequest<{ Params: Record<string, string> }>;
const SIGNATURE_HEADERS = ['x-signature', 'x-signature-timestamp', 'x-public-key-ver', 'x-public-key-hash'];
const parsedBodies = new WeakMap<object, unknown>();

/** The merchant endpoints on a local book (a kiosk that is its own merchant node). */
export function inpostRoutes(o: InpostRoutesOptions) {
  return inpostEndpoints(o, (call) => runCall(o.book, call));
}

/** The merchant endpoints with the signature, JSON and schema checks, each call answered by `answer`. */
export function inpostEndpoints(o: InpostGuardOptions, answer: CallAnswerer) {
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

      /** Checks the call here (400/404 before anything is asked), then answers it. */
      const handle = (op: CallOp) => async (req: Req, reply: FastifyReply) => {
        const { call } = checkCall(op, req.params.basketId ?? req.params.orderId, parsedBodies.get(req));
        const r = await answer(call);
        return r.body === null ? reply.code(r.status).send() : reply.code(r.status).send(r.body);
      };
      sub.get('/basket/:basketId', handle('get-basket'));
      sub.post('/basket/:basketId/confirmation', handle('confirm'));
      sub.post('/basket/:basketId/event', handle('basket-event'));
      sub.delete('/basket/:basketId/binding', handle('delete-binding'));
      sub.post('/basket/:basketId/binding/delete', handle('delete-binding'));
      sub.post('/basket/product/:productId', async () => {
        throw new InpostRouteError('PRODUCT_NOT_FOUND', 'a kiosk basket is started at the kiosk, not from the app');
      });
      sub.get('/products', async (req) => {
        const q = req.query as Record<string, string | undefined>;
        return { content: [], total_items: 0, page_index: Number(q.page_index ?? 0) || 0, page_size: Math.min(100, Number(q.page_size ?? 20) || 20) };
      });
      sub.post('/order', handle('create-order'));
      sub.get('/order/:orderId', handle('get-order'));
      sub.post('/order/:orderId/event', handle('order-event'));
    }, { prefix: INPOST_PREFIX });
  };
}

function send(reply: FastifyReply, e: InpostRouteError) {
  return reply.code(e.status).send(e.body);
}
