/**
 * Store settings applied live over a real nats-server: the store node publishes a settings file;
 * an idle kiosk applies it within seconds, a kiosk with a customer only when the session ends
 * (a raised purchase check and the customer's language unchanged meanwhile), with no restart.
 * Each application is audited and the version reaches the store in the lane snapshot and health.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../../electron/app/kiosk';
import { ensureCatalogBuckets, publishSettingsFile } from '../../../electron/store/catalog-publisher';
import type { NatsBus } from '../../../electron/store/nats-bus';
import type { StoreNode } from '../../../electron/store/store-node';
import { BADGE, startTestStore, STORE, until, type TestStore } from './harness';

const MILK = '4740001000178';
/** Purchase-control rules: a FULL check for every basket (itemCount 1), or none. */
const rules = (itemCount: number | null) => ({ timeZone: 'Europe/Tallinn', ageLimits: {}, saleHours: [], sampling: { rate: 0, seed: 1 }, basketValueCents: null, itemCount, voidedLines: null, unknownScans: null });

let store: TestStore;
let node: StoreNode;
let k: Kiosk;
beforeAll(async () => {
  store = await startTestStore(['K01']);
  node = await store.startNode();
  k = await store.startKiosk('K01', { storeBus: { catalogCheckMs: 500 } });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

let n = 0;
/** The store node publishes `settings` as its settings file; resolves with the version. */
async function publish(settings: unknown): Promise<string> {
  const file = join(store.dir, `settings-${++n}.json`);
  writeFileSync(file, JSON.stringify(settings));
  const nc = (node.bus as NatsBus).connection();
  const { kv } = await ensureCatalogBuckets(nc, STORE, 64 * 1024 * 1024);
  return (await publishSettingsFile(nc, STORE, kv, file)).sha256;
}
const ctx = { client: 'settings-test' };
async function ok(channel: string, payload: unknown): Promise<void> {
  const r = await k.handle(channel, payload, ctx);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
}
const lane = () => node.registry.list().find((l) => l.laneId === 'K01');
const appliedAudits = () => k.supervision.audit.list().filter((a) => a.action === 'store-settings-applied');

describe('store settings applied without a restart', () => {
  let v1 = '';

  it('an idle kiosk applies a new entry within seconds: audited, reported in the lane snapshot and health', async () => {
    expect(k.settings.version()).toBeNull();
    expect(k.engine.lang).toBe('et');
    v1 = await publish({ idle: { idleMs: 60_000 }, languages: { default: 'pl' }, purchaseControl: rules(1) });
    await until(() => k.settings.version() === v1, 'the idle kiosk applies the settings', 10_000);
    expect(k.engine.opts.idle.idleMs).toBe(60_000);
    expect(k.engine.view().lang).toBe('pl'); // the attract screen follows the new default
    expect(k.loaded.config.idle.idleMs).not.toBe(60_000); // no restart: the start's configuration is unchanged
    expect(appliedAudits()).toMatchObject([{ supervisorBadge: 'store-node', detail: { sha256: v1, previous: null, keys: ['idle', 'languages', 'purchaseControl'] } }]);
    await until(() => lane()?.settingsVersion === v1, 'the lane snapshot reports the version');
    expect(node.report()).toMatchObject({ store: { lanes: [{ laneId: 'K01', settingsVersion: v1 }] } });
  }, 30_000);

  it('during a session nothing changes (raised check, language, idle timing); applied when the session ends', async () => {
    await ok('session/start', { lang: 'en' });
    await ok('basket/scan', { code: MILK, source: 'wedge' });
    await k.handle('checkout/pay', { method: 'terminal' }, ctx);
    const lock = k.engine.view().lock;
    expect(lock?.reason).toBe('purchase-check'); // rules of version 1: every basket is checked
    const v2 = await publish({ idle: { idleMs: 90_000 }, languages: { default: 'ru' }, purchaseControl: rules(null), remoteAgeCheck: true });
    await until(() => k.store.catalog?.settingsVersion() === v2, 'the kiosk receives version 2');
    const unchanged = () => {
      expect(k.settings.version()).toBe(v1);
      expect(k.engine.opts.idle.idleMs).toBe(60_000);
      expect(k.engine.lang).toBe('en');
      expect(k.settings.remoteAgeCheck()).toBe(false);
    };
    unchanged();
    expect(k.engine.view().lock).toEqual(lock); // the raised check keeps its rules
    // The attendant passes the check from the console: the payment goes on, still under version 1.
    expect(await node.port.act('K01', { kind: 'pass-check' }, { badge: BADGE, name: 'Mari' }, 'console:c1')).toEqual({ ok: true });
    await until(() => k.engine.state === 'paying' || k.engine.state === 'done', 'the payment resumes');
    unchanged();
    await until(() => k.engine.state === 'done', 'the payment is approved');
    unchanged();
    await ok('checkout/finish', {});
    await until(() => k.settings.version() === v2, 'version 2 applies when the session ends', 10_000);
    expect(k.engine.opts.idle.idleMs).toBe(90_000);
    expect(k.engine.view().lang).toBe('ru');
    expect(k.settings.remoteAgeCheck()).toBe(true);
    expect(appliedAudits().at(-1)).toMatchObject({ detail: { sha256: v2, previous: v1 } });
    // The next customer: the new rules raise no check.
    await ok('session/start', {});
    await ok('basket/scan', { code: MILK, source: 'wedge' });
    await ok('checkout/pay', { method: 'terminal' });
    expect(k.engine.view().lock).toBeNull();
    await until(() => k.engine.state === 'done', 'paid without a check');
    await ok('checkout/finish', {});
    await until(() => lane()?.settingsVersion === v2, 'the lane snapshot reports version 2');
  }, 60_000);

  it('on the attract screen a language the customer picked stays; the default changes', async () => {
    await ok('session/setLanguage', { lang: 'en' });
    const v3 = await publish({ languages: { default: 'pl' } });
    await until(() => k.settings.version() === v3, 'the idle kiosk applies version 3', 10_000);
    expect(k.engine.opts.languages.default).toBe('pl');
    expect(k.engine.view().lang).toBe('en');
    expect(k.engine.opts.idle.idleMs).toBe(120_000); // left out of version 3: the configuration file's value again, as at a start
  }, 30_000);

  it('an invalid entry changes nothing and is logged with the reason', async () => {
    const before = { version: k.settings.version(), kept: k.store.catalog?.settingsVersion(), idle: k.engine.opts.idle, audits: appliedAudits().length };
    const nc = (node.bus as NatsBus).connection();
    const { kv } = await ensureCatalogBuckets(nc, STORE, 64 * 1024 * 1024);
    await kv.put('settings', new TextEncoder().encode(JSON.stringify({ sha256: 'cd'.repeat(32), publishedAt: Date.now(), settings: { idle: { idleMs: 1 } } })));
    const refused = await until(() => store.log.lines.find((l) => l.msg === 'store settings refused: the kiosk keeps its settings' && String(l.scope).includes('K01')), 'the kiosk refuses the entry');
    expect(String(refused.reason)).toMatch(/idle\.idleMs/);
    await kv.put('settings', new TextEncoder().encode(JSON.stringify({ version: 3 })));
    const bad = await until(() => store.log.lines.find((l) => l.msg === 'store settings refused: not a valid entry' && String(l.scope).includes('K01')), 'the kiosk refuses the envelope');
    expect(String(bad.reason)).toMatch(/sha256/);
    expect({ version: k.settings.version(), kept: k.store.catalog?.settingsVersion(), idle: k.engine.opts.idle, audits: appliedAudits().length }).toEqual(before);
  }, 30_000);
});
