import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';
import { parseStoreSettings, savedSettingsVersion, saveStoreSettings, SETTINGS_FILE, withStoreSettings } from '../../../electron/store/store-settings';

const dir = mkdtempSync(join(tmpdir(), 'kassa-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A kiosk's configuration in `dir` (store mode with sandboxes), with or without a store bus. */
function loaded(storeBus: boolean, extra: Record<string, unknown> = {}) {
  writeFileSync(join(dir, 'kassa.config.json'), JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, languages: { default: 'et', available: ['et', 'en'] }, ...(storeBus ? { storeBus: { storeId: 'S1', natsUrl: ['nats://127.0.0.1:4222'], user: 'kiosk-K01' } } : {}), ...extra }));
  return loadConfig({ KASSA_DATA_DIR: dir }, () => dir);
}
const SHA = 'ab'.repeat(32);

describe('store settings', () => {
  it('accepts only the whitelist, within ranges; purchase-control rules with their own parser', () => {
    expect(parseStoreSettings({ idle: { idleMs: 60_000 }, languages: { default: 'ru' }, remoteAgeCheck: false })).toEqual({ idle: { idleMs: 60_000 }, languages: { default: 'ru' }, remoteAgeCheck: false });
    expect(parseStoreSettings({ smarts: { nodeToken: 'x' } })).toBeInstanceOf(Error);
    expect(parseStoreSettings({ idle: { idleMs: 10 } })).toBeInstanceOf(Error);
    expect(parseStoreSettings({ languages: { default: 'de' } })).toBeInstanceOf(Error);
    expect(String(parseStoreSettings({ purchaseControl: { nonsense: true } }))).toMatch(/purchaseControl/);
    expect(parseStoreSettings([])).toBeInstanceOf(Error);
  });

  it('apply at start over the file, only with a store bus; a language the kiosk lacks is kept as configured', () => {
    saveStoreSettings(dir, { sha256: SHA, settings: { idle: { doneMs: 4000 }, languages: { default: 'pl' }, remoteAgeCheck: true } });
    expect(savedSettingsVersion(dir)).toBe(SHA);
    const log = memoryLog();
    const c = withStoreSettings(loaded(true), log).config;
    expect(c.idle).toEqual({ idleMs: 120_000, promptMs: 30_000, doneMs: 4000 });
    expect(c.languages.default).toBe('et'); // 'pl' is not among this kiosk's languages
    expect(c.attendant.remoteAgeCheck).toBe(true);
    expect(withStoreSettings(loaded(false), log).config.idle.doneMs).toBe(10_000);
  });

  it('an invalid or unreadable kept file is ignored with a warning', () => {
    writeFileSync(join(dir, SETTINGS_FILE), JSON.stringify({ sha256: SHA, settings: { web: { port: 1 } } }));
    const log = memoryLog();
    expect(withStoreSettings(loaded(true), log).config.idle.doneMs).toBe(10_000);
    writeFileSync(join(dir, SETTINGS_FILE), '{ not json');
    expect(withStoreSettings(loaded(true), log).config.idle.doneMs).toBe(10_000);
    expect(log.lines.map((l) => l.msg)).toEqual(['store settings file invalid: ignored', 'store settings file unreadable: ignored']);
  });
});
