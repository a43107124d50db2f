/**
 * The merchant node: the HTTP(S) server Smarts (and later InPost) call. Routes are plugged in as
 * functions; this file owns transport (TLS), auth, limits (rate, size, depth, content type), error
 * shapes and the access log.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Log } from '../log';
import { presentedToken, tokenMatches } from './auth';
import { checkJsonShape, DEFAULT_MAX_JSON_DEPTH } from './json-guard';
import { notesOf } from './validate';

export interface RateLimitOptions {
  /** Requests per client (IP address) per window. Default 1200. */
  max?: number;
  /** Window in ms. Default 60 000. */
  windowMs?: number;
}

export interface MerchantNodeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** TCP port (KASSA_NODE_PORT); 0 picks a free one. */
  port: number;
  /** Token inbound callers must present (Bearer or `accessToken` header). */
  inboundToken: string;
  /** Largest accepted body in bytes; default 256 KiB. */
  bodyLimit?: number;
  /** Deepest accepted JSON nesting (objects + arrays); default 32. */
  maxJsonDepth?: number;
  /** Per-client rate limit; `false` turns it off (benchmarks only). Defaults: 1200 per 60 s. */
  rateLimit?: RateLimitOptions | false;
  /** Serve HTTPS with this certificate and key (PEM). Without it the node speaks plain HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  log: Log;
  routes: Array<(app: FastifyInstance) => void>;
  /** Path prefixes whose routes authenticate callers themselves (InPost's signed calls under
   *  "/v1/izi/"): the node's token is not asked for there. */
  selfAuthenticated?: string[];
  /** Reported by GET /node/version; default "0.1.0". */
  version?: string;
  /** Added to GET /node/health and /node/version (the store node reports its store). */
  report?: () => Record<string, unknown>;
}

export interface MerchantNode {
  /** e.g. http://127.0.0.1:43123 or https://127.0.0.1:43123 */
  url: string;
  close(): Promise<void>;
}

/** Paths Smarts has not documented for the node; ours are guesses (see README). */
export const HEALTH_PATH = '/node/health';
export const VERSION_PATH = '/node/version';

export const DEFAULT_BODY_LIMIT = 256 * 1024;
export const DEFAULT_RATE_LIMIT = { max: 1200, windowMs: 60_000 } as const;
/** An oversized body is read and discarded up to this many bytes / ms so the 413 reaches the client. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
export const DRAIN_MAX_MS = 10_000;

class RateLimited extends Error {
  readonly statusCode = 429;
  readonly code = 'KASSA_RATE_LIMITED';
  constructor(readonly retryAfterMs: number) {
    super(`too many requests; retry in ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export async function startMerchantNode(opts: MerchantNodeOptions): Promise<MerchantNode> {
  if (opts.inboundToken.length < 16) throw new Error('inboundToken must be at least 16 characters');
  const log = opts.log;
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const maxDepth = opts.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const app = (
    opts.tls
      ? Fastify({ logger: false, bodyLimit, return503OnClosing: true, https: { cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' } })
      : Fastify({ logger: false, bodyLimit, return503OnClosing: true })
  ) as unknown as FastifyInstance;
  const started = new WeakMap<object, bigint>();

  // JSON only: every other content type (text/plain included) is 415. The raw text is checked for
  // nesting depth before JSON.parse, so a 60,000-deep document never reaches a recursive parser.
  app.removeAllContentTypeParsers();
  const jsonParse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (req, body, done) => {
    const problem = checkJsonShape(body as string, maxDepth);
    if (problem) {
      const err = new Error(problem) as Error & { statusCode: number; code: string };
      err.statusCode = 400;
      err.code = 'KASSA_JSON_TOO_DEEP';
      done(err, undefined);
      return;
    }
    jsonParse(req, body as string, done);
  });

  // Rate limit first (an app-level hook ahead of auth): unknown paths and wrong tokens count too,
  // so token guessing is limited as well.
  if (opts.rateLimit !== false) {
    const rl = { ...DEFAULT_RATE_LIMIT, ...(opts.rateLimit ?? {}) };
    await app.register(rateLimit, {
      global: false,
      max: rl.max,
      timeWindow: rl.windowMs,
      keyGenerator: (req) => req.ip,
      errorResponseBuilder: (_req, ctx) => new RateLimited(ctx.ttl),
    });
    app.addHook('onRequest', app.rateLimit());
  }

  app.addHook('onRequest', async (req, reply) => {
    started.set(req, process.hrtime.bigint());
    if (opts.selfAuthenticated?.some((p) => req.url.startsWith(p))) return;
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

  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        // Read (and discard) what the client is still sending before answering: closing a socket
        // with unread data makes the kernel reset it and the client never sees the 413.
        await drain(req.raw);
        return reply.code(413).send({ error: 'body-too-large', message: `body exceeds ${bodyLimit} bytes` });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send({ error: 'invalid-json', message: 'body is not valid JSON' });
      case 'KASSA_JSON_TOO_DEEP':
        return reply.code(400).send({ error: 'invalid-json', message: err.message });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        await drain(req.raw);
        return reply.code(415).send({ error: 'unsupported-media-type', message: 'send application/json' });
      case 'KASSA_RATE_LIMITED': {
        const ms = (err as unknown as RateLimited).retryAfterMs;
        return reply.code(429).send({ error: 'rate-limited', message: err.message, retryAfterMs: ms });
      }
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own 4xx (e.g. a protocol problem, __proto__ in JSON): a fixed message, not the error text.
      return reply.code(err.statusCode).send({ error: 'bad-request', message: err.code ? `request refused (${err.code})` : 'request refused' });
    }
    log.error('node route failed', { route: req.routeOptions.url, error: err, ...notesOf(req) });
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not-found' }));

  app.get(HEALTH_PATH, async () => ({ status: 'UP', ...(opts.report?.() ?? {}) }));
  app.get(VERSION_PATH, async () => ({ version: opts.version ?? '0.1.0', ...(opts.report?.() ?? {}) }));
  for (const register of opts.routes) register(app);

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `${opts.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info('merchant node listening', { url, tls: Boolean(opts.tls) });
  return { url, close: () => app.close() };
}

/** Reads and discards the rest of a request body (bounded by DRAIN_MAX_BYTES and DRAIN_MAX_MS). */
function drain(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('error', finish);
      raw.off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) finish();
    };
    const timer = setTimeout(finish, DRAIN_MAX_MS);
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    raw.resume();
  });
}
