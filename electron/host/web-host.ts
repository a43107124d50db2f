import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Kiosk } from '../app/kiosk';
import { ManualClock } from '../engine/clock';
import type { Log } from '../log';
import { CSP } from '../security/csp';
import type { PrinterStatusFlags } from '../devices/printer/status';
import { makeCheckRequest, type CheckRequestSpec } from '../sandbox/smarts/requests';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface WebHostOptions {
  kiosk: Kiosk;
  rendererDir: string;
  host: string;
  port: number;
  log: Log;
  /** Enables /__test endpoints (clock, intents, SWiP sandbox URL, virtual printer, Smarts sandbox). Only for the end-to-end suite. */
  testHooks: boolean;
}

export interface WebHost {
  url: string;
  close(): Promise<void>;
}

/**
 * The browser host: serves the built renderer and carries the IPC contract over a WebSocket
 * at /kassa, so the kiosk runs in any browser. Same engine, same validation as Electron.
 */
export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const root = resolve(o.rendererDir);
  const server = createServer((req, res) => {
    void route(req, res).catch((e) => {
      o.log.error('http handler failed', { error: e as Error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname.startsWith('/__test/')) return testRoute(url.pathname, req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
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
      return json(res, 200, await o.kiosk.handle(body.channel, body.payload));
    }
    if (path === '/__test/swip') return json(res, 200, { url: o.kiosk.payments.sandbox?.url ?? null });
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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname !== '/kassa') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const clients = new Set<WebSocket>();
  const stopPush = o.kiosk.engine.onView((view) => {
    const msg = JSON.stringify({ t: 'push', channel: 'view', payload: view });
    for (const c of clients) if (c.readyState === c.OPEN) c.send(msg);
  });

  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', (e) => o.log.warn('websocket error', { error: e }));
    ws.send(JSON.stringify({ t: 'push', channel: 'view', payload: o.kiosk.engine.view() }));
    ws.on('message', (data) => {
      let msg: { t?: unknown; id?: unknown; channel?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        o.log.warn('websocket message is not JSON');
        return;
      }
      if (msg.t !== 'invoke' || typeof msg.id !== 'number') {
        o.log.warn('websocket message is not an invoke');
        return;
      }
      const id = msg.id;
      void o.kiosk.handle(msg.channel, msg.payload).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'result', id, result }));
      });
    });
  });

  await new Promise<void>((r) => server.listen(o.port, o.host, r));
  const addr = server.address() as AddressInfo;
  const url = `http://${o.host}:${addr.port}/`;
  return {
    url,
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

/** Test hook: `{ check?: CheckRequestSpec }` makes the Smarts sandbox send that check; answers the send and the results it received. */
async function smartsHook(kiosk: Kiosk, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const sandbox = kiosk.smarts?.sandbox;
  if (!sandbox) return json(res, 404, { error: 'no Smarts sandbox' });
  let sent: { status: number; body: unknown } | null = null;
  if (body.check !== undefined) {
    const spec = body.check as CheckRequestSpec;
    if (!spec || typeof spec !== 'object' || !Array.isArray(spec.products)) return json(res, 400, { error: 'check must be { invoiceId?, products: [...] }' });
    sent = await sandbox.sendCheck(makeCheckRequest(spec));
  }
  return json(res, 200, { sent, results: sandbox.results() });
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
