import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';
import { startStoreNode } from '../../../electron/store/store-node';
import { freePort } from '../../support/nats';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const withFile = (cfg: unknown) => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-storecfg-'));
  dirs.push(d);
  writeFileSync(join(d, 'kassa.config.json'), JSON.stringify(cfg));
  return d;
};
const bus = { storeId: 'S1', natsUrl: ['nats://127.0.0.1:4222'], user: 'kiosk-K01' };

describe('store bus configuration', () => {
  it('takes the password from KASSA_NATS_PASSWORD and never shows it in an error', () => {
    const d = withFile({ storeBus: bus });
    expect(loadConfig({ KASSA_DATA_DIR: d, KASSA_NATS_PASSWORD: 'pw-from-env-123' }, () => d).config.storeBus).toMatchObject({ ...bus, password: 'pw-from-env-123', heartbeatMs: 5000, offlineAfterMs: 15_000 });
    let message = '';
    try {
      loadConfig({ KASSA_DATA_DIR: d, KASSA_NATS_PASSWORD: 'short' }, () => d);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/storeBus\.password/);
    expect(message).not.toContain('short');
  });

  it('refuses ids that are not one subject token, URLs with credentials and out-of-range timings', () => {
    for (const bad of [{ ...bus, storeId: 'a.b' }, { ...bus, storeId: 'S>' }, { ...bus, natsUrl: ['nats://u:p@host:4222'] }, { ...bus, natsUrl: ['http://host'] }, { ...bus, heartbeatMs: 10 }, { ...bus, extra: 1 }]) {
      const d = withFile({ storeBus: bad });
      expect(() => loadConfig({ KASSA_DATA_DIR: d }, () => d)).toThrow(ConfigError);
    }
  });

  it('a store node without storeBus, or with no NATS server reachable, does not start and says why', async () => {
    const none = withFile({ sandboxes: true });
    await expect(startStoreNode({ env: { KASSA_DATA_DIR: none }, defaultDataDir: () => none, log: memoryLog() })).rejects.toThrow(/storeBus/);
    const port = await freePort();
    const d = withFile({ sandboxes: true, storeBus: { ...bus, natsUrl: [`nats://127.0.0.1:${port}`], user: 'store-node' } });
    await expect(startStoreNode({ env: { KASSA_DATA_DIR: d, KASSA_NATS_PASSWORD: 'whatever-123' }, defaultDataDir: () => d, log: memoryLog() })).rejects.toThrow(/cannot connect to NATS/);
  });
});
