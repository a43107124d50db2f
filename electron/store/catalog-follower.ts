/**
 * Kiosk: follows the catalog its store node publishes (catalog-publisher.ts). It reads the
 * announcement (`$KV.kassa-<store>-config.catalog`) when the store node notifies
 * (`kassa.<store>.catalog`) and every `checkMs`; a version other than the one it imported last
 * (`store_meta.catalog_sha256` in its journal) is downloaded from the object store with the size
 * capped, checked against the announced sha-256 and size, written to `catalog-store.<format>` in
 * the data folder, and imported with the catalog's all-or-nothing import, started **only while the
 * kiosk is idle** (attract screen, no session). The import runs on a worker thread (the kiosk's event
 * loop keeps serving a customer who arrives meanwhile) and the new file is swapped in on the main
 * thread at the next idle moment. Meanwhile, offline, or after a refusal it keeps selling
 * from the catalog it has. A refused version (too large, digest mismatch, invalid rows) is
 * remembered (`store_meta.catalog_refused`) and not fetched again; the staff console shows why.
 * The same check reads the store settings (store-settings.ts), keeps them for the next start and
 * hands a new valid entry to `onSettings` (applied at a safe moment: electron/app/live-settings.ts).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kvm, type KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { CatalogImportError, type Catalog, type PreparedImport } from '../catalog';
import type { JournalDb } from '../journal/db';
import type { Log } from '../log';
import { fromBytes, type Unsubscribe } from './bus';
import { CATALOG_KEY, CATALOG_OBJECT, sha256Hex } from './catalog-publisher';
import type { NatsBus } from './nats-bus';
import { MAX_SETTINGS_BYTES, parseStoreSettings, saveStoreSettings, savedSettingsVersion, SETTINGS_KEY, settingsEntrySchema, type StoreSettingsEntry } from './store-settings';
import { subjects } from './subjects';
import { catalogAnnouncementSchema, type CatalogAnnouncement } from './wire';

export interface CatalogFollowerOptions {
  storeId: string;
  db: JournalDb;
  catalog: Catalog;
  dataDir: string;
  /** True while no customer uses the kiosk (a new catalog is imported and swapped in only then). */
  idle: () => boolean;
  log: Log;
  maxBytes: number;
  checkMs: number;
  /** The kiosk imported a local file at this start (`catalog.importOnStart`): the store's version is imported again. */
  replacedAtStart?: boolean;
  /** A new valid settings entry (already kept in the data folder). */
  onSettings?: (entry: StoreSettingsEntry) => void;
}

type Pending = { a: CatalogAnnouncement; file: string };

export class CatalogFollower {
  private readonly s: ReturnType<typeof subjects>;
  private buckets: { nc: NatsConnection; kv: KV; os: ObjectStore } | null = null;
  private pending: Pending | null = null;
  /** The import running on a worker thread. */
  private importing: Promise<void> | null = null;
  /** Built on the worker, swapped in at the next idle moment. */
  private built: (Pending & { prepared: PreparedImport }) | null = null;
  private importingSha: string | null = null;
  private stopped = false;
  private checking = false;
  private again = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: Unsubscribe | null = null;
  private refusal: { sha256: string; reason: string } | null;
  private settingsSeen: string | null;
  /** The imported version (read on every lane snapshot: kept in memory, written to the journal). */
  private current: string | null;
  private invalidRevision = 0;

  constructor(
    private readonly bus: NatsBus,
    private readonly o: CatalogFollowerOptions,
  ) {
    this.s = subjects(o.storeId);
    o.db.exec('CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    if (o.replacedAtStart) o.db.prepare(`DELETE FROM store_meta WHERE key = 'catalog_sha256'`).run();
    this.current = this.meta('catalog_sha256');
    this.settingsSeen = savedSettingsVersion(o.dataDir);
    const refused = this.meta('catalog_refused');
    this.refusal = refused ? (JSON.parse(refused) as { sha256: string; reason: string }) : null;
  }

  start(): void {
    this.unsubscribe = this.bus.subscribe(this.s.configNotify, () => void this.check());
    this.timer = setInterval(() => {
      void this.check();
      this.poke();
    }, this.o.checkMs);
    this.timer.unref?.();
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    this.built?.prepared.discard();
    this.built = null;
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The sha-256 of the store catalog imported last, or null. */
  version(): string | null {
    return this.current;
  }

  /** The version (sha-256) of the store settings kept for the next start, or null. */
  settingsVersion(): string | null {
    return savedSettingsVersion(this.o.dataDir);
  }

  /** Why the newest store catalog was refused (shown on the staff console), or null. */
  notice(): { reason: string } | null {
    return this.refusal ? { reason: this.refusal.reason } : null;
  }

  /**
   * Starts importing a downloaded catalog if the kiosk is idle now, or installs one built
   * meanwhile (called on every view change). The import runs on a worker thread: the kiosk keeps
   * selling from its old catalog, and a customer arriving meanwhile does not wait for it. The new
   * catalog is swapped in only while the kiosk is idle (a built one waits for the next idle moment).
   */
  poke(): void {
    if (this.built) {
      if (this.o.idle()) this.installBuilt();
      return;
    }
    const p = this.pending;
    if (!p || this.importing || !this.o.idle()) return;
    this.pending = null;
    // Its own name: a newer version downloaded meanwhile is written to catalog-store.<format>.
    const file = p.file.replace(/(\.[a-z]+)$/, '.importing$1');
    try {
      renameSync(p.file, file);
    } catch (e) {
      return this.failed(p.a, e);
    }
    this.importingSha = p.a.sha256;
    this.importing = this.o.catalog
      .importFileOffThread(file)
      .then(
        (prepared) => {
          if (this.stopped) return prepared.discard();
          this.built = { a: p.a, prepared, file };
          if (this.pending) {
            prepared.discard(); // a newer version arrived meanwhile: import that one
            this.built = null;
          } else if (this.o.idle()) this.installBuilt();
          else this.o.log.info('store catalog built; swapped in when the kiosk is idle', { sha256: p.a.sha256, products: prepared.imported });
        },
        (e: unknown) => this.failed(p.a, e),
      )
      .finally(() => {
        if (!this.built) rmSync(file, { force: true });
        this.importing = null;
        this.importingSha = null;
        if (!this.built && !this.stopped) this.poke();
      });
  }

  private installBuilt(): void {
    const { a, prepared, file } = this.built!;
    this.built = null;
    try {
      const report = prepared.install();
      this.setMeta('catalog_sha256', a.sha256);
      this.current = a.sha256;
      this.refusal = null;
      this.o.db.prepare(`DELETE FROM store_meta WHERE key = 'catalog_refused'`).run();
      this.o.log.info('store catalog imported', { sha256: a.sha256, products: report.imported, ms: report.ms });
    } catch (e) {
      this.failed(a, e);
    } finally {
      rmSync(file, { force: true });
    }
  }

  /** Called from view listeners and promises: never throws. Anything but a bad file (disk full …) is retried at the next check. */
  private failed(a: CatalogAnnouncement, e: unknown): void {
    if (this.stopped) return; // the kiosk is closing: its catalog stopped the worker
    if (e instanceof CatalogImportError) this.refuse(a.sha256, `store catalog ${a.source}: ${e.message}`);
    else this.o.log.error('store catalog import failed; the old catalog stays, retried later', { sha256: a.sha256, error: e as Error });
  }

  /** Reads the announcement and downloads a new version (one check at a time; a check asked for meanwhile runs after). */
  async check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        await this.checkOnce().then(
          () => (this.failures = 0),
          (e: Error) => {
            if (this.failures++ === 0) this.o.log.warn('store catalog not checked; the kiosk keeps its catalog and retries', { error: e });
          },
        );
      } while (this.again);
    } finally {
      this.checking = false;
    }
    this.poke();
  }

  private async checkOnce(): Promise<void> {
    if (!this.bus.connected()) return;
    const b = await this.open();
    await this.checkSettings(b.kv);
    const e = await b.kv.get(CATALOG_KEY);
    if (!e || e.operation !== 'PUT') return;
    const parsed = catalogAnnouncementSchema.safeParse(fromBytes(e.value, MAX_SETTINGS_BYTES));
    if (!parsed.success) {
      if (this.invalidRevision !== e.revision) this.refuse(null, 'the store announced an invalid catalog version');
      this.invalidRevision = e.revision;
      return;
    }
    const a = parsed.data;
    if (a.sha256 === this.version() || a.sha256 === this.refusal?.sha256 || a.sha256 === this.pending?.a.sha256 || a.sha256 === this.importingSha || a.sha256 === this.built?.a.sha256) return;
    if (a.size > this.o.maxBytes) return this.refuse(a.sha256, `store catalog ${a.source} is ${a.size} bytes, more than storeBus.catalogMaxBytes (${this.o.maxBytes})`);
    const bytes = await this.download(b, a, e.revision);
    if (!bytes) return;
    const file = join(this.o.dataDir, `catalog-store.${a.format}`);
    writeFileSync(`${file}.part`, bytes);
    renameSync(`${file}.part`, file);
    if (this.pending && this.pending.file !== file) rmSync(this.pending.file, { force: true });
    this.pending = { a, file };
    this.o.log.info('store catalog downloaded; imported when the kiosk is idle', { sha256: a.sha256, bytes: a.size, source: a.source });
  }

  /** Store settings: validated, kept in the data folder (for the next start) and handed to `onSettings`. */
  private async checkSettings(kv: KV): Promise<void> {
    const e = await kv.get(SETTINGS_KEY);
    if (!e || e.operation !== 'PUT') return;
    const entry = settingsEntrySchema.safeParse(fromBytes(e.value, MAX_SETTINGS_BYTES));
    if (!entry.success) {
      if (this.settingsSeen !== `invalid-${e.revision}`) this.o.log.warn('store settings refused: not a valid entry', { revision: e.revision, reason: `${entry.error.issues[0]?.path.join('.') || '(root)'}: ${entry.error.issues[0]?.message ?? 'invalid'}` });
      this.settingsSeen = `invalid-${e.revision}`;
      return;
    }
    const { sha256 } = entry.data;
    if (sha256 === this.settingsSeen) return;
    this.settingsSeen = sha256;
    const settings = parseStoreSettings(entry.data.settings);
    if (settings instanceof Error) return void this.o.log.warn('store settings refused: the kiosk keeps its settings', { sha256, reason: settings.message });
    saveStoreSettings(this.o.dataDir, { sha256, settings });
    this.o.log.info('store settings received: applied when the kiosk is idle', { sha256, keys: Object.keys(settings) });
    this.o.onSettings?.({ sha256, publishedAt: entry.data.publishedAt, settings });
  }

  /**
   * The object's bytes when they match the announcement; null (refused) when they do not and the
   * announcement is still the same (a new publication meanwhile is retried, not refused). The
   * download is cut after 60 s + 1 s per MiB (a stalled connection: retried later).
   */
  private async download(b: { kv: KV; os: ObjectStore }, a: CatalogAnnouncement, revision: number): Promise<Uint8Array | null> {
    const mismatch = async (reason: string): Promise<null> => {
      if ((await b.kv.get(CATALOG_KEY))?.revision !== revision) throw new Error('the catalog was published anew while it was read');
      this.refuse(a.sha256, reason);
      return null;
    };
    const r = await b.os.get(CATALOG_OBJECT);
    if (!r) throw new Error('the announced catalog is not in the object store');
    if (r.info.size > this.o.maxBytes || r.info.size !== a.size) {
      await r.data.cancel().catch(() => undefined);
      return mismatch(`store catalog object is ${r.info.size} bytes: announced ${a.size}, at most storeBus.catalogMaxBytes (${this.o.maxBytes})`);
    }
    const reader = r.data.getReader();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void reader.cancel().catch(() => undefined);
    }, 60_000 + Math.ceil(a.size / (1024 * 1024)) * 1000);
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > a.size) break;
        chunks.push(value);
      }
      if (total <= a.size && !timedOut) await r.error;
    } catch (e) {
      // The object store checks its own digest: a corrupt object fails here and is refused below.
      if (!String((e as Error).message).includes('digest')) throw e;
    } finally {
      clearTimeout(timer);
      if (total > a.size) void reader.cancel().catch(() => undefined);
    }
    if (timedOut) throw new Error('the catalog download timed out');
    const bytes = Buffer.concat(chunks);
    if (total !== a.size || sha256Hex(bytes) !== a.sha256) return mismatch(`store catalog ${a.source} does not match its announced version (sha-256 or size differs)`);
    return bytes;
  }

  private refuse(sha256: string | null, reason: string): void {
    this.o.log.warn('store catalog refused: the kiosk keeps selling from its current catalog', { sha256, reason });
    this.refusal = { sha256: sha256 ?? '', reason };
    this.setMeta('catalog_refused', JSON.stringify(this.refusal));
  }

  private async open(): Promise<{ kv: KV; os: ObjectStore }> {
    const nc = this.bus.connection();
    if (this.buckets?.nc !== nc) {
      const kv = await new Kvm(nc).open(this.s.configBucket);
      const os = await new Objm(nc).open(this.s.catalogBucket);
      this.buckets = { nc, kv, os };
    }
    return this.buckets;
  }

  private meta(key: string): string | null {
    return (this.o.db.prepare('SELECT value FROM store_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  private setMeta(key: string, value: string): void {
    this.o.db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}
