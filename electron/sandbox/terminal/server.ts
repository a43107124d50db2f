/**
 * TerminalSimulator: a local card terminal speaking nexo Retailer Sale-to-POI as Adyen's
 * Terminal API JSON, synchronous like its local integration (POST /nexo, answered when the
 * payment ends), plus a page that plays the customer (GET /terminal) and a control API.
 */
import { listen } from '../listen';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { handleControl, type ControlReply } from './control';
import { parseRequest, type MessageHeader } from './messages';
import { terminalPage } from './page';
import { Terminal } from './terminal';
import { cryptoErrorBody, TerminalSecurity, type CryptoRefusal } from './security';
import { selfSignedIdentity, type TlsIdentity } from './tls';
import { envelope, failure, responseHeader, type Json } from './wire';
import type { LedgerEntry, OfflineMode, TerminalSimulatorOptions, TerminalView } from './types';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** The local Terminal API path (real terminals: https://<ip>:8443/nexo). */
export const NEXO_PATH = '/nexo';

export class TerminalSimulator {
  readonly terminal: Terminal;
  readonly poiId: string;
  private readonly usedServiceIds = new Set<string>();
  private readonly heldSockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private delays: Array<{ ms: number; left: number }> = [];
  private loseAnswers = 0;
  private offlineMode: OfflineMode | null = null;
  private port = 0;
  private server: HttpServer | HttpsServer;
  private readonly security: TerminalSecurity;
  private readonly refusals: CryptoRefusal[] = [];

  private constructor(
    private readonly opts: TerminalSimulatorOptions,
    private readonly host: string,
    private readonly identity: TlsIdentity | null,
  ) {
    this.server = this.newServer();
    this.poiId = opts.poiId ?? 'V400m-000000001';
    this.security = new TerminalSecurity(opts.sharedKey ?? null);
    this.terminal = new Terminal({
      poiId: this.poiId,
      pin: opts.pin ?? '1234',
      paymentTimeoutMs: opts.paymentTimeoutMs ?? 120_000,
      merchantName: opts.merchantName ?? 'Kassa Demo Shop',
      clock: opts.clock ?? { now: () => Date.now() },
      auto: opts.auto ?? null,
    });
  }

  /** Starts listening (port 0 = any free port on 127.0.0.1 by default). */
  static async start(opts: TerminalSimulatorOptions = {}): Promise<TerminalSimulator> {
    const host = opts.host ?? '127.0.0.1';
    const identity = opts.tls === true ? selfSignedIdentity(opts.poiId ?? 'V400m-000000001') : opts.tls ? opts.tls : null;
    const sim = new TerminalSimulator(opts, host, identity);
    await sim.listen(opts.port ?? 0);
    return sim;
  }

  /** Base URL, e.g. "http://127.0.0.1:39123"; the Terminal API is at `${url}/nexo`. */
  get url(): string {
    const shown = this.host.includes(':') ? `[${this.host}]` : this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    return `${this.identity ? 'https' : 'http'}://${shown}:${this.port}`;
  }

  /** The PEM certificate in HTTPS mode (a client's CA), else null. */
  get certificate(): string | null {
    return this.identity?.cert ?? null;
  }

  get nexoUrl(): string {
    return this.url + NEXO_PATH;
  }

  /** Why requests were refused with "crypto error" (oldest first): the terminal's own log. */
  cryptoRefusals(): CryptoRefusal[] {
    return [...this.refusals];
  }

  ledger(): LedgerEntry[] {
    return this.terminal.ledger();
  }

  view(): TerminalView {
    return { ...this.terminal.view(), offline: this.offlineMode };
  }

  /** The next `times` answers on /nexo wait `ms` before they are sent. */
  delayAnswers(ms: number, times = 1): void {
    this.delays.push({ ms, left: times });
  }

  /** The next `times` payment answers are lost: the outcome stands in the ledger, the socket is destroyed. */
  loseNextAnswers(times = 1): void {
    this.loseAnswers += times;
  }

  /** `refused`: stop listening (connection refused); `unreachable`: accept /nexo connections and never answer. */
  async goOffline(mode: OfflineMode, forMs?: number): Promise<void> {
    if (this.offlineMode) await this.goOnline();
    this.offlineMode = mode;
    if (mode === 'refused') {
      const old = this.server;
      await new Promise<void>((resolve) => {
        old.close(() => resolve());
        old.closeAllConnections();
      });
    }
    if (forMs !== undefined) {
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.goOnline();
      }, forMs);
      this.timers.add(t);
    }
  }

  async goOnline(): Promise<void> {
    const mode = this.offlineMode;
    this.offlineMode = null;
    for (const s of this.heldSockets) s.destroy();
    this.heldSockets.clear();
    if (mode === 'refused') {
      this.server = this.newServer();
      await this.listen(this.port);
    }
  }

  /** Forgets the ledger, used ServiceIDs and every fault; the terminal is idle and online. */
  async reset(): Promise<void> {
    this.terminal.reset();
    this.usedServiceIds.clear();
    this.delays = [];
    this.loseAnswers = 0;
    if (this.offlineMode) await this.goOnline();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.terminal.dispose();
    for (const s of this.heldSockets) s.destroy();
    this.heldSockets.clear();
    if (this.offlineMode === 'refused') return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private newServer(): HttpServer | HttpsServer {
    return this.identity ? createHttpsServer({ key: this.identity.key, cert: this.identity.cert }) : createHttpServer();
  }

  private listen(port: number): Promise<void> {
    const server = this.server;
    server.on('request', (req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: e instanceof Error ? e.message : String(e) });
      });
    });
    return listen(server, port, this.host).then((bound) => {
      this.port = bound.port;
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://terminal').pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === NEXO_PATH && this.offlineMode === 'unreachable') {
      // Like a terminal that fell off the network: the request goes nowhere and nothing comes back.
      this.heldSockets.add(req.socket);
      req.socket.once('close', () => this.heldSockets.delete(req.socket));
      return;
    }
    const raw = await readBody(req);
    if (path.startsWith('/__control/')) {
      if (!this.opts.controlFromAnyHost && !LOOPBACK.has(req.socket.remoteAddress ?? '')) {
        return sendJson(res, 403, { ok: false, error: 'forbidden', message: 'control API is loopback only' });
      }
      const reply: ControlReply = await handleControl(this, method, path, raw);
      const after = reply.after;
      if (after) res.once('finish', () => void after());
      return sendJson(res, reply.status, reply.body);
    }
    if (path === '/terminal' && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(terminalPage(this.poiId));
      return;
    }
    if (path !== NEXO_PATH) return sendJson(res, 404, { error: `no route ${path}` });
    if (method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return sendJson(res, 405, { error: 'POST only' });
    }
    return this.nexo(raw, res);
  }

  private async nexo(raw: string, res: ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(raw) as unknown;
    } catch (e) {
      return sendJson(res, 400, [`Bad JSON: ${(e as Error).message}`]);
    }
    const opened = this.security.openRequest(json);
    if (!opened.ok) {
      this.refusals.push(opened.why);
      return sendJson(res, 401, cryptoErrorBody(opened.serviceId));
    }
    const seal = opened.seal;
    const answer = (body: Json): Promise<void> => this.answer(res, seal(body));
    const parsed = parseRequest(opened.message);
    if (!parsed.ok) {
      const category = parsed.category ?? 'Payment';
      return answer(envelope(responseHeader(parsed.header, category), category, { Response: failure(parsed.errorCondition, { errors: parsed.errors }) }));
    }
    const { header, category } = parsed;
    const refuse = (errors: string): Promise<void> => answer(envelope(responseHeader(header, category), category, { Response: failure('MessageFormat', { errors }) }));
    if (header.POIID !== this.poiId) return refuse(`SaleToPOIRequest.MessageHeader.POIID: unknown terminal ${header.POIID}`);
    if (this.opts.saleId !== undefined && header.SaleID !== this.opts.saleId) return refuse(`SaleToPOIRequest.MessageHeader.SaleID: ${header.SaleID} is not logged on to this terminal`);
    const used = `${header.SaleID}\u0000${header.ServiceID ?? ''}`;
    if (this.usedServiceIds.has(used)) return refuse(`SaleToPOIRequest.MessageHeader.ServiceID: ${header.ServiceID ?? ''} was already used by this SaleID`);
    this.usedServiceIds.add(used);

    switch (category) {
      case 'Payment':
        return this.payment(header, parsed.body as Parameters<Terminal['payment']>[1], res, seal);
      case 'TransactionStatus':
        return answer(this.terminal.transactionStatus(header, (parsed.body as { MessageReference?: Parameters<Terminal['transactionStatus']>[1] }).MessageReference));
      case 'Reversal':
        return answer(this.terminal.reversal(header, parsed.body as Parameters<Terminal['reversal']>[1]));
      case 'Diagnosis':
        return answer(this.terminal.diagnosis(header, parsed.body as Parameters<Terminal['diagnosis']>[1]));
      case 'Abort': {
        const b = parsed.body as { MessageReference: { ServiceID: string; SaleID?: string }; AbortReason: string };
        this.terminal.abort(b.MessageReference.SaleID ?? header.SaleID, b.MessageReference.ServiceID, b.AbortReason);
        // nexo has no Abort response message: the aborted payment answers on its own request.
        await this.delay();
        res.writeHead(200, { 'Content-Length': '0' });
        res.end();
        return;
      }
    }
  }

  private async payment(header: MessageHeader, body: Parameters<Terminal['payment']>[1], res: ServerResponse, seal: (b: Json) => Json): Promise<void> {
    const { answer, entry } = this.terminal.payment(header, body);
    const response = await answer;
    if (!entry) return this.answer(res, seal(response));
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      this.terminal.delivered(entry, false, 'lost by fault');
      res.socket?.destroy();
      return;
    }
    await this.delay();
    if (res.destroyed || res.socket === null || res.socket.destroyed) {
      this.terminal.delivered(entry, false, 'the client had gone');
      return;
    }
    sendJson(res, 200, seal(response));
    this.terminal.delivered(entry, true);
  }

  private async answer(res: ServerResponse, body: Json): Promise<void> {
    await this.delay();
    sendJson(res, 200, body);
  }

  private async delay(): Promise<void> {
    const d = this.delays.find((x) => x.left > 0);
    if (!d) return;
    d.left -= 1;
    this.delays = this.delays.filter((x) => x.left > 0);
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, d.ms);
      this.timers.add(t);
    });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
