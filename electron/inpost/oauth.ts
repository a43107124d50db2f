/**
 * OAuth2 client credentials for calls to InPost (integrations.md 2.0): a form POST of
 * client_id, client_secret, grant_type=client_credentials; the answer's access_token is cached and
 * refreshed before `expires_in` runs out (a tenth of the lifetime early, at least 5 s, at most
 * 60 s). One request in flight at a time; the secret is never logged.
 */
import { z } from 'zod';

const TokenAnswer = z.object({ access_token: z.string().min(1).max(8192), expires_in: z.number().int().min(1).max(86_400 * 30), token_type: z.string().max(32).optional() }).passthrough();

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  now(): number;
  timeoutMs?: number;
}

export class InpostAuthError extends Error {
  readonly kind = 'InpostAuthError';
  constructor(readonly status: number | null, message: string) {
    super(message);
  }
}

/** How long before expiry a token is replaced: a tenth of its lifetime, 5–60 s. */
export function refreshMarginMs(expiresInS: number): number {
  return Math.min(60_000, Math.max(5_000, Math.floor((expiresInS * 1000) / 10)));
}

export class TokenSource {
  private cached: { token: string; refreshAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** Tokens obtained so far (for tests and the Devices tab). */
  fetched = 0;

  constructor(private readonly o: TokenSourceOptions) {}

  async token(): Promise<string> {
    if (this.cached && this.o.now() < this.cached.refreshAt) return this.cached.token;
    this.inFlight ??= this.fetchToken().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** InPost refused the token (401): forget it so the next call gets a fresh one. */
  invalidate(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const body = new URLSearchParams({ client_id: this.o.clientId, client_secret: this.o.clientSecret, grant_type: 'client_credentials' }).toString();
    let res: Response;
    try {
      res = await fetch(this.o.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) });
    } catch (e) {
      throw new InpostAuthError(null, `token endpoint unreachable: ${(e as Error).name}`);
    }
    const text = await res.text();
    if (!res.ok) throw new InpostAuthError(res.status, `token endpoint answered ${res.status}`);
    let parsed: z.infer<typeof TokenAnswer>;
    try {
      parsed = TokenAnswer.parse(JSON.parse(text));
    } catch {
      throw new InpostAuthError(res.status, 'token endpoint answered without a valid access_token');
    }
    const at = this.o.now();
    this.fetched++;
    this.cached = { token: parsed.access_token, refreshAt: at + parsed.expires_in * 1000 - refreshMarginMs(parsed.expires_in) };
    return parsed.access_token;
  }
}
