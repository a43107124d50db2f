/**
 * Scale simulator: the model, its serial line on a pty end, and a small control API + page
 * on 127.0.0.1 (loopback only):
 *
 *   GET  /                         the page (buttons: put N g, move, remove, zero, over capacity)
 *   GET  /__control/state          what the display shows
 *   POST /__control/put  {grams, settleMs?}   put a load (negative: platform lifted = under zero)
 *   POST /__control/remove         take everything off
 *   POST /__control/motion {on}    keep the platform moving / let it settle
 *   POST /__control/zero           press the zero key
 *   POST /__control/unzero         power cycle without zeroing (display shows the zeroing error)
 *   POST /__control/silent {on}    stop / resume answering
 */
import { listen } from '../listen';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { z } from 'zod';
import { ScaleModel, type ScaleView } from './model';
import { scalePage } from './page';
import { ScaleLine } from './serial';

export interface ScaleSimulatorOptions {
  /** The scale's end of a pty pair (the kiosk opens the other end). */
  path: string;
  /** Control page port; 0 = any free port; null = no HTTP server. */
  httpPort?: number | null;
  capacityGrams?: number;
  startUnzeroed?: boolean;
}

const put = z.object({ grams: z.number().int().min(-100_000).max(1_000_000), settleMs: z.number().int().min(0).max(60_000).optional() }).strict();
const onOff = z.object({ on: z.boolean() }).strict();

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 4096) req.destroy(new Error('body too large'));
      else parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

export class ScaleSimulator {
  readonly model: ScaleModel;
  readonly line: ScaleLine;
  #http: Server | null = null;
  url: string | null = null;

  private constructor(o: ScaleSimulatorOptions) {
    this.model = new ScaleModel({ capacityGrams: o.capacityGrams, startUnzeroed: o.startUnzeroed });
    this.line = new ScaleLine(this.model, o.path);
  }

  static async start(o: ScaleSimulatorOptions): Promise<ScaleSimulator> {
    const sim = new ScaleSimulator(o);
    await sim.line.open();
    if (o.httpPort !== null) await sim.#listen(o.httpPort ?? 0);
    return sim;
  }

  view(): ScaleView {
    return this.model.view();
  }

  /** Control actions, also used by tests directly. Returns false for an unknown action or bad body. */
  control(action: string, input: unknown): boolean {
    const m = this.model;
    switch (action) {
      case 'put': {
        const p = put.safeParse(input);
        if (!p.success) return false;
        m.put(p.data.grams, p.data.settleMs ?? 0);
        return true;
      }
      case 'remove':
        m.remove();
        return true;
      case 'motion': {
        const p = onOff.safeParse(input);
        if (!p.success) return false;
        m.setMoving(p.data.on);
        return true;
      }
      case 'zero':
        m.zero();
        return true;
      case 'unzero':
        m.unzero();
        return true;
      case 'silent': {
        const p = onOff.safeParse(input);
        if (!p.success) return false;
        this.line.faults.silent = p.data.on;
        return true;
      }
      default:
        return false;
    }
  }

  async close(): Promise<void> {
    await this.line.close();
    const http = this.#http;
    this.#http = null;
    if (http) await new Promise<void>((r) => http.close(() => r()));
  }

  async #listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      void (async () => {
        const reply = (status: number, data: unknown, type = 'application/json') => {
          res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(type === 'application/json' ? JSON.stringify(data) : String(data));
        };
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (req.method === 'GET' && url.pathname === '/') return reply(200, scalePage(), 'text/html; charset=utf-8');
        if (req.method === 'GET' && url.pathname === '/__control/state') return reply(200, this.view());
        const action = /^\/__control\/([a-z]+)$/.exec(url.pathname)?.[1];
        if (req.method !== 'POST' || !action) return reply(404, { error: 'not found' });
        let input: unknown;
        try {
          const raw = await body(req);
          input = raw.trim() === '' ? {} : JSON.parse(raw);
        } catch {
          return reply(400, { error: 'body must be JSON' });
        }
        if (!this.control(action, input)) return reply(400, { error: `bad ${action} request` });
        reply(200, { ok: true, state: this.view() });
      })();
    });
    const bound = await listen(server, port, '127.0.0.1');
    this.#http = server;
    this.url = `${bound.url}/`;
  }
}
