/**
 * Store node: publishes the store's catalog to the kiosks. The file (`storeBus.catalogFile`, .json
 * or .csv) is validated by importing it into the store node's own catalog (`catalog.db` in its data
 * folder: a bad file is refused here, nothing is published), put whole into the JetStream object
 * store `kassa-<store>-catalog` (object `catalog`), then announced under the key `catalog` of the
 * KV bucket `kassa-<store>-config` (sha-256, size, format, products) and notified on
 * `kassa.<store>.config`. Kiosks follow it (catalog-follower.ts). Store settings
 * (`storeBus.settingsFile`, store-settings.ts) go under the key `settings` the same way. See README.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { Kvm, type KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { Catalog, CatalogImportError } from '../catalog';
import type { Log } from '../log';
import { fromBytes, toBytes } from './bus';
import { MAX_SETTINGS_BYTES, parseStoreSettings, SETTINGS_KEY } from './store-settings';
import { subjects } from './subjects';
import { catalogAnnouncementSchema, type CatalogAnnouncement } from './wire';

export const CATALOG_OBJECT = 'catalog';
export const CATALOG_KEY = 'catalog';

export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

export class CatalogPublishError extends Error {
  override readonly name = 'CatalogPublishError';
}

/** The store's catalog buckets, created (or opened) by the store node. */
export interface CatalogBuckets {
  kv: KV;
  os: ObjectStore;
}

/** Creates the config KV bucket and the catalog object store; the object store holds two catalogs at most (the old one until the new one is complete). */
export async function ensureCatalogBuckets(nc: NatsConnection, storeId: string, maxBytes: number): Promise<CatalogBuckets> {
  const s = subjects(storeId);
  const kv = await new Kvm(nc).create(s.configBucket, { history: 5, max_bytes: 1024 * 1024 });
  const os = await new Objm(nc).create(s.catalogBucket, { max_bytes: 2 * maxBytes + 1024 * 1024, description: 'Kassa store catalog (catalog-publisher.ts)' });
  return { kv, os };
}

/**
 * Puts the bytes into the object store, then announces them (the announcement follows the
 * content, so a kiosk never sees a version it cannot download). No validation: the caller's job.
 */
export async function putCatalog(nc: NatsConnection, storeId: string, b: CatalogBuckets, bytes: Uint8Array, a: Omit<CatalogAnnouncement, 'sha256' | 'size' | 'publishedAt'> & { sha256?: string; size?: number }): Promise<CatalogAnnouncement> {
  const announcement = catalogAnnouncementSchema.parse({ ...a, sha256: a.sha256 ?? sha256Hex(bytes), size: a.size ?? bytes.byteLength, publishedAt: Date.now() });
  await b.os.putBlob({ name: CATALOG_OBJECT, description: `${announcement.source} ${announcement.sha256}` }, bytes);
  await b.kv.put(CATALOG_KEY, toBytes(announcement));
  nc.publish(subjects(storeId).configNotify, toBytes({ sha256: announcement.sha256 }));
  return announcement;
}

export class CatalogPublisher {
  private busy: Promise<unknown> = Promise.resolve();
  private readonly unwatch: Array<() => void> = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly storeId: string,
    private readonly buckets: CatalogBuckets,
    /** The store node's own catalog: every file is imported here first (all-or-nothing) before it is published. */
    private readonly scratch: Catalog,
    private readonly log: Log,
    private readonly o: { maxBytes: number },
  ) {}

  /** The version announced now, or null. */
  async current(): Promise<CatalogAnnouncement | null> {
    const e = await this.buckets.kv.get(CATALOG_KEY);
    if (!e || e.operation !== 'PUT') return null;
    const r = catalogAnnouncementSchema.safeParse(fromBytes(e.value, MAX_SETTINGS_BYTES));
    return r.success ? r.data : null;
  }

  /** Validates and publishes a store settings file (store-settings.ts); now and whenever it changes. */
  watchSettings(path: string, intervalMs = 2000): void {
    this.unwatch.push(watchPath(path, intervalMs, () => publishSettingsFile(this.nc, this.storeId, this.buckets.kv, path), 'settings', this.log));
  }

  /**
   * Validates and publishes a catalog file; one at a time. Resolves with the announcement
   * (`changed: false` when that version is already announced); rejects with
   * CatalogPublishError / CatalogImportError (nothing published).
   */
  publishFile(path: string): Promise<CatalogAnnouncement & { changed: boolean }> {
    const run = this.busy.then(() => this.publishNow(path));
    this.busy = run.catch(() => undefined);
    return run;
  }

  /** Publishes the file now and again whenever it changes (polled every `intervalMs`); failures are logged, the last good version stays announced. */
  watch(path: string, intervalMs = 2000): void {
    this.unwatch.push(watchPath(path, intervalMs, () => this.publishFile(path), 'catalog', this.log));
  }

  stop(): void {
    for (const u of this.unwatch.splice(0)) u();
  }

  private async publishNow(path: string): Promise<CatalogAnnouncement & { changed: boolean }> {
    const source = basename(path);
    const format = extname(path).toLowerCase().slice(1);
    if (format !== 'json' && format !== 'csv') throw new CatalogPublishError(`catalog file ${source}: use .json or .csv`);
    let bytes: Buffer;
    try {
      const size = statSync(path).size;
      if (size > this.o.maxBytes) throw new CatalogPublishError(`catalog file ${source} is ${size} bytes, more than storeBus.catalogMaxBytes (${this.o.maxBytes})`);
      bytes = readFileSync(path);
    } catch (e) {
      if (e instanceof CatalogPublishError) throw e;
      throw new CatalogPublishError(`catalog file ${source} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const sha256 = sha256Hex(bytes);
    const now = await this.current();
    if (now?.sha256 === sha256) return { ...now, changed: false };
    const report = this.scratch.importFile(path); // throws CatalogImportError for a bad file
    const a = await putCatalog(this.nc, this.storeId, this.buckets, bytes, { sha256, format, products: report.imported, source });
    this.log.info('catalog published', { source, sha256, bytes: a.size, products: a.products });
    return { ...a, changed: true };
  }
}

/**
 * The store node's catalog part: creates the buckets, opens its own catalog (`catalog.db` in the
 * data folder) and, with `storeBus.catalogFile`, publishes that file now and whenever it changes.
 */
export async function startCatalogPublisher(o: { nc: NatsConnection; storeId: string; dataDir: string; file?: string | undefined; settingsFile?: string | undefined; maxBytes: number; log: Log }): Promise<{ publisher: CatalogPublisher; close(): void }> {
  const buckets = await ensureCatalogBuckets(o.nc, o.storeId, o.maxBytes);
  const scratch = Catalog.open(join(o.dataDir, 'catalog.db'), o.log);
  const publisher = new CatalogPublisher(o.nc, o.storeId, buckets, scratch, o.log, { maxBytes: o.maxBytes });
  if (o.file) publisher.watch(o.file);
  if (o.settingsFile) publisher.watchSettings(o.settingsFile);
  return {
    publisher,
    close() {
      publisher.stop();
      scratch.close();
    },
  };
}

/** Runs `publish` now and whenever the file changes; a failure is logged (what is published stays). */
function watchPath(path: string, intervalMs: number, publish: () => Promise<unknown>, what: string, log: Log): () => void {
  const attempt = () =>
    void publish().catch((e: Error) => {
      const fields = e instanceof CatalogImportError ? { row: e.row, field: e.field, reason: e.reason } : { reason: e.message };
      log.warn(`${what} not published: the kiosks keep the last version`, { source: basename(path), ...fields });
    });
  watchFile(path, { interval: intervalMs, persistent: false }, (cur: Stats, prev: Stats) => {
    if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size) attempt();
  });
  attempt();
  return () => unwatchFile(path);
}

/** Publishes a store settings file (JSON, the whitelist of store-settings.ts) under `settings`; an unchanged file publishes nothing. */
export async function publishSettingsFile(nc: NatsConnection, storeId: string, kv: KV, path: string): Promise<{ sha256: string; changed: boolean }> {
  const source = basename(path);
  let json: unknown;
  let bytes: Buffer;
  try {
    if (statSync(path).size > MAX_SETTINGS_BYTES) throw new CatalogPublishError(`settings file ${source} is larger than ${MAX_SETTINGS_BYTES} bytes`);
    bytes = readFileSync(path);
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    if (e instanceof CatalogPublishError) throw e;
    throw new CatalogPublishError(`settings file ${source} cannot be read as JSON: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const settings = parseStoreSettings(json);
  if (settings instanceof Error) throw new CatalogPublishError(`${source}: ${settings.message}`);
  const sha256 = sha256Hex(bytes);
  const cur = await kv.get(SETTINGS_KEY);
  if (cur?.operation === 'PUT' && (fromBytes(cur.value, MAX_SETTINGS_BYTES) as { sha256?: unknown } | undefined)?.sha256 === sha256) return { sha256, changed: false };
  await kv.put(SETTINGS_KEY, toBytes({ sha256, publishedAt: Date.now(), settings }));
  nc.publish(subjects(storeId).configNotify, toBytes({ settings: sha256 }));
  return { sha256, changed: true };
}
