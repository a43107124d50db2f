import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startKiosk } from '../../../electron/app/kiosk';
import { ConfigError, loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-cfg-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const withFile = (cfg: unknown) => {
  const d = tmp();
  writeFileSync(join(d, 'kassa.config.json'), typeof cfg === 'string' ? cfg : JSON.stringify(cfg));
  return d;
};

describe('configuration', () => {
  it('no file means demo mode with defaults', () => {
    const d = tmp();
    const c = loadConfig({ KASSA_DATA_DIR: d }, () => '/nope');
    expect(c).toMatchObject({ mode: 'demo', dataDir: d, configFile: null });
    expect(c.config.scanner.kind).toBe('wedge');
    expect(c.config.languages.default).toBe('et');
  });

  it('a file with "mode": "demo" keeps demo mode and sets timeouts and the language (resources/config/demo-quick.json)', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../resources/config/demo-quick.json'), 'utf8')) as unknown;
    const d = withFile(shipped);
    const c = loadConfig({ KASSA_DATA_DIR: d }, () => d);
    expect(c.mode).toBe('demo');
    expect(c.config.languages.default).toBe('en');
    expect(c.config.idle).toMatchObject({ idleMs: 30_000, promptMs: 10_000, doneMs: 5000 });
    expect(loadConfig({ KASSA_DATA_DIR: withFile({ mode: 'store' }) }, () => d).mode).toBe('store');
    expect(() => loadConfig({ KASSA_DATA_DIR: withFile({ mode: 'shop' }) }, () => d)).toThrow(/mode/);
  });

  it('environment overrides the file', () => {
    const d = withFile({ scanner: { kind: 'wedge' }, web: { port: 8080 } });
    const c = loadConfig({ KASSA_DATA_DIR: d, KASSA_SCANNER_PORT: '/dev/ttyS9', KASSA_SCANNER_BAUD: '19200', KASSA_WEB_PORT: '0', KASSA_SWIP_TOKEN: 'secret-token-1', KASSA_PRINTER_PORT: '/dev/ttyS8' }, () => d);
    expect(c.mode).toBe('store');
    expect(c.config.scanner).toMatchObject({ kind: 'serial', path: '/dev/ttyS9', baudRate: 19200 });
    expect(c.config.web.port).toBe(0);
    expect(c.config.swip.token).toBe('secret-token-1');
    expect(c.config.printer).toMatchObject({ kind: 'serial', path: '/dev/ttyS8' });
  });

  it.each<[unknown, string]>([
    ['{ not json', 'not valid JSON'],
    [[1, 2], 'JSON object'],
    [{ scanner: { kind: 'serial' } }, 'scanner.path'],
    [{ scanner: { kind: 'usb' } }, 'scanner.kind'],
    [{ idle: { idleMs: 10 } }, 'idle.idleMs'],
    [{ store: { cashRoundingCents: 0 } }, 'store.cashRoundingCents'],
    [{ printer: { kind: 'serial' } }, 'printer.path'],
    [{ swip: { baseUrl: 'not a url' } }, 'swip.baseUrl'],
    [{ surprise: true }, 'surprise'],
  ])('a bad file stops start-up naming the field: %j', (cfg, field) => {
    const d = withFile(cfg);
    expect(() => loadConfig({ KASSA_DATA_DIR: d }, () => d)).toThrow(ConfigError);
    expect(() => loadConfig({ KASSA_DATA_DIR: d }, () => d)).toThrow(field);
  });

  it('a non-numeric port in the environment is refused', () => {
    const d = tmp();
    expect(() => loadConfig({ KASSA_DATA_DIR: d, KASSA_WEB_PORT: 'eighty' }, () => d)).toThrow(/KASSA_WEB_PORT/);
  });

  it('KASSA_CONFIG naming a missing file is refused', () => {
    const d = tmp();
    expect(() => loadConfig({ KASSA_DATA_DIR: d, KASSA_CONFIG: join(d, 'missing.json') }, () => d)).toThrow(/does not exist/);
  });

  it('store mode never falls back to the SWiP sandbox silently', async () => {
    const d = withFile({ printer: { kind: 'none' }, smarts: { enabled: false } });
    const log = memoryLog();
    await expect(startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_CATALOG: resolve('resources/catalog/demo-catalog.json') }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log })).rejects.toThrow(/swip\.baseUrl/);
  });

  it('bad purchase-control rules and weight rules stop start-up naming the field', async () => {
    for (const [cfg, field] of [
      [{ purchaseControl: { sampling: { rate: 2 } } }, 'purchaseControl'],
      [{ barcodeRules: [{ pattern: '2IIII', measure: 'weight' }] }, 'barcodeRules.0'],
    ] as const) {
      const d = withFile({ ...cfg, sandboxes: true, printer: { kind: 'none' }, smarts: { enabled: false } });
      await expect(startKiosk({ env: { KASSA_DATA_DIR: d }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log: memoryLog() })).rejects.toThrow(field);
    }
  });
});
