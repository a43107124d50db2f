/**
 * One HTTP exchange with SWiP: headers, per-try timeout, the retry policy, logging without
 * secrets, and the mapping of every failure to a SwipError.
 */
import type { Log } from '../../log';
import { SwipError, codeFromWire, type SwipErrorInit, type SwipFieldError } from './errors';
import { errorBodySchema } from './schemas';
import type { SwipConfig, SwipRetryConfig } from './types';

/**
 * Which failures are retried automatically (see README "Retry policy"):
 * - read:   network errors, timeouts, 5xx, 429 (GET /orders/{id}, POST /loyalty-calculations)
 * - create: 429, and network errors that prove nothing was sent (connection refused, DNS)
 * - once:   429 only (close, cancel, refund, reverse: the caller's journal decides)
 */
export type RetryPolicy = 'read' | 'create' | 'once';

export interface SwipCall {
  method: 'GET' | 'POST';
  path: string;
  /** undefined: no body at all. */
  body?: unknown;
  policy: RetryPolicy;
  /** Logged to correlate with the journal. */
  merchantOrderId?: string;
}

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_RETRY: SwipRetryConfig = { attempts: 3, baseMs: 200, maxMs: 2000 };
/** A 429 Retry-After longer than maxMs × this is not waited for: the 429 surfaces at once. */
export const RETRY_AFTER_CAP_FACTOR = 5;

/** Error codes of connection attempts that failed before a byte of the request left. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

type Outcome =
  | { ok: true; status: number; json: unknown }
  | { ok: false; error: SwipError; notSent: boolean; retryAfterMs?: number };

export class SwipTransport {
  private readonly timeoutMs: number;
  private readonly retry: SwipRetryConfig;
  private readonly base: string;

  constructor(
    private readonly cfg: SwipConfig,
    private readonly log: Log,
    private readonly fetchImpl: typeof fetch,
  ) {
    this.timeoutMs = cfg.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = cfg.retry ?? DEFAULT_RETRY;
    this.base = cfg.baseUrl.replace(/\/+$/, '');
  }

  /** Sends the call (retrying per its policy) and returns the parsed JSON body of a 2xx answer. */
  async send(call: SwipCall): Promise<unknown> {
    const attempts = Math.max(1, this.retry.attempts);
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const outcome = await this.once(call);
      const ms = Date.now() - started;
      const fields = { method: call.method, path: call.path, ms, attempt, merchantOrderId: call.merchantOrderId };
      if (outcome.ok) {
        this.log.info('swip call', { ...fields, status: outcome.status });
        return outcome.json;
      }
      const err = outcome.error;
      const wait = attempt < attempts ? this.retryWait(call.policy, outcome, attempt) : undefined;
      this.log.warn('swip call failed', {
        ...fields,
        status: err.httpStatus,
        errorType: err.type,
        code: err.rawCode,
        retryInMs: wait,
      });
      if (wait === undefined) throw err;
      await sleep(wait);
    }
  }

  /** How long to wait before the next try, or undefined when this failure is not retried. */
  private retryWait(policy: RetryPolicy, o: Extract<Outcome, { ok: false }>, attempt: number): number | undefined {
    const e = o.error;
    const backoff = this.backoff(attempt);
    if (e.httpStatus === 429) {
      if (o.retryAfterMs === undefined) return backoff;
      return o.retryAfterMs <= this.retry.maxMs * RETRY_AFTER_CAP_FACTOR ? o.retryAfterMs : undefined;
    }
    if (policy === 'read') {
      if (e.type === 'network' || e.type === 'timeout') return backoff;
      if (e.httpStatus !== undefined && e.httpStatus >= 500) return backoff;
      return undefined;
    }
    if (policy === 'create' && e.type === 'network' && o.notSent) return backoff;
    return undefined;
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, capped at maxMs. */
  private backoff(attempt: number): number {
    const step = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + Math.random() * (step / 2));
  }

  private headers(): Record<string, string> {
    return {
      Authorization: `Bearer ${this.cfg.token}`,
      'X-Merchant-ID': this.cfg.merchantId,
      'X-Store-ID': this.cfg.storeId,
      'X-Cash-ID': this.cfg.cashId,
      'Api-Version': '3',
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
  }

  private async once(call: SwipCall): Promise<Outcome> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    const base: Pick<SwipErrorInit, 'method' | 'path'> = { method: call.method, path: call.path };
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const res = await this.fetchImpl(this.base + call.path, {
        method: call.method,
        headers: this.headers(),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: ctrl.signal,
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = await res.text();
    } catch (e) {
      if (ctrl.signal.aborted) {
        return { ok: false, notSent: false, error: new SwipError({ ...base, type: 'timeout', detail: `${this.timeoutMs} ms` }) };
      }
      const code = networkCode(e);
      const detail = this.scrub(code ?? (e instanceof Error ? e.message : String(e)));
      return {
        ok: false,
        notSent: code !== undefined && NOT_SENT_CODES.has(code),
        error: new SwipError({ ...base, type: 'network', detail }),
      };
    } finally {
      clearTimeout(timer);
    }

    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      if (!parsed.ok) {
        return { ok: false, notSent: false, error: new SwipError({ ...base, type: 'invalid-response', httpStatus: status, detail: parsed.why }) };
      }
      return { ok: true, status, json: parsed.value };
    }
    const retryAfterMs = parseRetryAfter(retryAfter);
    const body = parsed.ok ? errorBodySchema.safeParse(parsed.value) : undefined;
    const rawCode = body?.success ? codeFromWire(body.data.code) : undefined;
    if (!body?.success || rawCode === undefined) {
      return { ok: false, notSent: false, retryAfterMs, error: new SwipError({ ...base, type: 'http', httpStatus: status }) };
    }
    const d = body.data;
    const description = d.description ?? d.message ?? d['@type'] ?? undefined;
    const fieldErrors: SwipFieldError[] = (d.fieldErrors ?? []).map((f) => ({
      field: f.field ?? '',
      message: this.scrub(f.message ?? ''),
      ...(f.objectName ? { objectName: f.objectName } : {}),
    }));
    return {
      ok: false,
      notSent: false,
      retryAfterMs,
      error: new SwipError({
        ...base,
        type: 'api',
        httpStatus: status,
        rawCode,
        description: description === undefined ? undefined : this.scrub(description),
        fieldErrors,
      }),
    };
  }

  /** Second line of defence: a server that echoes the token never gets it into our messages. */
  private scrub(text: string): string {
    return this.cfg.token ? text.split(this.cfg.token).join('[redacted]') : text;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; why: string } {
  if (text.trim() === '') return { ok: false, why: 'empty body' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, why: `malformed JSON (${(e as Error).message})` };
  }
}

/** Retry-After in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v.trim()) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The system error code under fetch's "fetch failed" TypeError (also inside AggregateError). */
function networkCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && cur; depth++) {
    const c = cur as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof c.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(c.code)) return c.code;
    if (Array.isArray(c.errors) && c.errors.length > 0) {
      const inner = networkCode(c.errors[0]);
      if (inner) return inner;
    }
    cur = c.cause;
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
