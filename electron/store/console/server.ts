/**
 * The attendant console's server: the console web app over HTTP and its API over a WebSocket
 * at /attendant. It reads and acts through a `StorePort` only, so the same server runs for a
 * one-kiosk shop (local port) and on the store node (bus port).
 *
 * Who may connect follows the browser host (electron/host): a per-start secret in an HttpOnly,
 * SameSite=Strict cookie (`kassa_console`) set with the page, the host's own names and Origin,
 * a frame size limit, zod-checked frames and a per-connection message budget. On top of that an
 * attendant signs in with badge + PIN (see attendants.ts); lanes and the store's Smarts checks
 * are sent only to signed-in connections, and every action and verdict names the session token.
 * A verdict on a Smarts check is audited here (the store node's store.db, or the kiosk's journal
 * in a one-kiosk shop) with the attendant and the console connection, whatever its outcome.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Log } from '../../log';
import { allowedHosts, checkUpgrade, hostAllowed, newSecret, sessionCookie, staticFile, staticHeaders } from '../../host/guard';
import { TokenBucket } from '../../host/frames';
import type { ThrottlePolicy } from '../../supervisor/throttle';
import type { CheckResult, StaffIdentity, StorePort } from '../lane';
import { Attendants, type AttendantDirectory, type AuditPort } from './attendants';
import { MAX_CONSOLE_WIRE_BYTES, parseConsoleFrame, type ConsoleFrame } from './frames';

export const CONSOLE_COOKIE = 'kassa_console';
/** A console sends a few frames a minute; a burst of 20, then 5 a second. */
export const CONSOLE_BUDGET = { capacity: 20, perSecond: 5 } as const;
export const MAX_CONSOLE_CONNECTIONS = 32;
/** How long an action may take before the console is told `timeout` (the kiosk may still act). */
export const ACTION_TIMEOUT_MS = 8000;
/**
 * Lane frames go out at most this often (the first at once, changes meanwhile in one frame after
 * the gap): a busy store changes a lane hundreds of times a second, and a frame per change made a
 * phone's console fall seconds behind (`npm run bench -- store`).
 */
export const LANES_FRAME_GAP_MS = 50;
/** Over-budget frames within 10 s that close the connection (1008). */
const ABUSE_LIMIT = 100;


export interface ConsoleServerOptions {
  store: StorePort;
  directory: AttendantDirectory;
  /** Clock of the directory's lock-outs and of the idle sign-out. */
  clock: { now(): number };
  /** The built renderer (dist/renderer): the console is console/index.html and assets/. */
  rendererDir: string;
  host: string;
  port: number;
  log: Log;
  remoteAgeCheck: boolean;
  idleMs: number;
  /** The staff language (`languages.staff`), or the store's default language. */
  lang: string;
  audit?: AuditPort;
  throttle?: ThrottlePolicy;
  budget?: { capacity: number; perSecond: number };
  /** How long an action may take before the console is told `timeout` (default ACTION_TIMEOUT_MS). */
  actionTimeoutMs?: number;
}

export interface ConsoleServer {
  url: string;
  connections(): number;
  close(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  id: string;
  token: string | null;
}

export async function startConsoleServer(o: ConsoleServerOptions): Promise<ConsoleServer> {
  const root = resolve(o.rendererDir);
  const secret = newSecret();
  const attendants = new Attendants({ directory: o.directory, clock: o.clock, idleMs: o.idleMs, log: o.log, ...(o.audit ? { audit: o.audit } : {}), ...(o.throttle ? { throttle: o.throttle } : {}) });
  let hosts: Set<string> | null = new Set();
  const conns = new Set<Conn>();

  const server = createServer((req, res) => {
    try {
      serve(req, res);
    } catch (e) {
      o.log.error('console http handler failed', { error: e as Error });
      if (!res.headersSent) res.writeHead(500).end();
    }
  });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (!hostAllowed(req.headers, hosts)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
    const path = new URL(req.url ?? '/', 'http://host').pathname;
    // Only the console page and the built assets: never the kiosk's own page.
    const rel = path === '/' || path === '/index.html' ? '/console/index.html' : path.startsWith('/assets/') ? path : null;
    const file = rel ? staticFile(root, rel) : null;
    if (!file || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const headers = staticHeaders(file, req.headers.host ?? '');
    if (extname(file) === '.html') headers['set-cookie'] = sessionCookie(secret, CONSOLE_COOKIE);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CONSOLE_WIRE_BYTES });
  const refuseUpgrade = (socket: Duplex, status: number) => {
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://host').pathname !== '/attendant') return refuseUpgrade(socket, 404);
    const verdict = checkUpgrade(req.headers, secret, hosts, 'http', CONSOLE_COOKIE);
    if (!verdict.ok) {
      o.log.warn('console websocket refused', { reason: verdict.reason, status: verdict.status, origin: String(req.headers.origin ?? '').slice(0, 80) });
      return refuseUpgrade(socket, verdict.status);
    }
    if (conns.size >= MAX_CONSOLE_CONNECTIONS) return refuseUpgrade(socket, 503);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  const lanesFrame = () => JSON.stringify({ t: 'lanes', now: o.clock.now(), lanes: o.store.lanes() });
  const checksFrame = () => {
    const checks = o.store.checks?.() ?? null;
    return checks ? JSON.stringify({ t: 'checks', now: o.clock.now(), checks }) : null;
  };
  const inpostFrame = () => {
    const orders = o.store.inpostOrders?.() ?? null;
    return orders ? JSON.stringify({ t: 'inpost', now: o.clock.now(), orders }) : null;
  };
  const send = (c: Conn, text: string) => {
    if (c.ws.readyState === c.ws.OPEN) c.ws.send(text);
  };
  /** One frame text for every signed-in connection, built only if there is one (null: nothing to send). */
  const toSignedIn = (frame: () => string | null) => {
    let text: string | null | undefined;
    for (const c of conns) {
      if (!c.token || !attendants.who(c.token)) continue;
      if (text === undefined) text = frame();
      if (text !== null) send(c, text);
    }
  };
  // Lanes frames at most every LANES_FRAME_GAP_MS: the first change at once, then the newest lanes after the gap.
  let lanesSentAt = 0;
  let lanesTimer: NodeJS.Timeout | null = null;
  const pushLanes = () => {
    lanesTimer = null;
    lanesSentAt = Date.now();
    toSignedIn(lanesFrame);
  };
  const stopLanes = o.store.subscribe(() => {
    if (lanesTimer) return;
    const wait = lanesSentAt + LANES_FRAME_GAP_MS - Date.now();
    if (wait <= 0) pushLanes();
    else lanesTimer = setTimeout(pushLanes, wait);
  });
  const stopChecks = o.store.subscribeChecks?.(() => toSignedIn(checksFrame)) ?? (() => undefined);
  const stopInpost = o.store.subscribeInpost?.(() => toSignedIn(inpostFrame)) ?? (() => undefined);
  const signOut = (token: string, reason: string) => {
    for (const c of conns) {
      if (c.token !== token) continue;
      c.token = null;
      send(c, JSON.stringify({ t: 'signed-out', reason }));
    }
  };
  const sweep = setInterval(() => attendants.sweep().forEach((t) => signOut(t, 'idle')), 5000);
  sweep.unref();

  let seq = 0;
  wss.on('connection', (ws: WebSocket) => {
    const c: Conn = { ws, id: `c${++seq}`, token: null };
    const budget = o.budget ?? CONSOLE_BUDGET;
    const bucket = new TokenBucket(budget.capacity, budget.perSecond);
    let refused: number[] = [];
    conns.add(c);
    ws.on('close', () => conns.delete(c));
    ws.on('error', (e) => o.log.warn('console websocket error', { client: c.id, error: e }));
    send(c, JSON.stringify({ t: 'hello', storeId: o.store.storeId, remoteAgeCheck: o.remoteAgeCheck, idleMs: o.idleMs, lang: o.lang, checks: (o.store.checks?.() ?? null) !== null }));
    ws.on('message', (data, isBinary) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      const f = parseConsoleFrame(raw, isBinary);
      const reply = (id: number | null, result: unknown) => send(c, id === null ? JSON.stringify({ t: 'error', id: null, error: result }) : JSON.stringify({ t: 'result', id, result }));
      if (!bucket.take()) {
        const now = Date.now();
        refused = [...refused.filter((t) => now - t < 10_000), now];
        if (refused.length >= ABUSE_LIMIT) return void ws.close(1008, 'message budget exceeded');
        return reply(f.ok ? f.frame.id : f.id, { ok: false, code: 'rate-limited', message: 'too many messages; slow down' });
      }
      if (!f.ok) {
        o.log.warn('console frame refused', { client: c.id, code: f.error.code });
        return reply(f.id, f.id === null ? f.error : { ok: false, code: 'invalid', message: f.error.message });
      }
      void handle(c, f.frame)
        .catch((e: unknown) => {
          o.log.error('console frame failed', { client: c.id, error: e as Error });
          return { ok: false, code: 'refused', message: 'the console could not do that' };
        })
        .then((result) => {
          reply(f.frame.id, result);
          // The lanes and checks follow a successful sign-in (after its result, so the page knows it is in).
          if ((f.frame.t === 'login' || f.frame.t === 'resume') && c.token && (result as { ok: boolean }).ok) {
            send(c, lanesFrame());
            const checks = checksFrame();
            if (checks) send(c, checks);
            const inpost = inpostFrame();
            if (inpost) send(c, inpost);
          }
        });
    });
  });

  async function handle(c: Conn, f: ConsoleFrame): Promise<unknown> {
    const via = `console:${c.id}`;
    switch (f.t) {
      case 'login': {
        const r = await attendants.login(f.badge, f.pin, via);
        if (r.ok) {
          if (c.token) attendants.end(c.token, 'console-logout', via);
          c.token = r.token;
        }
        return r;
      }
      case 'resume': {
        const staff = attendants.touch(f.token);
        if (!staff) return { ok: false, code: 'signed-out', message: 'the session has ended; sign in again' };
        c.token = f.token;
        return { ok: true, token: f.token, staff, idleMs: o.idleMs };
      }
      case 'logout': {
        if (c.token !== f.token) return { ok: false, code: 'signed-out', message: 'not signed in' };
        attendants.end(f.token, 'console-logout', via);
        signOut(f.token, 'logout');
        return { ok: true };
      }
      case 'act': {
        const staff = c.token === f.token ? attendants.touch(f.token) : null;
        if (!staff) {
          o.log.warn('console action without a session refused', { client: c.id, action: f.action.kind });
          return { ok: false, code: 'signed-out', message: 'sign in to act on a lane' };
        }
        return withTimeout(o.store.act(f.laneId, f.action, staff, via), o.actionTimeoutMs ?? ACTION_TIMEOUT_MS, 'the lane did not answer in time; look at the lane before trying again');
      }
      case 'resolve-check': {
        const staff = c.token === f.token ? attendants.touch(f.token) : null;
        if (!staff) {
          o.log.warn('console verdict without a session refused', { client: c.id });
          return { ok: false, code: 'signed-out', message: 'sign in to resolve a check' };
        }
        const result: CheckResult = o.store.resolveCheck
          ? await withTimeout(o.store.resolveCheck(f.invoiceId, f.verdict, staff, via), o.actionTimeoutMs ?? ACTION_TIMEOUT_MS, 'the store did not answer in time; look at the check list before trying again')
          : { ok: false, code: 'offline', message: 'this store runs no Smarts node' };
        auditVerdict(staff, via, f.invoiceId, f.verdict, result);
        return result;
      }
    }
  }

  function auditVerdict(staff: StaffIdentity, via: string, invoiceId: string, status: string, r: CheckResult): void {
    try {
      o.audit?.record({ at: o.clock.now(), supervisorBadge: staff.badge, supervisorName: staff.name, action: 'smarts-result', kioskSessionId: null, basketBefore: null, basketAfter: null, detail: { via, request: { invoiceId, status }, outcome: r.ok ? 'succeeded' : r.code === 'timeout' ? 'unknown' : 'refused', ...(r.ok ? {} : { code: r.code, message: r.message }) } });
    } catch (e) {
      o.log.error('console verdict audit failed', { error: e as Error });
    }
  }

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port, o.host, () => {
      server.off('error', rej);
      res();
    });
  }).catch((e: unknown) => {
    stopLanes();
    stopChecks();
    stopInpost();
    clearInterval(sweep);
    wss.close();
    throw e;
  });
  const addr = server.address() as AddressInfo;
  hosts = allowedHosts(o.host, addr.port);
  const shown = o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shown}:${addr.port}/`,
    connections: () => conns.size,
    async close() {
      stopLanes();
      stopChecks();
      stopInpost();
      if (lanesTimer) clearTimeout(lanesTimer);
      clearInterval(sweep);
      for (const c of conns) c.ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T | { ok: false; code: 'timeout'; message: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; code: 'timeout'; message: string }>((r) => (timer = setTimeout(() => r({ ok: false, code: 'timeout', message }), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
