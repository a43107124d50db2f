/** Card-terminal configuration: kind explicit in a store, nexo needs url + poiId, secrets from the environment. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startKiosk } from '../../../electron/app/kiosk';
import { sharedKey, terminalKind } from '../../../electron/app/payments';
import { ConfigError, loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';

const dirs: string[] = [];
const withFile = (cfg: unknown) => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-term-'));
  dirs.push(d);
  writeFileSync(join(d, 'kassa.config.json'), JSON.stringify(cfg));
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const SWIP = { baseUrl: 'https://swip.example', token: 'tok-123456789', merchantId: 'M', storeId: 'S' };
const kindOf = (cfg: unknown, env: Record<string, string> = {}) => {
  const d = withFile(cfg);
  const c = loadConfig({ KASSA_DATA_DIR: d, ...env }, () => d);
  return terminalKind(c.config, c.mode);
};

describe('terminal configuration', () => {
  it('a store must say which terminal it has', () => {
    expect(() => kindOf({ swip: SWIP })).toThrow(ConfigError);
    expect(() => kindOf({ swip: SWIP })).toThrow(/terminal\.kind" is required in store mode/);
    expect(kindOf({ swip: SWIP, terminal: { kind: 'none' } })).toBe('none');
    expect(() => kindOf({ swip: SWIP, terminal: { kind: 'sandbox' } })).toThrow(/simulated terminal/);
  });

  it('nexo needs the terminal url and POIID, and says which is missing', () => {
    expect(() => kindOf({ swip: SWIP, terminal: { kind: 'nexo' } })).toThrow(/"terminal\.url".*missing: terminal\.url, terminal\.poiId.*KASSA_TERMINAL_URL, KASSA_TERMINAL_POIID/);
    expect(() => kindOf({ swip: SWIP, terminal: { kind: 'nexo', url: 'https://192.0.2.10:8443/nexo' } })).toThrow(/"terminal\.poiId"/);
    expect(kindOf({ swip: SWIP, terminal: { kind: 'nexo', url: 'https://192.0.2.10:8443/nexo', poiId: 'V400m-1' } })).toBe('nexo');
  });

  it('url, POIID and API key come from the environment; a bad key is refused without showing it', () => {
    const d = withFile({ swip: SWIP, terminal: { kind: 'nexo' } });
    const c = loadConfig({ KASSA_DATA_DIR: d, KASSA_TERMINAL_URL: 'https://terminal-api-test.adyen.com/sync', KASSA_TERMINAL_POIID: 'V400m-2', KASSA_TERMINAL_API_KEY: 'AQE-secret-key' }, () => d);
    expect(c.config.terminal).toMatchObject({ kind: 'nexo', url: 'https://terminal-api-test.adyen.com/sync', poiId: 'V400m-2', apiKey: 'AQE-secret-key', paymentTimeoutMs: 150_000 });
    // The terminal's currency defaults to the store's (store.currency), resolved when the terminal is built.
    expect(c.config.terminal.currency).toBeUndefined();
    expect(c.config.store.currency).toBe('EUR');
    expect(terminalKind(c.config, c.mode)).toBe('nexo');
    let msg = '';
    try {
      loadConfig({ KASSA_DATA_DIR: d, KASSA_TERMINAL_API_KEY: 'short' }, () => d);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/terminal\.apiKey/);
    expect(msg).not.toContain('short');
  });

  it('the message protection key: identifier, version and passphrase from the environment, all or none; the passphrase never shown', () => {
    const d = withFile({ swip: SWIP, terminal: { kind: 'nexo', url: 'https://192.0.2.10:8443/nexo', poiId: 'V400m-1' } });
    const load = (env: Record<string, string>) => loadConfig({ KASSA_DATA_DIR: d, ...env }, () => d).config;
    expect(sharedKey(load({}))).toBeNull();
    expect(sharedKey(load({ KASSA_TERMINAL_KEY_ID: 'KassaKey01', KASSA_TERMINAL_KEY_VERSION: '2', KASSA_TERMINAL_KEY_PASSPHRASE: 'shared passphrase 1' }))).toEqual({ keyIdentifier: 'KassaKey01', keyVersion: 2, passphrase: 'shared passphrase 1' });
    expect(() => sharedKey(load({ KASSA_TERMINAL_KEY_ID: 'KassaKey01' }))).toThrow(/"terminal\.keyVersion" is required.*missing: terminal\.keyVersion, terminal\.keyPassphrase; or set KASSA_TERMINAL_KEY_VERSION, KASSA_TERMINAL_KEY_PASSPHRASE/);
    expect(() => load({ KASSA_TERMINAL_KEY_VERSION: 'two' })).toThrow(/KASSA_TERMINAL_KEY_VERSION must be an integer 0–2147483647, got "two"/);
    expect(() => load({ KASSA_TERMINAL_KEY_VERSION: '9999999999' })).toThrow(/KASSA_TERMINAL_KEY_VERSION/);
    expect(() => load({ KASSA_TERMINAL_KEY_ID: '' })).toThrow(/KASSA_TERMINAL_KEY_ID is set but empty/);
    for (const bad of ['short', 'pässphrase-with-umlaut']) {
      let msg = '';
      try {
        load({ KASSA_TERMINAL_KEY_PASSPHRASE: bad });
      } catch (e) {
        msg = (e as Error).message;
      }
      expect(msg).toMatch(/terminal\.keyPassphrase/);
      expect(msg).not.toContain(bad);
    }
  });

  it('demo mode (or "sandboxes": true) without a url runs the local nexo simulator and pays through it', async () => {
    const d = withFile({
      sandboxes: true, terminal: { kind: 'nexo' }, printer: { kind: 'none' }, smarts: { enabled: false },
      // No random purchase check: a sampled basket would lock the kiosk at Pay.
      purchaseControl: { timeZone: 'Europe/Tallinn', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount: null, voidedLines: null, unknownScans: null },
    });
    // With a shared key: the simulator demands protected messages, and the kiosk sends them.
    const key = { KASSA_TERMINAL_KEY_ID: 'DemoKey', KASSA_TERMINAL_KEY_VERSION: '1', KASSA_TERMINAL_KEY_PASSPHRASE: 'demo-shared-passphrase' };
    const log = memoryLog();
    const k = await startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_CATALOG: resolve('resources/catalog/demo-catalog.json'), ...key }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log });
    try {
      const sim = k.payments.terminalSim!;
      expect(sim).not.toBeNull();
      expect(await k.payments.nexo!.diagnose()).toEqual({ state: 'ok', detail: null });
      await k.engine.dispatch('session/start', {});
      const code = (JSON.parse(readFileSync(resolve('resources/catalog/demo-catalog.json'), 'utf8')) as { products: Array<{ barcodes: string[]; soldByWeight: boolean; ageLimit: number | null }> }).products.find((p) => !p.soldByWeight && !p.ageLimit)!.barcodes[0]!;
      expect((await k.engine.dispatch('basket/scan', { code, source: 'panel' })).ok).toBe(true);
      expect((await k.engine.dispatch('checkout/pay', { method: 'terminal' })).ok).toBe(true);
      // The kiosk links to the simulator's page; nobody at the terminal → nothing happens by itself.
      expect(k.engine.view().payment).toMatchObject({ method: 'terminal', terminalPage: `${sim.url}/terminal` });
      const page = await fetch(`${sim.url}/terminal`);
      expect(page.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect(sim.ledger()).toMatchObject([{ state: 'in-progress' }]);
      expect(k.engine.state).toBe('paying');
      sim.terminal.insertCard({ contactless: true });
      sim.terminal.approve();
      const end = Date.now() + 5000;
      while (k.engine.state !== 'done' && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(k.engine.state).toBe('done');
      expect(sim.ledger()).toMatchObject([{ state: 'approved' }]);
      expect(k.payments.terminalHealth()).toBe('ok');
      expect(sim.cryptoRefusals()).toEqual([]);
      expect(JSON.stringify(log.lines)).toContain('"messageProtection":"key DemoKey v1"');
      expect(JSON.stringify(log.lines)).not.toContain('demo-shared-passphrase');
    } finally {
      await k.close();
    }
  });

  it('a public host for the simulator: the kiosk links to it there, and the page answers on it', async () => {
    const d = withFile({ sandboxes: true, terminal: { kind: 'nexo', simulatorPublicHost: 'localhost' }, printer: { kind: 'none' }, smarts: { enabled: false } });
    const k = await startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_CATALOG: resolve('resources/catalog/demo-catalog.json') }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log: memoryLog() });
    try {
      const port = new URL(k.payments.terminalSim!.url).port;
      expect(k.payments.terminalPage).toBe(`http://localhost:${port}/terminal`);
      expect((await fetch(k.payments.terminalPage!)).status).toBe(200);
    } finally {
      await k.close();
    }
    expect(() => kindOf({ swip: SWIP, terminal: { kind: 'none', simulatorPublicHost: 'x y' } })).toThrow(/terminal\.simulatorPublicHost/);
  });

  it('demo mode pays cards at the local nexo simulator by default (no terminal that approves by itself)', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kassa-term-'));
    dirs.push(d);
    const k = await startKiosk({ env: { KASSA_DATA_DIR: d }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log: memoryLog() });
    try {
      expect(k.engine.view().mode).toBe('demo');
      expect(k.payments.terminal).toBeNull();
      expect(k.payments.nexo).not.toBeNull();
      expect(k.payments.terminalSim!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await k.close();
    }
  });
});
