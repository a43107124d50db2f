/**
 * The attendant console for store.bench.ts: the store node's console server (in the bench
 * process, over its StorePort, badge + PIN against a supervisor directory in a temporary SQLite
 * file) and one signed-in Chromium page on it, tablet-sized. A MutationObserver in the page stamps
 * `Date.now()` whenever a lane tile's basket total text changes; the bench matches each stamp to
 * the simulated kiosk's snapshot that carried that total (its `publishedAt`, same machine clock),
 * so the figure is the kiosk's change → console DOM.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../../electron/engine/clock';
import { openJournalDb } from '../../electron/journal/db';
import type { Log } from '../../electron/log';
import { startConsoleServer, type ConsoleServer } from '../../electron/store/console/server';
import type { StorePort } from '../../electron/store/lane';
import { SupervisorDirectory } from '../../electron/supervisor/directory';

const REPO = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.KASSA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const BADGE = 'SUP-BENCH-01';
const PIN = '864209';

/** A lane tile's total as the page first showed it, at `t` (ms since epoch). */
export interface DomStamp {
  lane: string;
  text: string;
  t: number;
}

export interface BenchConsole {
  server: ConsoleServer;
  /** Every stamp since the last call (the page's buffer is emptied). */
  drain(): Promise<DomStamp[]>;
  /** Resolves once no lane total has changed for `quietMs` (at most `maxMs`). */
  settle(quietMs?: number, maxMs?: number): Promise<void>;
  close(): Promise<void>;
}

function ensureRenderer(): void {
  if (existsSync(join(REPO, 'dist/renderer/console/index.html'))) return;
  console.log('dist/renderer is missing: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * The recorder, as page source (a string: tsx's helpers must not leak into the page): one stamp
 * per lane whose `.lane__total` text differs from the last one seen.
 */
const RECORDER = `(() => {
  const shown = new Map();
  window.__stamps = [];
  window.__last = Date.now();
  const scan = () => {
    const t = Date.now();
    for (const el of document.querySelectorAll('[data-lane]')) {
      const lane = el.dataset.lane;
      const text = el.querySelector('.lane__total')?.textContent ?? '';
      if (shown.get(lane) === text) continue;
      shown.set(lane, text);
      window.__stamps.push({ lane, text, t });
      window.__last = t;
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  scan();
})()`;

export async function startBenchConsole(store: StorePort, log: Log): Promise<BenchConsole> {
  ensureRenderer();
  const dir = mkdtempSync(join(tmpdir(), 'kassa-bench-console-'));
  const db = openJournalDb(join(dir, 'store.db'));
  const directory = new SupervisorDirectory(db, log, systemClock);
  directory.upsert(BADGE, 'Bench Attendant', PIN);
  const server = await startConsoleServer({ store, directory, clock: systemClock, rendererDir: join(REPO, 'dist/renderer'), host: '127.0.0.1', port: 0, log, remoteAgeCheck: false, idleMs: 3_600_000, lang: 'en' });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(server.url);
    await page.getByLabel('Badge').fill(BADGE);
    await page.getByLabel('PIN').fill(PIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Signed in as Bench Attendant').waitFor({ timeout: 15_000 });
    await page.evaluate(RECORDER);
    const b = browser;
    return {
      server,
      drain: () => page.evaluate(() => (window as unknown as { __stamps: DomStamp[] }).__stamps.splice(0)),
      settle: async (quietMs = 300, maxMs = 5000) => {
        const end = Date.now() + maxMs;
        while (Date.now() < end) {
          const idle = await page.evaluate(() => Date.now() - (window as unknown as { __last: number }).__last);
          if (idle >= quietMs) return;
          await new Promise((r) => setTimeout(r, quietMs - idle));
        }
      },
      async close() {
        await b.close();
        await server.close();
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Kiosk change → console DOM, ms: each stamp against the newest snapshot of that lane with that
 * total published no later than the stamp (`published`: lane + total text → publishedAt, ascending).
 */
export function domLatencies(stamps: DomStamp[], published: Map<string, number[]>): number[] {
  const out: number[] = [];
  for (const s of stamps) {
    const times = published.get(`${s.lane}|${s.text}`);
    if (!times) continue;
    let best: number | null = null;
    for (const p of times) if (p <= s.t && (best === null || p > best)) best = p;
    if (best !== null) out.push(s.t - best);
  }
  return out;
}
