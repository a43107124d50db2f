/**
 * Client for the Smarts gateway (merchant → Smarts). Header `accessToken: <institution token>` [S].
 * Paths are configuration: `/v1/control/resend` is from the seed, `/v1/control/result` is NOT in
 * the documents we have (inferred).
 */
import type { Log } from '../log';
import {
  PurchaseControlCheckRequest,
  type PurchaseControlCheckResendRequest,
  type PurchaseControlResult,
} from './schemas';

export interface SmartsGatewayOptions {
  /** Default https://gateway.smarts.ee */
  baseUrl?: string;
  accessToken: string;
  /** Default "/v1/control/result" (inferred, not documented). */
  resultPath?: string;
  /** Default "/v1/control/resend" (from the seed). */
  resendPath?: string;
  /** Pickup order status updates (§1.7, path N/A): default "/v1/pickup/order/status" (inferred). */
  pickupStatusPath?: string;
  /** Per-request timeout in ms; default 10 000. */
  timeoutMs?: number;
  log: Log;
  fetchImpl?: typeof fetch;
}

/**
 * Outcome of one call. `retry`: 5xx, 408, 429, network error or timeout (try again later);
 * `permanent`: any other 4xx or a 2xx with an unusable body (do not retry; show the supervisor).
 */
export type GatewayOutcome<T = undefined> =
  | { ok: true; status: number; value: T }
  | { ok: false; kind: 'retry' | 'permanent'; status: number | null; message: string; retryAfterMs?: number };

export class SmartsGateway {
  private readonly baseUrl: string;
  private readonly resultPath: string;
  private readonly resendPath: string;
  private readonly pickupStatusPath: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly log: Log;

  constructor(private readonly opts: SmartsGatewayOptions) {
    this.baseUrl = (opts.baseUrl ?? 'https://gateway.smarts.ee').replace(/\/+$/, '');
    this.resultPath = opts.resultPath ?? '/v1/control/result';
    this.resendPath = opts.resendPath ?? '/v1/control/resend';
    this.pickupStatusPath = opts.pickupStatusPath ?? '/v1/pickup/order/status';
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.fetchImpl = opts.fetchImpl ?? fetch;
    this.log = opts.log;
  }

  /** Sends a purchase check result. 2xx = accepted by Smarts. */
  async sendResult(result: PurchaseControlResult): Promise<GatewayOutcome> {
    const r = await this.post(this.resultPath, result, result.invoiceId);
    return r.ok ? { ok: true, status: r.status, value: undefined } : r;
  }

  /** Tells Smarts a pickup order's new status (`{ id, status, resolverId }`, our reading). */
  async sendPickupStatus(body: { id: string; status: string; resolverId: string }): Promise<GatewayOutcome> {
    const r = await this.post(this.pickupStatusPath, body, body.id);
    return r.ok ? { ok: true, status: r.status, value: undefined } : r;
  }

  /**
   * Asks Smarts to resend a check. The seed names the response PurchaseControlCheckRequest, so a
   * body, when present and valid, is returned as `value`; Smarts may also re-POST /control/check.
   */
  async requestResend(req: PurchaseControlCheckResendRequest): Promise<GatewayOutcome<PurchaseControlCheckRequest | null>> {
    const r = await this.post(this.resendPath, req, req.invoiceId);
    if (!r.ok) return r;
    if (r.text.trim() === '') return { ok: true, status: r.status, value: null };
    let json: unknown;
    try {
      json = JSON.parse(r.text);
    } catch (e) {
      this.log.warn('resend answer is not JSON; ignored', { invoiceId: req.invoiceId, error: e as Error });
      return { ok: true, status: r.status, value: null };
    }
    const parsed = PurchaseControlCheckRequest.safeParse(json);
    if (!parsed.success) {
      this.log.warn('resend answer is not a PurchaseControlCheckRequest; ignored', { invoiceId: req.invoiceId });
      return { ok: true, status: r.status, value: null };
    }
    return { ok: true, status: r.status, value: parsed.data };
  }

  private async post(
    path: string,
    body: unknown,
    invoiceId: string,
  ): Promise<{ ok: true; status: number; text: string } | Extract<GatewayOutcome, { ok: false }>> {
    const started = Date.now();
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, {
        method: 'POST',
        headers: { accessToken: this.opts.accessToken, 'Content-Type': 'application/json;charset=UTF-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error;
      const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
      const message = timedOut ? `timeout after ${this.timeoutMs} ms` : `network: ${sanitizeReason(networkCause(err))}`;
      this.log.warn('gateway call failed', { path, invoiceId, message, ms: Date.now() - started });
      return { ok: false, kind: 'retry', status: null, message };
    }
    const text = await res.text().catch((e: Error) => `(body unreadable: ${e.message})`);
    const ms = Date.now() - started;
    if (res.ok) {
      this.log.info('gateway call accepted', { path, invoiceId, status: res.status, ms });
      return { ok: true, status: res.status, text };
    }
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    // Only the status and a short, sanitized reason are kept (the outbox stores it): never the raw body.
    const reason = reasonOf(text);
    const message = reason ? `HTTP ${res.status}: ${reason}` : `HTTP ${res.status}`;
    this.log[retry ? 'warn' : 'error']('gateway call refused', { path, invoiceId, status: res.status, ms });
    return {
      ok: false,
      kind: retry ? 'retry' : 'permanent',
      status: res.status,
      message,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
}

/** Longest reason kept from a gateway answer. */
export const MAX_REASON_LENGTH = 80;

/**
 * A short reason from a gateway error body: the `error`, `code` or `message` string of a JSON
 * object, sanitized; null for anything else (HTML pages, stack traces, echoed requests).
 */
export function reasonOf(text: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(text.length > 64 * 1024 ? '' : text);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  for (const k of ['error', 'code', 'message']) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return sanitizeReason(v) || null;
  }
  return null;
}

/** Letters, digits, spaces and `._:/()-` only, whitespace collapsed, at most MAX_REASON_LENGTH characters. */
export function sanitizeReason(s: string): string {
  return s
    .replace(/[^\p{L}\p{N} ._:/()-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_REASON_LENGTH);
}

function networkCause(err: Error): string {
  const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? err.message;
}

function parseRetryAfter(h: string | null): number | undefined {
  if (!h) return undefined;
  const s = Number(h);
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, 3_600_000);
  return undefined;
}
