/**
 * A real kiosk (store mode with the sandboxes, no printer, no Smarts node) behind a real
 * browser host on a free port, with a tiny renderer folder and a sibling folder `app-evil`
 * for the path-escape test. Test clients connect as the page does (test/support/kiosk-ws.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WebSocket } from 'ws';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../electron/host/web-host';
import { memoryLog, type RepeatPolicy } from '../../../electron/log';
import type { KioskView } from '../../../electron/ipc/view';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const BADGE = 'SUP-0001';
export const PIN = '246813';

export interface SecureHost {
  kiosk: Kiosk;
  web: WebHost;
  url: string;
  port: number;
  dir: string;
  log: ReturnType<typeof memoryLog>;
  close(): Promise<void>;
}

/** `logRepeat`: the production repeat limit on the memory log (default: none, every line kept). */
export async function startSecureHost(opts: Pick<WebHostOptions, 'budget'> & { logRepeat?: RepeatPolicy } = {}): Promise<SecureHost> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-sec-'));
  const data = join(dir, 'data');
  const app = join(dir, 'app');
  mkdirSync(data);
  mkdirSync(join(app, 'assets'), { recursive: true });
  mkdirSync(join(dir, 'app-evil'));
  writeFileSync(join(app, 'index.html'), '<!doctype html><title>Kassa</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(app, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'app-evil', 'secret.txt'), 'TOP-SECRET');
  writeFileSync(
    join(data, 'kassa.config.json'),
    JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, smarts: { enabled: false }, catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') } }),
  );
  const log = memoryLog('sec', opts.logRepeat ?? null);
  const kiosk = await startKiosk({ env: { KASSA_DATA_DIR: data }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => data, log });
  kiosk.supervision.directory.upsert(BADGE, 'Mari', PIN);
  const web = await startWebHost({ kiosk, rendererDir: app, host: '127.0.0.1', port: 0, log: log.child('web'), testHooks: false, budget: opts.budget });
  return {
    kiosk,
    web,
    url: web.url,
    port: Number(new URL(web.url).port),
    dir,
    log,
    async close() {
      await web.close();
      await kiosk.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A raw GET with any path and headers (fetch would normalise the path and fix the Host). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (r) => {
      let body = '';
      r.on('data', (d) => (body += String(d)));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

export type Reply = { t: string; id?: number | null; result?: { ok: boolean; error?: { code: string; message: string }; view?: KioskView }; error?: { code: string } };

/** Collects every frame a socket receives; `next(n)` waits for n more replies (not pushes). */
export function collector(ws: WebSocket) {
  const replies: Reply[] = [];
  const pushes: KioskView[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as Reply & { payload?: KioskView };
    if (f.t === 'push') pushes.push(f.payload!);
    else replies.push(f);
    for (const w of waiters.splice(0)) w();
  });
  const until = async (cond: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out; ${replies.length} replies so far`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  let nextId = 1;
  return {
    replies,
    pushes,
    until,
    /** Sends an intent and resolves with its result. */
    async invoke(channel: string, payload: unknown = {}) {
      const id = 1_000_000 + nextId++;
      const from = replies.length;
      ws.send(JSON.stringify({ t: 'invoke', id, channel, payload }));
      await until(() => replies.slice(from).some((r) => r.id === id));
      return replies.slice(from).find((r) => r.id === id)!.result!;
    },
  };
}

/** The engine's view without the fields that move by themselves (sequence, countdowns). */
export function stateOf(k: Kiosk): unknown {
  const v = k.engine.view();
  return { ...v, seq: 0, idle: null, supervisor: v.supervisor ? { ...v.supervisor, secondsLeft: 0 } : null, payment: v.payment ? { ...v.payment, secondsLeft: 0 } : null };
}
