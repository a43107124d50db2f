import { test as base, chromium, _electron, expect, type Page, type Browser } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, writeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openPtyPair, type PtyPair } from '../../support/pty';
import { CHROMIUM, CHROMIUM_ARGS, electronBinary } from './targets';
import type { KioskView } from '../../../electron/ipc/view';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const SAMPLES = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-samples.json'), 'utf8')) as {
  piece: string[];
  weighed: Array<{ template: string; example: string; grams: number }>;
  alcohol: string[];
  tobacco: string[];
  unknownValid: string;
  invalid: string;
};

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
  intent(channel: string, payload?: unknown): Promise<{ ok: boolean; error?: { code: string }; view?: KioskView }>;
  /** Stops the engine process (SIGKILL) and starts it again on the same data folder. */
  restart(): Promise<void>;
  page: Page;
  screenshot(name: string): Promise<void>;
}

interface StartOpts {
  env?: Record<string, string>;
  config?: Record<string, unknown>;
}

async function startHost(dataDir: string, env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [join(REPO, 'dist/host/main.mjs')], {
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_WEB_PORT: '0', KASSA_TEST_HOOKS: '1', KASSA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += String(d)));
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`host did not start:\n${out}\n${err}`)), 20_000);
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res(m[1]!);
      }
    });
    proc.on('exit', (code) => rej(new Error(`host exited ${code}:\n${out}\n${err}`)));
  });
  return { proc, url };
}

export const test = base.extend<{ kioskOptions: StartOpts; kiosk: KioskUnderTest }>({
  kioskOptions: [{}, { option: true }],
  kiosk: async ({ kioskOptions }, use, testInfo) => {
    const target = (testInfo.project.use as { target?: string }).target ?? 'browser';
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-'));
    if (kioskOptions.config) writeFileSync(join(dataDir, 'kassa.config.json'), JSON.stringify(kioskOptions.config));
    const pty = await openPtyPair();
    const env = { KASSA_SCANNER_PORT: pty.a, ...(kioskOptions.env ?? {}) };
    const shotsDir = join(REPO, 'artifacts', 'screens', testInfo.project.name);
    mkdirSync(shotsDir, { recursive: true });

    let host!: { proc: ChildProcess; url: string };
    let page!: Page;
    let closeApp!: () => Promise<void>;
    let relaunch: () => Promise<void>;
    if (target === 'electron') {
      const launch = async () => {
        const app = await _electron.launch({ executablePath: electronBinary()!, args: [join(REPO, 'dist/electron/main.cjs')], env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_TEST_HOOKS: '1', KASSA_DEV: '1', ...env } as Record<string, string> });
        const url = await new Promise<string>((res) => {
          let out = '';
          app.process().stdout!.on('data', (d) => {
            out += String(d);
            const m = /ready at (http:\/\/\S+)/.exec(out);
            if (m) res(m[1]!);
          });
        });
        host = { proc: app.process(), url };
        page = await app.firstWindow();
        closeApp = () => app.close();
      };
      await launch();
      relaunch = launch;
    } else {
      host = await startHost(dataDir, env);
      const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const ctx = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
      page = await ctx.newPage();
      await page.goto(host.url);
      closeApp = () => browser.close();
      relaunch = async () => {
        host = await startHost(dataDir, env);
        await page.goto(host.url);
      };
    }
    const post = async (path: string, body: unknown) => {
      const r = await fetch(new URL(path, host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return r.json();
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
      scanSerial: (code) => writeSerial(Buffer.from(code + '\r', 'latin1')),
      writeSerial,
      advance: async (ms) => void (await post('/__test/advance', { ms })),
      intent: (channel, payload = {}) => post('/__test/intent', { channel, payload }),
      restart: async () => {
        host.proc.kill('SIGKILL');
        await new Promise((r) => host.proc.once('exit', r));
        await relaunch();
      },
      screenshot: async (name) => {
        await page.screenshot({ path: join(shotsDir, `${name}.png`) });
      },
    };
    await use(k);
    await closeApp().catch(() => undefined);
    host.proc.kill('SIGTERM');
    await pty.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect };
