/**
 * Catalog distribution over a real nats-server: the store node publishes a catalog, kiosks import
 * it when idle, a kiosk cut from NATS catches up on reconnect, bad versions are refused (the old
 * catalog keeps selling), and a kiosk's NATS user cannot write the catalog.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../../electron/app/kiosk';
import { CatalogImportError } from '../../../electron/catalog';
import { ensureCatalogBuckets, publishSettingsFile, putCatalog } from '../../../electron/store/catalog-publisher';
import type { NatsBus } from '../../../electron/store/nats-bus';
import type { StoreNode } from '../../../electron/store/store-node';
import { withStoreSettings } from '../../../electron/store/store-settings';
import { inboxPrefix, subjects } from '../../../electron/store/subjects';
import { generate } from '../../bench/synthetic-catalog';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { kioskPassword, startTestStore, STORE, until, type TestStore } from './harness';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
type Row = Record<string, unknown> & { sku: string; barcodes: string[] };
const demo = (JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as { products: Row[] }).products;
const MILK = '4740001000178';
const BUTTER = '4740001000185'; // in the demo catalog only

/** EAN-13 with its check digit. */
function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return first12 + ((10 - (sum % 10)) % 10);
}
/** A small catalog: the demo's milk and one product of its own. */
function catalogOf(n: number): { code: string; json: string } {
  const milk = demo.find((p) => p.barcodes.includes(MILK))!;
  const code = ean13(`47409900000${n}`);
  const own = { ...milk, sku: `STORE-${n}`, barcodes: [code], name: { en: `Store bread ${n}`, et: `Leib ${n}`, pl: `Chleb ${n}`, ru: `Хлеб ${n}` }, unitPriceCents: 100 + n };
  return { code, json: JSON.stringify({ products: [milk, own] }) };
}

let store: TestStore;
let node: StoreNode;
let k1: Kiosk;
let k2: Kiosk;
let proxy: TcpProxy;
beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  node = await store.startNode();
  proxy = await startTcpProxy(store.nats.port);
  const fast = { catalogCheckMs: 500, catalogMaxBytes: 16 * 1024 };
  k1 = await store.startKiosk('K01', { storeBus: fast });
  k2 = await store.startKiosk('K02', { natsUrl: proxy.url, storeBus: fast });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await proxy?.close();
});

/** Whether `code` adds a line on kiosk `k` (a real scan in a session, then start over). */
async function sells(k: Kiosk, code: string): Promise<boolean> {
  const ctx = { client: 'catalog-test' };
  await k.handle('session/start', {}, ctx);
  const before = k.engine.basket.lines.length;
  await k.handle('basket/scan', { code, source: 'wedge' }, ctx);
  const found = k.engine.basket.lines.length > before;
  await k.handle('session/cancel', {}, ctx);
  return found;
}
function publishFile(n: number): Promise<{ sha256: string; code: string }> {
  const c = catalogOf(n);
  const file = join(store.dir, `catalog-${n}.json`);
  writeFileSync(file, c.json);
  return node.catalog.publishFile(file).then((a) => ({ sha256: a.sha256, code: c.code }));
}
const imported = (k: Kiosk, sha: string, what: string) => until(() => k.store.catalog?.version() === sha, what, 20_000);

describe('store catalog distribution', () => {
  let current = '';
  let code = '';

  it('two kiosks import a published catalog; a kiosk in a session imports it only after the session', async () => {
    expect(await sells(k1, BUTTER)).toBe(true);
    const ctx = { client: 'busy' };
    await k1.handle('session/start', {}, ctx);
    await k1.handle('basket/scan', { code: MILK, source: 'wedge' }, ctx);
    const v1 = await publishFile(1);
    await imported(k2, v1.sha256, 'K02 imports version 1');
    expect(await sells(k2, v1.code)).toBe(true);
    expect(await sells(k2, BUTTER)).toBe(false); // the whole catalog was replaced
    // K01 has a customer: it has downloaded the version but keeps selling from the old catalog.
    await until(() => store.log.lines.some((l) => l.msg === 'store catalog downloaded; imported when the kiosk is idle' && String(l.scope).includes('K01')), 'K01 downloads');
    expect(k1.store.catalog?.version()).toBeNull();
    await k1.handle('basket/scan', { code: BUTTER, source: 'wedge' }, ctx);
    expect(k1.engine.basket.lines.length).toBe(2);
    await k1.handle('session/cancel', {}, ctx);
    await imported(k1, v1.sha256, 'K01 imports version 1 once idle');
    expect(await sells(k1, v1.code)).toBe(true);
    // The lane snapshot tells the store which catalog each kiosk runs.
    await until(() => node.registry.list().filter((l) => l.catalogVersion === v1.sha256).length === 2, 'both lanes report version 1');
    // Publishing the same file again announces nothing new.
    const again = await node.catalog.publishFile(join(store.dir, 'catalog-1.json'));
    expect(again.changed).toBe(false);
    current = v1.sha256;
    code = v1.code;
  }, 60_000);

  it('a kiosk cut from NATS while a catalog is published keeps selling and imports it after reconnecting', async () => {
    proxy.cut();
    try {
      await until(() => !k2.store.bus.connected(), 'K02 notices the cut');
      const v2 = await publishFile(2);
      await imported(k1, v2.sha256, 'K01 imports version 2');
      expect(k2.store.catalog?.version()).toBe(current);
      expect(await sells(k2, code)).toBe(true); // offline: the copy it has
      current = v2.sha256;
      code = v2.code;
    } finally {
      proxy.restore();
    }
    await imported(k2, current, 'K02 imports version 2 after reconnecting');
    expect(await sells(k2, code)).toBe(true);
  }, 60_000);

  it('refuses a digest mismatch, an oversized object and invalid rows; the old catalog still sells', async () => {
    const nc = (node.bus as NatsBus).connection();
    const buckets = await ensureCatalogBuckets(nc, STORE, 64 * 1024 * 1024);
    const refusedOn = async (k: Kiosk, what: RegExp) => until(() => what.test(k.store.catalog?.notice()?.reason ?? ''), `refusal ${what}`);
    const bad = catalogOf(3);
    // The announced sha-256 is not the object's.
    await putCatalog(nc, STORE, buckets, new TextEncoder().encode(bad.json), { sha256: 'ab'.repeat(32), format: 'json', products: 2, source: 'tampered.json' });
    await refusedOn(k1, /does not match/);
    await refusedOn(k2, /does not match/);
    // Not an announcement at all.
    await buckets.kv.put('catalog', new TextEncoder().encode('{"sha256":"nope"}'));
    await refusedOn(k1, /invalid catalog version/);
    // Larger than the kiosks accept (storeBus.catalogMaxBytes 16 KiB here).
    await putCatalog(nc, STORE, buckets, new Uint8Array(20 * 1024).fill(32), { format: 'json', products: 1, source: 'huge.json' });
    await refusedOn(k1, /more than storeBus.catalogMaxBytes/);
    // An announcement that understates the object's size: refused before the download.
    await putCatalog(nc, STORE, buckets, new Uint8Array(20 * 1024).fill(33), { size: 100, format: 'json', products: 1, source: 'understated.json' });
    await refusedOn(k1, /announced 100/);
    // Digest right, rows invalid (a barcode with a wrong check digit): the kiosk's import refuses it.
    const rows = JSON.parse(bad.json) as { products: Row[] };
    rows.products[1]!.barcodes = ['4740990000031'];
    await putCatalog(nc, STORE, buckets, new TextEncoder().encode(JSON.stringify(rows)), { format: 'json', products: 2, source: 'broken.json' });
    await refusedOn(k1, /broken\.json/);
    await refusedOn(k2, /broken\.json/);
    for (const k of [k1, k2]) {
      expect(k.store.catalog?.version()).toBe(current);
      expect(await sells(k, code)).toBe(true);
      expect(await sells(k, bad.code)).toBe(false);
      expect(k.deviceStatus().catalog).toBe('import-refused');
    }
    // The store node refuses to publish a file with invalid rows: nothing is announced.
    const file = join(store.dir, 'broken.json');
    writeFileSync(file, JSON.stringify(rows, null, 1));
    await expect(node.catalog.publishFile(file)).rejects.toBeInstanceOf(CatalogImportError);
    // A good version afterwards is imported and clears the notice.
    const v4 = await publishFile(4);
    await imported(k1, v4.sha256, 'K01 imports version 4');
    await imported(k2, v4.sha256, 'K02 imports version 4');
    expect(k1.store.catalog?.notice()).toBeNull();
    expect(await sells(k1, v4.code)).toBe(true);
  }, 90_000);

  it('store settings: validated on the kiosk, kept in its data folder for the next start; invalid ones refused', async () => {
    const file = join(store.dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ idle: { idleMs: 60_000 }, languages: { default: 'pl' }, remoteAgeCheck: true }));
    node.catalog.watchSettings(file, 200);
    const saved = (k: Kiosk) => k.store.catalog?.settingsVersion() ?? null;
    await until(() => saved(k1) && saved(k2), 'both kiosks keep the settings');
    const applied = withStoreSettings(k1.loaded, store.log).config;
    expect(applied.idle).toEqual({ ...k1.loaded.config.idle, idleMs: 60_000 });
    expect(applied.languages.default).toBe('pl');
    expect(applied.attendant.remoteAgeCheck).toBe(true);
    expect(k1.loaded.config.idle.idleMs).not.toBe(60_000); // the start's configuration (applied live too: settings-live.test.ts)
    // The file changes on the store node: published again (watched).
    const first = saved(k1);
    writeFileSync(file, JSON.stringify({ idle: { idleMs: 90_000 } }));
    await until(() => saved(k1) !== first && saved(k2) !== first, 'the changed settings reach the kiosks');
    expect(withStoreSettings(k2.loaded, store.log).config.idle.idleMs).toBe(90_000);
    const kept = saved(k1);
    // Not on the whitelist (a secret, a port) or bad purchase-control rules: the store node refuses to publish ...
    const nc = (node.bus as NatsBus).connection();
    const { kv } = await ensureCatalogBuckets(nc, STORE, 64 * 1024 * 1024);
    writeFileSync(file, JSON.stringify({ storeBus: { password: 'x' } }));
    await expect(publishSettingsFile(nc, STORE, kv, file)).rejects.toThrow(/unrecognized|storeBus/i);
    writeFileSync(file, JSON.stringify({ purchaseControl: { nonsense: 1 } }));
    await expect(publishSettingsFile(nc, STORE, kv, file)).rejects.toThrow(/purchaseControl/);
    // ... and a kiosk refuses such an entry put on the bus anyway: its kept settings stay.
    await kv.put('settings', new TextEncoder().encode(JSON.stringify({ sha256: 'cd'.repeat(32), publishedAt: Date.now(), settings: { web: { port: 1 } } })));
    await until(() => store.log.lines.some((l) => l.msg === 'store settings refused: the kiosk keeps its settings'), 'the kiosks refuse the entry');
    expect(saved(k1)).toBe(kept);
    expect(withStoreSettings(k1.loaded, store.log).config.idle.idleMs).toBe(90_000);
    node.catalog.stop();
  }, 60_000);

  it('a kiosk user can read the announcement but cannot write the catalog or its announcement', async () => {
    const s = subjects(STORE);
    const nc = await connect({ servers: store.nats.url, user: 'kiosk-K01', pass: kioskPassword('K01'), timeout: 5000, inboxPrefix: inboxPrefix('kiosk-K01') });
    try {
      const kv = await new Kvm(nc).open(s.configBucket);
      const before = await kv.get('catalog');
      expect(before?.json<{ sha256: string }>().sha256).toBe(k1.store.catalog?.version());
      await expect(kv.put('catalog', new TextEncoder().encode('{}'))).rejects.toThrow(/Permissions Violation/);
      const os = await new Objm(nc).open(s.catalogBucket);
      const object = await os.info('catalog');
      await expect(os.putBlob({ name: 'catalog' }, new TextEncoder().encode('[]'), { timeout: 2000 })).rejects.toThrow(/Permissions Violation/);
      const jsm = await jetstreamManager(nc, { timeout: 2000 });
      await expect(jsm.streams.purge(`OBJ_${s.catalogBucket}`)).rejects.toThrow(/Permissions Violation/);
      await expect(jsm.streams.delete(`KV_${s.configBucket}`)).rejects.toThrow(/Permissions Violation/);
      expect((await kv.get('catalog'))?.revision).toBe(before?.revision);
      expect((await os.info('catalog'))?.digest).toBe(object?.digest);
      expect((await os.info('catalog'))?.revision).toBe(object?.revision);
    } finally {
      await nc.close();
    }
    expect(await sells(k2, BUTTER)).toBe(false);
  }, 60_000);

  it('a restarted kiosk applies the kept settings and imports the store catalog again over its start file', async () => {
    const version = k1.store.catalog?.version();
    await k1.close();
    store.kiosks.delete('K01');
    k1 = await store.startKiosk('K01', { storeBus: { catalogCheckMs: 500 } });
    expect(k1.loaded.config.idle.idleMs).toBe(90_000);
    // catalog.importOnStart put the demo catalog back at start; the store's version replaces it again.
    await imported(k1, version!, 'K01 imports the store catalog again');
    await until(async () => !(await sells(k1, BUTTER)), 'the demo catalog replaced');
  }, 60_000);

  it('imports a large catalog on a worker thread: the event loop keeps ticking, a customer arriving meanwhile sells from the old catalog, the swap waits for idle', async () => {
    const before = k1.store.catalog!.version()!;
    const rows = generate(30_000) as Row[];
    const file = join(store.dir, 'catalog-large.json');
    writeFileSync(file, JSON.stringify({ products: rows }));
    const logged = (msg: string) => store.log.lines.some((l) => l.msg === msg && String(l.scope).includes('K01') && l.sha256 === a.sha256);
    const a = await node.catalog.publishFile(file); // the store node's own validating import (same process)
    await until(() => logged('store catalog downloaded; imported when the kiosk is idle'), 'K01 downloads the large catalog');
    // Once K01 is idle (back on the attract screen) its import starts on a worker. Measure the test process's event loop meanwhile.
    await until(() => k1.catalog.importing(), 'K01 starts importing');
    let ticks = 0;
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const ctx = { client: 'mid-import' };
    try {
      // A customer arrives mid-import: served at once, from the catalog in force.
      await k1.handle('session/start', {}, ctx);
      await k1.handle('basket/scan', { code: MILK, source: 'wedge' }, ctx);
      expect(k1.engine.basket.lines.length).toBe(1);
      expect(k1.catalog.importing()).toBe(true);
      await until(() => logged('store catalog built; swapped in when the kiosk is idle'), 'K01 builds the catalog', 60_000);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(10);
    expect(maxGap).toBeLessThan(1000); // generous: the same import on the main thread blocks for seconds here
    // Built but not swapped in while the session runs.
    expect(k1.store.catalog!.version()).toBe(before);
    expect(k1.catalog.byBarcode(rows[7]!.barcodes[0]!.padStart(14, '0'))).toBeNull();
    await k1.handle('session/cancel', {}, ctx);
    await imported(k1, a.sha256, 'K01 swaps the large catalog in once idle');
    expect(k1.catalog.count()).toBe(30_000);
    expect(await sells(k1, rows[7]!.barcodes[0]!)).toBe(true);
    expect(await sells(k1, MILK)).toBe(false);
  }, 120_000);
});
