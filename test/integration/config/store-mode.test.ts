/** Store mode never pretends: no sandbox device or service unless "sandboxes": true; configured endpoints always win. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { memoryLog } from '../../../electron/log';
import { SwipSandbox } from '../../../electron/sandbox/swip';

const dirs: string[] = [];
let kiosk: Kiosk | null = null;
let external: SwipSandbox | null = null;
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await external?.close();
  external = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function withFile(cfg: unknown): string {
  const d = mkdtempSync(join(tmpdir(), 'kassa-store-'));
  dirs.push(d);
  writeFileSync(join(d, 'kassa.config.json'), JSON.stringify(cfg));
  return d;
}
const start = (d: string, env: Record<string, string> = {}) => startKiosk({ env: { KASSA_DATA_DIR: d, KASSA_CATALOG: resolve('resources/catalog/demo-catalog.json'), ...env }, resourcesDir: resolve('resources'), defaultDataDir: () => d, log: memoryLog() });

describe('store mode', () => {
  it('names the missing printer configuration instead of using the virtual printer', async () => {
    external = await SwipSandbox.start({ token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' });
    const d = withFile({ swip: { baseUrl: external.url, token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' }, smarts: { enabled: false }, terminal: { kind: 'none' } });
    await expect(start(d)).rejects.toThrow(/printer\.kind/);
    const v = withFile({ swip: { baseUrl: external.url, token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' }, smarts: { enabled: false }, printer: { kind: 'virtual' }, terminal: { kind: 'none' } });
    await expect(start(v)).rejects.toThrow(/printer\.kind/);
  });

  it('has no card terminal unless one is configured, and refuses the sandbox terminal', async () => {
    external = await SwipSandbox.start({ token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' });
    const swip = { baseUrl: external.url, token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' };
    await expect(start(withFile({ swip, smarts: { enabled: false }, printer: { kind: 'none' }, terminal: { kind: 'sandbox' } }))).rejects.toThrow(/terminal\.kind/);
    await expect(start(withFile({ swip, smarts: { enabled: false }, printer: { kind: 'none' } }))).rejects.toThrow(/terminal\.kind" is required in store mode/);
    kiosk = await start(withFile({ swip, smarts: { enabled: false }, printer: { kind: 'none' }, terminal: { kind: 'none' } }));
    expect(kiosk.payments.terminal).toBeNull();
    expect(kiosk.payments.sandbox).toBeNull();
    expect(kiosk.payments.flow.providers.terminal.available).toBe(false);
  });

  it('a configured SWiP endpoint (KASSA_SWIP_URL) is used even when "sandboxes": true simulates the rest', async () => {
    external = await SwipSandbox.start({ token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1' });
    const d = withFile({ sandboxes: true, smarts: { enabled: false }, printer: { kind: 'none' } });
    kiosk = await start(d, { KASSA_SWIP_URL: external.url, KASSA_SWIP_TOKEN: 'tok-123456789', KASSA_SWIP_MERCHANT_ID: 'KASS', KASSA_SWIP_STORE_ID: 'S1' });
    expect(kiosk.payments.sandbox).toBeNull();
    expect(kiosk.payments.terminal).toBeNull(); // store mode: the terminal defaults to none even with sandboxes
  });
});
