import { test as base, chromium, _electron, expect, type Page, type Browser, type BrowserContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, writeSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { CHROMIUM, CHROMIUM_ARGS, electronBinary } from './targets';
import type { KioskView } from '../../../electron/ipc/view';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const SAMPLES = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-samples.json'), 'utf8')) as {
  piece: string[];
  weighed: Array<{ name: string; template: string; example: string; grams: number; pricePerKgCents: number }>;
  alcohol: string[];
  tobacco: string[];
  reducedVat: string;
  unknownValid: string;
  invalid: string;
};

export type IntentAnswer = { ok: boolean; error?: { code: string; message?: string }; view?: KioskView };

/** A receipt the virtual printer printed, decoded back to text. */
export interface PrintedText {
  text: string;
  qrPayloads: string[];
  at: number;
}

/** What the Smarts sandbox (gateway side) received from the kiosk's outbox. */
export interface SmartsResult {
  result: { invoiceId: string; status: string; products?: Array<{ id: string; quantity: { value: number; unit: string } }> | null };
  deliveries: number;
}

/** A running kiosk for one test: its own data folder, its own pty scanner, its own host. */
export interface KioskUnderTest {
  url: string;
  dataDir: string;
  pty: PtyPair;
  /** Writes a barcode frame (with CR suffix) into the scanner end of the pty, as a scanner would. */
  scanSerial(code: string): void;
  /** Raw bytes into the scanner line (garbage tests). */
  writeSerial(bytes: Buffer): void;
  /** Moves the kiosk's clock forward. */
  advance(ms: number): Promise<void>;
  /** Sends an intent through the contract directly, bypassing the UI. */
  intent(channel: string, payload?: unknown): Promise<IntentAnswer>;
  /** The engine's current view (`view/get`). */
  view(): Promise<KioskView>;
  /** Stops the engine process (SIGKILL) and starts it again on the same data folder. */
  restart(): Promise<void>;
  page: Page;
  /** A second page that plays the customer's phone (the wallet); close it when done. */
  phone(): Promise<Page>;
  screenshot(name: string): Promise<void>;
  /** Everything the host printed on stdout and stderr so far. */
  hostOutput(): string;
  /** Base URL of the in-process SWiP sandbox (its /__control/ API and wallet pages). */
  swipUrl(): Promise<string>;
  /** Drives the demo scale simulator through its control API (`put` {grams}, `motion` {on}, `remove`, …). */
  scale(action: string, body?: Record<string, unknown>): Promise<void>;
  /** Sets virtual printer flags (when given) and returns the flags and every decoded receipt. */
  printer(status?: Partial<{ paperOut: boolean; paperNearEnd: boolean; coverOpen: boolean; offline: boolean }>): Promise<{ status: Record<string, boolean>; receipts: PrintedText[] }>;
  /** Makes the Smarts sandbox send a check (when given) and returns what the gateway received. */
  smarts(check?: unknown): Promise<{ sent: { status: number; body: unknown } | null; results: SmartsResult[]; pickupStatuses: Array<{ id: string; status: string }>; phoneUrl: string }>;
  /** Makes the Smarts sandbox send a pickup order (an Order) to the node; answers the node's status. */
  smartsPickup(order: unknown): Promise<{ pickup: { status: number } }>;
  /** The sandbox card terminal's pending charges; `approve` taps the card for all of them. */
  terminal(approve?: boolean): Promise<{ pending: string[]; approved: string[] }>;
}

interface StartOpts {
  env?: Record<string, string>;
  config?: Record<string, unknown>;
}

interface Host {
  proc: ChildProcess;
  url: string;
  output: () => string;
}

/**
 * Starts `node <script>` (a built entry under dist/) and resolves once its output matches `ready`
 * (within 20 s): the process, the first capture group, and everything it printed so far.
 */
export async function spawnUntil(script: string, env: Record<string, string>, ready: RegExp, what: string): Promise<{ proc: ChildProcess; found: string; output: () => string }> {
  const proc = spawn(process.execPath, [join(REPO, script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const found = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${what} did not start:\n${out}`)), 20_000);
    const onData = () => {
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', onData);
      res(m[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`${what} exited ${code}:\n${out}`));
    });
  });
  return { proc, found, output: () => out };
}

async function startHost(dataDir: string, env: Record<string, string>): Promise<Host> {
  const { proc, found, output } = await spawnUntil('dist/host/main.mjs', { KASSA_DATA_DIR: dataDir, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'warn', ...env }, /ready at (http:\/\/\S+)/, 'host');
  return { proc, url: found, output };
}

/** Ends a child process: SIGTERM, then SIGKILL if it has not exited within 3 s. */
export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Kills processes whose command line names `dataDir` (by pid): the virtual printer's socat is a
 * child of the host, and a host ended with SIGKILL (restart tests) cannot stop it itself.
 */
function killLeftovers(dataDir: string): void {
  if (!existsSync('/proc')) return;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    if (!cmd.includes(dataDir)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; // ESRCH: it has already gone
    }
  }
}

export const test = base.extend<{ kioskOptions: StartOpts; kiosk: KioskUnderTest }, { kioskBrowser: Browser | null }>({
  kioskOptions: [{}, { option: true }],
  // One Chromium per worker: every test gets a fresh context in it (starting Chromium per test is slow).
  kioskBrowser: [
    // Playwright reads the fixtures a function needs from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const target = (workerInfo.project.use as { target?: string }).target ?? 'browser';
      if (target !== 'browser') return use(null);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  kiosk: async ({ kioskOptions, kioskBrowser }, use, testInfo) => {
    const target = (testInfo.project.use as { target?: string }).target ?? 'browser';
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-'));
    if (kioskOptions.config) writeFileSync(join(dataDir, 'kassa.config.json'), JSON.stringify(kioskOptions.config));
    const pty = await openPtyPair();
    const env = { KASSA_SCANNER_PORT: pty.a, ...(kioskOptions.env ?? {}) };
    const shotsDir = join(REPO, 'artifacts', 'screens', testInfo.project.name);
    mkdirSync(shotsDir, { recursive: true });
    // Any uncaught error in a page fails the test (checked after it ran).
    const pageErrors: string[] = [];
    const watch = (p: Page) => p.on('pageerror', (e) => pageErrors.push(`${p.url()}: ${e.stack ?? e.message}`));

    let host!: Host;
    let page!: Page;
    let context: BrowserContext | null = null;
    let closeApp!: () => Promise<void>;
    let relaunch: () => Promise<void>;
    if (target === 'electron') {
      const launch = async () => {
        const app = await _electron.launch({ executablePath: electronBinary()!, args: [join(REPO, 'dist/electron/main.cjs')], env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_TEST_HOOKS: '1', KASSA_DEV: '1', ...env } as Record<string, string> });
        let out = '';
        const url = await new Promise<string>((res) => {
          app.process().stdout!.on('data', (d) => {
            out += String(d);
            const m = /ready at (http:\/\/\S+)/.exec(out);
            if (m) res(m[1]!);
          });
        });
        host = { proc: app.process(), url, output: () => out };
        page = await app.firstWindow();
        watch(page);
        closeApp = () => app.close();
      };
      await launch();
      relaunch = launch;
    } else {
      host = await startHost(dataDir, env);
      context = await kioskBrowser!.newContext({ viewport: { width: 1080, height: 1920 } });
      context.on('page', watch);
      page = await context.newPage();
      await page.goto(host.url);
      closeApp = () => context!.close();
      relaunch = async () => {
        host = await startHost(dataDir, env);
        await page.goto(host.url);
      };
    }
    const post = async (path: string, body: unknown) => {
      const r = await fetch(new URL(path, host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const data = (await r.json()) as Record<string, unknown>;
      if (!r.ok) throw new Error(`test hook ${path} answered ${r.status}: ${JSON.stringify(data)}`);
      return data;
    };
    const writeSerial = (bytes: Buffer) => {
      const fd = openSync(pty.b, 'w');
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
    };
    const k: KioskUnderTest = {
      get url() {
        return host.url;
      },
      dataDir,
      pty,
      get page() {
        return page;
      },
      phone: async () => {
        if (context) return context.newPage();
        // Electron: the phone is an ordinary browser next to the app window.
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
        const phone = await browser.newPage();
        watch(phone);
        phone.once('close', () => void browser.close());
        return phone;
      },
      scanSerial: (code) => writeSerial(Buffer.from(code + '\r', 'latin1')),
      writeSerial,
      advance: async (ms) => void (await post('/__test/advance', { ms })),
      intent: (channel, payload = {}) => post('/__test/intent', { channel, payload }) as Promise<IntentAnswer>,
      view: async () => {
        const r = (await post('/__test/intent', { channel: 'view/get', payload: {} })) as IntentAnswer;
        if (!r.ok || !r.view) throw new Error(`view/get failed: ${JSON.stringify(r)}`);
        return r.view;
      },
      restart: async () => {
        const proc = host.proc;
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGKILL');
        await exited;
        await relaunch();
      },
      screenshot: async (name) => {
        await page.screenshot({ path: join(shotsDir, `${name}.png`) });
      },
      hostOutput: () => host.output(),
      swipUrl: async () => {
        const r = await post('/__test/swip', {});
        if (typeof r.url !== 'string') throw new Error('this kiosk has no SWiP sandbox');
        return r.url;
      },
      scale: async (action, body = {}) => {
        const r = await post('/__test/scale', {});
        if (typeof r.url !== 'string') throw new Error('this kiosk has no scale simulator');
        const res = await fetch(new URL(`/__control/${action}`, r.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`scale simulator ${action} answered ${res.status}`);
      },
      printer: async (status) => (await post('/__test/printer', status ? { status } : {})) as never,
      smarts: async (check) => (await post('/__test/smarts', check ? { check } : {})) as never,
      smartsPickup: async (order) => (await post('/__test/smarts', { pickupOrder: order })) as never,
      terminal: async (approve = false) => (await post('/__test/terminal', { approve })) as never,
    };
    try {
      await use(k);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        // For the post-mortem: what the engine showed and what the host logged.
        const view = await k.view().catch((e: Error) => `view/get failed: ${e.message}`);
        await testInfo.attach('kiosk view', { body: JSON.stringify(view, null, 2), contentType: 'application/json' });
        await testInfo.attach('host output', { body: host.output(), contentType: 'text/plain' });
      }
      await closeApp().catch(() => undefined);
      await stopProcess(host.proc);
      killLeftovers(dataDir);
      await pty.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
