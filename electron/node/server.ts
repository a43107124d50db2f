/**
 * The merchant node: the HTTP server Smarts (and later InPost) call. Routes are plugged in as
 * functions; this file owns auth, limits, error shapes and the access log.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Log } from '../log';
import { presentedToken, tokenMatches } from './auth';
import { notesOf } from './validate';

export interface MerchantNodeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** TCP port (KASSA_NODE_PORT); 0 picks a free one. */
  port: number;
  /** Token inbound callers must present (Bearer or `accessToken` header). */
  inboundToken: string;
  /** Largest accepted body in bytes; default 256 KiB. */
  bodyLimit?: number;
  log: Log;
  routes: Array<(app: FastifyInstance) => void>;
  /** Reported by GET /node/version; default "0.1.0". */
  version?: string;
}

export interface MerchantNode {
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  close(): Promise<void>;
}

/** Paths Smarts has not documented for the node; ours are guesses (see README). */
export const HEALTH_PATH = '/node/health';
export const VERSION_PATH = '/node/version';

export async function startMerchantNode(opts: MerchantNodeOptions): Promise<MerchantNode> {
  if (opts.inboundToken.length < 16) throw new Error('inboundToken must be at least 16 characters');
  const log = opts.log;
  const app = Fastify({ logger: false, bodyLimit: opts.bodyLimit ?? 256 * 1024, return503OnClosing: true });
  const started = new WeakMap<object, bigint>();

  app.addHook('onRequest', async (req, reply) => {
    started.set(req, process.hrtime.bigint());
    const token = presentedToken(req.headers);
    if (token === null || !tokenMatches(token, opts.inboundToken)) {
      return reply.code(401).send({ error: 'unauthorized', message: 'missing or wrong token' });
    }
  });

  app.addHook('onResponse', async (req, reply) => {
    const t0 = started.get(req);
    const ms = t0 === undefined ? null : Number(process.hrtime.bigint() - t0) / 1e6;
    const fields = { method: req.method, route: req.routeOptions.url ?? req.url.split('?')[0], status: reply.statusCode, ms, ...notesOf(req) };
    if (reply.statusCode >= 500) log.error('node request', fields);
    else if (reply.statusCode >= 400) log.warn('node request', fields);
    else log.debug('node request', fields);
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send({ error: 'body-too-large', message: `body exceeds ${app.initialConfig.bodyLimit} bytes` });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send({ error: 'invalid-json', message: 'body is not valid JSON' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send({ error: 'unsupported-media-type', message: 'send application/json' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: 'bad-request', message: err.message });
    }
    log.error('node route failed', { route: req.routeOptions.url, error: err, ...notesOf(req) });
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not-found' }));

  app.get(HEALTH_PATH, async () => ({ status: 'UP' }));
  app.get(VERSION_PATH, async () => ({ version: opts.version ?? '0.1.0' }));
  for (const register of opts.routes) register(app);

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('merchant node listening', { url });
  return { url, close: () => app.close() };
}
