/**
 * Kassa's calls to InPost Pay (integrations.md 2.1), with a Bearer token from TokenSource. A 401
 * gets one retry with a fresh token. InPost's errors ({error_code, error_message}) become
 * InpostApiError; 4xx but 408/429 are definitive, anything else may be retried.
 */
import type { TokenSource } from './oauth';

export class InpostApiError extends Error {
  readonly kind = 'InpostApiError';
  constructor(readonly status: number | null, readonly code: string, message: string) {
    super(message);
  }
  /** The same call may succeed later (network, 5xx, 408, 429). */
  get retryable(): boolean {
    return this.status === null || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

export const isInpostApiError = (e: unknown): e is InpostApiError => !!e && typeof e === 'object' && (e as { kind?: unknown }).kind === 'InpostApiError';

/** The calls a kiosk makes to InPost: the client itself, or on a store bus the store node making them (store/inpost-lane.ts). */
export type InpostApi = Pick<InpostClient, 'putBasket' | 'bindDeepLink' | 'deleteBinding' | 'orderEvent' | 'refund'>;

export interface InpostClientOptions {
  baseUrl: string;
  tokens: TokenSource;
  timeoutMs?: number;
}

export class InpostClient {
  constructor(private readonly o: InpostClientOptions) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.o.tokens.token();
      let res: Response;
      try {
        res = await fetch(`${this.o.baseUrl.replace(/\/+$/, '')}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        });
      } catch (e) {
        throw new InpostApiError(null, 'NETWORK', `InPost unreachable (${(e as Error).name})`);
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = null;
      }
      if (res.status === 401 && attempt === 0) {
        this.o.tokens.invalidate();
        continue;
      }
      if (res.status >= 400) {
        const e = (parsed ?? {}) as { error_code?: unknown; error_message?: unknown };
        const code = typeof e.error_code === 'string' ? e.error_code.slice(0, 64) : `HTTP_${res.status}`;
        const msg = typeof e.error_message === 'string' ? e.error_message.slice(0, 200) : '';
        throw new InpostApiError(res.status, code, `InPost ${method} ${path.split('/').slice(0, 4).join('/')}… answered ${res.status} ${code}${msg ? `: ${msg}` : ''}`);
      }
      return { status: res.status, body: parsed };
    }
  }

  putBasket(basketId: string, basket: unknown) {
    return this.request('PUT', `/v2/izi/basket/${enc(basketId)}`, basket);
  }

  /** A deep-link binding for a basket shown as a QR code (the kiosk has no browser to trust). */
  async bindDeepLink(basketId: string): Promise<string> {
    const r = await this.request('POST', `/v1/izi/basket/${enc(basketId)}/binding`, { binding_method: 'DEEP_LINK', binding_place: 'BASKET_SUMMARY' });
    const link = (r.body as { deep_link?: unknown } | null)?.deep_link;
    if (typeof link !== 'string' || !/^https?:\/\/|^[a-z][a-z0-9+.-]*:/i.test(link) || link.length > 2000) throw new InpostApiError(r.status, 'BAD_ANSWER', 'InPost answered the binding without a deep link');
    return link;
  }

  deleteBinding(basketId: string) {
    return this.request('DELETE', `/v1/izi/basket/${enc(basketId)}/binding`);
  }

  orderEvent(orderId: string, event: unknown) {
    return this.request('POST', `/v1/izi/order/${enc(orderId)}/event`, event);
  }

  refund(transactionId: string, commandId: string, body: unknown) {
    return this.request('POST', `/v1/izi/transaction/${enc(transactionId)}/refund`, body, { 'X-Command-ID': commandId });
  }

  signingKeys() {
    return this.request('GET', '/v1/izi/signing-keys/public');
  }
}

const enc = encodeURIComponent;
