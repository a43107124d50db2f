/**
 * Who may use the browser host's WebSocket: a per-start secret delivered with the page as an
 * `HttpOnly`, `SameSite=Strict` cookie, and the host's own origin. Pure helpers, no I/O, so
 * the rules are tested on their own (test/security/).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { hostCsp } from '../security/csp';

/** The cookie that carries the per-start secret. */
export const SESSION_COOKIE = 'kassa_session';

/** 32 random bytes, base64url: the secret of one host start. Never logged, never in a URL. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The `Set-Cookie` value sent with index.html. No `Max-Age`: it lives as long as the browser session. */
export function sessionCookie(secret: string, name = SESSION_COOKIE): string {
  return `${name}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of one cookie in a `Cookie` header, or null (first occurrence wins; bounded input). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const WILDCARD = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * The `host:port` values this host answers to. Bound to a loopback address: both
 * `127.0.0.1:<port>` and `localhost:<port>` (and `[::1]`). Bound to a named address: that
 * name. Bound to a wildcard (0.0.0.0): null, meaning "whatever Host the client used", and the
 * Origin must then equal that Host.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> | null {
  if (WILDCARD.has(bindHost)) return null;
  if (LOOPBACK.has(bindHost)) return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const h = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  return new Set([`${h.toLowerCase()}:${port}`]);
}

/** True when the request's Host header is one this host answers to (refuses DNS-rebinding names). */
export function hostAllowed(headers: IncomingHttpHeaders, hosts: Set<string> | null): boolean {
  const host = headers.host?.toLowerCase();
  if (!host || host.length > 260) return false;
  return hosts === null || hosts.has(host);
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: 'bad-host' | 'bad-origin' | 'no-session' | 'bad-session' };

/**
 * Checks a WebSocket upgrade: the Host is ours, the Origin is exactly `http://<that host>`
 * (a browser page from any other origin is refused with 403), and the session cookie equals
 * this start's secret (missing or wrong: 401). Constant-time comparison of the secret.
 */
export function checkUpgrade(headers: IncomingHttpHeaders, secret: string, hosts: Set<string> | null, scheme: 'http' | 'https' = 'http', cookieName = SESSION_COOKIE): UpgradeVerdict {
  if (!hostAllowed(headers, hosts)) return { ok: false, status: 403, reason: 'bad-host' };
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin !== `${scheme}://${headers.host!.toLowerCase()}`) return { ok: false, status: 403, reason: 'bad-origin' };
  const got = readCookie(headers.cookie, cookieName);
  if (got === null) return { ok: false, status: 401, reason: 'no-session' };
  const a = Buffer.from(got);
  const b = Buffer.from(secret);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, status: 401, reason: 'bad-session' };
  return { ok: true };
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave it. Compares with a
 * separator, so `/app` does not admit `/app-evil`. Refuses NUL bytes and undecodable escapes.
 */
export function staticFile(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.length > 1024) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = resolve(root);
  const file = resolve(base, '.' + (rel.startsWith('/') ? rel : `/${rel}`));
  return file.startsWith(base + sep) ? file : null;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The headers of a static file from a host (kiosk page or attendant console): type, CSP, no sniffing, no framing, no caching. */
export function staticHeaders(file: string, hostHeader: string): Record<string, string> {
  return {
    'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': hostCsp(hostHeader),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}
