/** The kiosk as a child process (the browser host) that tests can SIGKILL and restart on the same data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { KioskView } from '../../../electron/ipc/view';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');

export interface Host {
  proc: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

export function startHost(dataDir: string, crashAt?: string): Promise<Host> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'electron/host/main.ts')], {
    cwd: REPO,
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'error', KASSA_RENDERER_DIR: dataDir, ...(crashAt ? { KASSA_TEST_CRASH_AT: crashAt } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((r) => proc.once('exit', (code, sig) => r(sig ?? code)));
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    proc.stderr!.on('data', (d) => (err += String(d)));
    const t = setTimeout(() => rej(new Error(`host did not start: ${out} ${err}`)), 30_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(t);
        res({ proc, url: m[1]!, exited });
      }
    });
    void exited.then((c) => rej(new Error(`host exited (${c}) before ready: ${err}`)));
  });
}

export async function hook<T = unknown>(h: Host, path: string, body: unknown = {}): Promise<T> {
  const r = await fetch(new URL(path, h.url), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return (await r.json()) as T;
}

export function intent(h: Host, channel: string, payload: unknown = {}): Promise<{ ok: boolean; view?: KioskView; error?: { code: string } }> {
  return hook(h, '/__test/intent', { channel, payload });
}

export async function until<T>(f: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Kills the host for good and waits for it. */
export async function kill(h: Host): Promise<void> {
  h.proc.kill('SIGKILL');
  await h.exited;
}

const n = (name: string) => ({ en: name, et: name, pl: name, ru: name });

/** The two-item basket every kill test pays for: milk and bread with their barcodes. */
export function crashCatalog(items: { milk: { code: string; name: string; cents: number; vatBp: number }; bread: { code: string; name: string; cents: number; vatBp: number } }) {
  const { milk, bread } = items;
  return [
    { sku: 'MILK', barcodes: [milk.code], name: n(milk.name), unitPriceCents: milk.cents, vatRateBp: milk.vatBp, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
    { sku: 'BREAD', barcodes: [bread.code], name: n(bread.name), unitPriceCents: bread.cents, vatRateBp: bread.vatBp, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
  ];
}

/** Purchase control with nothing that could lock the kiosk at Pay (no random check, no limits): a lock would stop the flow before any crash point. */
export function noPurchaseControl(timeZone: string) {
  return { timeZone, ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null };
}

/** Writes the catalog file and `kassa.config.json` (importing that catalog at start) into a kill test's data folder. */
export function writeKioskFiles(dataDir: string, catalog: unknown, config: Record<string, unknown>): void {
  writeFileSync(join(dataDir, 'catalog.json'), JSON.stringify(catalog));
  writeFileSync(join(dataDir, 'kassa.config.json'), JSON.stringify({ catalog: { importOnStart: join(dataDir, 'catalog.json') }, ...config }));
}

/** A free TCP port on loopback (for a service whose URL must be known before the kiosk starts). */
export function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}
