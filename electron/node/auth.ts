/**
 * Inbound auth for the merchant node. Smarts' forward-direction scheme is NOT documented (only
 * "secured with token"), so we accept either `Authorization: Bearer <token>` or
 * `accessToken: <token>` (the header Smarts documents for the reverse direction).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Constant-time comparison (hashing first makes lengths equal, so length does not leak). */
export function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token a request presents, or null. */
export function presentedToken(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m?.[1]) return m[1];
  }
  const raw = headers.accesstoken;
  const h = Array.isArray(raw) ? raw[0] : raw;
  return typeof h === 'string' && h.length > 0 ? h.trim() : null;
}
