/**
 * How a test client (bench, security test, tool) reaches the browser host's WebSocket the way
 * the kiosk page does: GET the page first, take the session cookie it sets, and connect to
 * /kassa with that cookie and the host's own Origin. Anything else is refused (401/403).
 */
import { WebSocket } from 'ws';

/** GETs the page at `baseUrl` and answers the `name=value` of the session cookie it set. */
export async function sessionCookieOf(baseUrl: string): Promise<string> {
  const r = await fetch(baseUrl);
  await r.arrayBuffer();
  const set = r.headers.getSetCookie().find((c) => c.startsWith('kassa_session='));
  if (!set) throw new Error(`${baseUrl} set no kassa_session cookie (status ${r.status})`);
  return set.split(';')[0]!;
}

/** The origin the host accepts: scheme://host:port of `baseUrl`. */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

export function wsUrlOf(baseUrl: string): string {
  const u = new URL('/kassa', baseUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}

/** A WebSocket to the host as the page would open it (not yet open when returned). */
export async function kioskSocket(baseUrl: string, opts: { cookie?: string | null; origin?: string | null } = {}): Promise<WebSocket> {
  const cookie = opts.cookie === undefined ? await sessionCookieOf(baseUrl) : opts.cookie;
  const origin = opts.origin === undefined ? originOf(baseUrl) : opts.origin;
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  // ws sends no Origin unless told; `origin: null` leaves it out.
  return new WebSocket(wsUrlOf(baseUrl), { headers, ...(origin ? { origin } : {}) });
}

/** Opens a socket like kioskSocket and resolves once it is open (rejects on refusal). */
export async function openKioskSocket(baseUrl: string, opts: { cookie?: string | null; origin?: string | null } = {}): Promise<WebSocket> {
  const ws = await kioskSocket(baseUrl, opts);
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
    ws.once('unexpected-response', (_req, r) => rej(new Error(`upgrade refused: ${r.statusCode}`)));
  });
  return ws;
}
