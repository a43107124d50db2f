import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Kiosk } from '../app/kiosk';
import { ManualClock } from '../engine/clock';
import type { Log } from '../log';
import type { PrinterStatusFlags } from '../devices/printer/status';
import { makeCheckRequest, type CheckRequestSpec } from '../sandbox/smarts/requests';
import { allowedHosts, checkUpgrade, hostAllowed, newSecret, sessionCookie, staticFile, staticHeaders } from './guard';
import { MAX_WIRE_BYTES, parseClientFrame, refusalFrame, TokenBucket } from './frames';
import { serveReceiptPage } from './receipt-page';

/** Per-connection message budget: a burst of 100, then 50 messages a second (a screen sends a few). */
export const WS_BUDGET = { capacity: 100, perSecond: 50 } as const;
/** A connection refused this many messages for its budget within ABUSE_WINDOW_MS is closed (1008). */
export const ABUSE_LIMIT = 300;
export const ABUSE_WINDOW_MS = 10_000;
/** At most this many WebSocket connections at once (a kiosk has one screen; tests a few). */
export const MAX_CONNECTIONS = 16;


export interface WebHostOptions {
  kiosk: Kiosk;
  rendererDir: string;
  host: string;
  port: number;
  log: Log;
  /** Per-connection message budget (default WS_BUDGET); tests that need many frames raise it. */
  budget?: { capacity: number; perSecond: number };
  /** Enables /__test endpoints (clock, intents, SWiP sandbox URL, scale simulator URL, virtual printer, Smarts sandbox). Only for the end-to-end suite. */
  testHooks: boolean;
}

export interface WebHost {
  url: string;
  /** Authenticated WebSocket connections open now. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * The browser host: serves the built renderer and carries the IPC contract over a WebSocket
 * at /kassa, so the kiosk runs in any browser. Same engine, same validation as Electron.
 *
 * Only the page this host serves can use the contract: serving index.html sets a per-start
 * secret as an HttpOnly, SameSite=Strict cookie; a WebSocket upgrade must carry that cookie
 * and the host's own Origin, or it is refused (401/403) before any view is sent. Test
 * clients: GET the page first, take the cookie, connect with it and `Origin: <host url>`.
 */
export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const root = resolve(o.rendererDir);
  const secret = newSecret();
  // Known once the server listens (port 0 = any free port).
  let hosts: Set<string> | null = new Set();
  const server = createServer((req, res) => {
    void route(req, res).catch((e) => {
      o.log.error('http handler failed', { error: e as Error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/__test/')) return testRoute(url.pathname, req, res);
    // The digital receipt page: public and read-only, its token the only key (a phone on the shop's Wi-Fi).
    if (serveReceiptPage(url.pathname, req.method ?? 'GET', res, o.kiosk.digitalReceipts, o.kiosk.loaded.config.languages.default)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    // A name this host does not answer to (DNS rebinding) gets neither the page nor the cookie.
    if (!hostAllowed(req.headers, hosts)) return void res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
    const file = staticFile(root, url.pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const headers = staticHeaders(file, req.headers.host ?? '');
    // The page carries this start's secret; its WebSocket presents it back.
    if (extname(file) === '.html') headers['set-cookie'] = sessionCookie(secret);
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  async function testRoute(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!o.testHooks || req.method !== 'POST') return void res.writeHead(404).end();
    const body = await readJson(req);
    const clock = o.kiosk.clock;
    if (path === '/__test/advance' && clock instanceof ManualClock && typeof body.ms === 'number') {
      clock.advance(body.ms);
      o.kiosk.engine.tick();
      return json(res, 200, { now: clock.now() });
    }
    if (path === '/__test/tick') {
      o.kiosk.engine.tick();
      return json(res, 200, { ok: true });
    }
    if (path === '/__test/intent') {
      // Sends an intent exactly as a renderer would, for tests that bypass the UI.
      return json(res, 200, await o.kiosk.handle(body.channel, body.payload, { client: 'test-hook' }));
    }
    if (path === '/__test/swip') return json(res, 200, { url: o.kiosk.payments.sandbox?.url ?? null });
    // The demo scale simulator (its page and /__control API), when this kiosk runs one.
    if (path === '/__test/scale') return json(res, 200, { url: o.kiosk.scale.simulator?.url ?? null });
    // The local nexo terminal simulator (its page and control API), when this kiosk runs one.
    if (path === '/__test/terminal-sim') return json(res, 200, { url: o.kiosk.payments.terminalSim?.url ?? null });
    if (path === '/__test/payments') {
      // The payment journal, payments needing staff and the sandbox terminal's ledger, for invariant checks.
      const p = o.kiosk.payments;
      return json(res, 200, { orders: p.journal.recent(200), attention: p.staff.attention(), terminal: p.terminal?.entries() ?? [] });
    }
    if (path === '/__test/printer') return printerHook(o.kiosk, body, res);
    if (path === '/__test/smarts') return smartsHook(o.kiosk, body, res);
    if (path === '/__test/terminal') {
      // The customer taps the card on the sandbox terminal (for terminal.autoApproveMs: null).
      const terminal = o.kiosk.payments.terminal;
      if (!terminal) return json(res, 404, { error: 'no sandbox terminal' });
      const pending = terminal.pending();
      const approved = body.approve === true ? pending.filter((ref) => terminal.approve(ref)) : [];
      return json(res, 200, { pending, approved });
    }
    return json(res, 404, { error: 'unknown test hook' });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_BYTES });
  const refuseUpgrade = (socket: Duplex, status: number) => {
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/kassa') return refuseUpgrade(socket, 404);
    const verdict = checkUpgrade(req.headers, secret, hosts);
    if (!verdict.ok) {
      // The origin is shown (capped); the cookie never is.
      o.log.warn('websocket refused', { reason: verdict.reason, status: verdict.status, origin: String(req.headers.origin ?? '').slice(0, 80) });
      return refuseUpgrade(socket, verdict.status);
    }
    if (clients.size >= MAX_CONNECTIONS) {
      o.log.warn('websocket refused', { reason: 'too-many-connections', status: 503 });
      return refuseUpgrade(socket, 503);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  // Only authenticated connections are in here, so only they receive views.
  const clients = new Set<WebSocket>();
  const stopPush = o.kiosk.engine.onView((view) => {
    const msg = JSON.stringify({ t: 'push', channel: 'view', payload: view });
    for (const c of clients) if (c.readyState === c.OPEN) c.send(msg);
  });

  let connectionSeq = 0;
  wss.on('connection', (ws) => {
    const client = `ws-${++connectionSeq}`;
    const budget = o.budget ?? WS_BUDGET;
    const bucket = new TokenBucket(budget.capacity, budget.perSecond);
    let refused: number[] = [];
    clients.add(ws);
    o.log.info('websocket connected', { client });
    ws.on('close', () => {
      clients.delete(ws);
      o.log.info('websocket closed', { client });
      // A supervisor session belongs to its connection: it ends with it.
      o.kiosk.supervision.supervision.clientGone(client);
    });
    ws.on('error', (e) => o.log.warn('websocket error', { client, error: e }));
    const send = (text: string) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    };
    send(JSON.stringify({ t: 'push', channel: 'view', payload: o.kiosk.engine.view() }));
    ws.on('message', (data, isBinary) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      if (!bucket.take()) {
        const now = Date.now();
        refused = refused.filter((t) => now - t < ABUSE_WINDOW_MS);
        refused.push(now);
        o.log.warn('websocket message over budget', { client });
        if (refused.length >= ABUSE_LIMIT) {
          o.log.warn('websocket closed for flooding', { client, refused: refused.length });
          ws.close(1008, 'message budget exceeded');
          return;
        }
        const f = parseClientFrame(raw, isBinary);
        return send(refusalFrame(f.id, { code: 'rate-limited', message: 'too many messages; slow down' }));
      }
      const f = parseClientFrame(raw, isBinary);
      if (!f.ok) {
        o.log.warn('websocket frame refused', { client, code: f.error.code });
        return send(refusalFrame(f.id, f.error));
      }
      const id = f.id;
      void o.kiosk
        .handle(f.channel, f.payload, { client })
        .catch((e: unknown) => {
          o.log.error('intent handler failed', { client, error: e as Error });
          return { ok: false as const, error: { code: 'internal', message: 'the kiosk could not do that' } };
        })
        .then((result) => send(JSON.stringify({ t: 'result', id, result })));
    });
  });

  // A port in use rejects (and the caller reports it) instead of an unhandled 'error' event.
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(o.port, o.host, () => {
      server.off('error', rej);
      res();
    });
  }).catch((e: unknown) => {
    stopPush();
    wss.close();
    throw e;
  });
  const addr = server.address() as AddressInfo;
  hosts = allowedHosts(o.host, addr.port);
  const shown = o.host.includes(':') && !o.host.startsWith('[') ? `[${o.host}]` : o.host;
  const url = `http://${shown}:${addr.port}/`;
  o.kiosk.digitalReceipts.useHostUrl(url);
  return {
    url,
    connections: () => clients.size,
    async close() {
      stopPush();
      for (const c of clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Test hook: `{ status?: Partial<PrinterStatusFlags> }` sets the virtual printer's flags; answers its flags and decoded receipts. */
function printerHook(kiosk: Kiosk, body: Record<string, unknown>, res: ServerResponse): void {
  const printer = kiosk.receipts?.virtual;
  if (!printer) return json(res, 404, { error: 'no virtual printer' });
  const s = body.status;
  if (s !== undefined) {
    if (!s || typeof s !== 'object') return json(res, 400, { error: 'status must be an object of flags' });
    const patch: Partial<PrinterStatusFlags> = {};
    for (const k of ['paperOut', 'paperNearEnd', 'coverOpen', 'offline'] as const) {
      const v = (s as Record<string, unknown>)[k];
      if (typeof v === 'boolean') patch[k] = v;
    }
    printer.setStatus(patch);
  }
  const receipts = printer.receipts().map((r) => ({ text: r.decoded.text, qrPayloads: r.decoded.qrPayloads, at: r.at }));
  return json(res, 200, { status: printer.statusFlags(), receipts });
}

/** Test hook: `{ check?: CheckRequestSpec, pickupOrder?: Order }` makes the Smarts sandbox send them; answers the sends and what its gateway received. */
async function smartsHook(kiosk: Kiosk, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const sandbox = kiosk.smarts?.sandbox;
  if (!sandbox) return json(res, 404, { error: 'no Smarts sandbox' });
  let sent: { status: number; body: unknown } | null = null;
  if (body.check !== undefined) {
    const spec = body.check as CheckRequestSpec;
    if (!spec || typeof spec !== 'object' || !Array.isArray(spec.products)) return json(res, 400, { error: 'check must be { invoiceId?, products: [...] }' });
    sent = await sandbox.sendCheck(makeCheckRequest(spec));
  }
  let pickup: { status: number } | null = null;
  if (body.pickupOrder !== undefined) {
    if (!body.pickupOrder || typeof body.pickupOrder !== 'object') return json(res, 400, { error: 'pickupOrder must be an Order object' });
    pickup = { status: (await sandbox.sendPickupOrder(body.pickupOrder as Record<string, unknown>)).status };
  }
  return json(res, 200, { sent, pickup, results: sandbox.results(), pickupStatuses: sandbox.pickupStatuses(), phoneUrl: sandbox.phoneUrl });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new Error('test hook body too large');
    chunks.push(c as Buffer);
  }
  if (!chunks.length) return {};
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}
