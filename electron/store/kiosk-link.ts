/**
 * A kiosk's link to its store: the store bus (NATS with a `storeBus` configuration, in-process
 * without), the event outbox in the kiosk's journal, the lane publisher (registry + remote
 * actions) and, on NATS, the Smarts port backed by the store node. Events journaled here:
 * sessions (start/end), payments (closed), audit entries, device status, lane status and alerts.
 */
import type { Catalog } from '../catalog';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { KioskEngine } from '../engine/engine';
import type { AuditLog } from '../journal/audit';
import type { JournalDb } from '../journal/db';
import type { PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import type { StoreBus } from './bus';
import { CatalogFollower } from './catalog-follower';
import type { LaneAgent } from './lane';
import { LanePublisher } from './lane-publisher';
import { MemoryBusHub } from './memory-bus';
import { natsAuthFrom } from './nats-auth';
import { NatsBus } from './nats-bus';
import { EventOutbox } from './outbox';
import { RemoteSmarts } from './smarts-remote';
import type { StoreSettingsEntry } from './store-settings';
import { idSchema } from './subjects';

export interface StoreLink {
  storeId: string;
  laneId: string;
  bus: StoreBus;
  /** Set for a one-kiosk shop: the in-process bus the store's parts share. */
  hub: MemoryBusHub | null;
  outbox: EventOutbox;
  /** On NATS: the staff console's Smarts port, served by the store node. */
  smarts: RemoteSmarts | null;
  /** On NATS with a catalog: follows the store node's catalog (catalog-follower.ts). */
  catalog: CatalogFollower | null;
  /** Receives each new valid store settings entry (the newest one received before, at once). */
  onSettings(listener: (entry: StoreSettingsEntry) => void): void;
  /** Starts publishing the kiosk's lane (snapshots, heartbeat, status events) and answering its remote actions. */
  attachAgent(agent: LaneAgent): void;
  /** Journals the events of these parts (called once the kiosk is composed). */
  watch(o: { audit: AuditLog; onClosed: Array<(rec: PaymentRecord) => void> }): void;
  close(): Promise<void>;
}

export async function startStoreLink(o: { config: KassaConfig; db: JournalDb; engine: KioskEngine; log: Log; now?: () => number; catalog?: Catalog; dataDir?: string; catalogImportedAtStart?: boolean }): Promise<StoreLink> {
  const log = o.log.child('store');
  const now = o.now ?? Date.now;
  const sb = o.config.storeBus;
  const laneId = o.config.store.kioskId;
  if (sb && !idSchema.safeParse(laneId).success) throw new ConfigError('configuration field "store.kioskId": with storeBus it is the lane id: letters, digits, "-" or "_" (1–32)');
  const auth = sb ? natsAuthFrom(sb) : null;
  const storeId = sb?.storeId ?? 'local';
  const hub = sb ? null : new MemoryBusHub(storeId, 10_000);
  const bus: StoreBus = sb ? await NatsBus.connect({ storeId, servers: sb.natsUrl, ...auth!, name: `kiosk-${laneId}`, log: log.child('nats'), background: true }) : hub!.client();
  const outbox = new EventOutbox(o.db, bus, log.child('outbox'), { storeId, laneId, now });
  outbox.start();
  let publisher: LanePublisher | null = null;
  const usePublisher = (agent: LaneAgent) => {
    publisher?.stop();
    publisher = new LanePublisher(bus, agent, outbox, log.child('lane'), { laneId, heartbeatMs: sb?.heartbeatMs ?? 5000, now });
    publisher.start();
  };
  const smarts = sb ? new RemoteSmarts(bus, laneId, log.child('smarts'), { timeoutMs: sb.requestTimeoutMs, onChange: () => o.engine.publish() }) : null;
  smarts?.start();
  let newestSettings: StoreSettingsEntry | null = null;
  let settingsListener: ((e: StoreSettingsEntry) => void) | null = null;
  const onSettings = (e: StoreSettingsEntry) => {
    newestSettings = e;
    settingsListener?.(e);
  };
  const catalog = sb && o.catalog && o.dataDir && bus instanceof NatsBus
    ? new CatalogFollower(bus, { storeId, db: o.db, catalog: o.catalog, dataDir: o.dataDir, idle: () => o.engine.state === 'attract' && o.engine.sessionId === null, log: log.child('catalog'), maxBytes: sb.catalogMaxBytes, checkMs: sb.catalogCheckMs, replacedAtStart: o.catalogImportedAtStart ?? false, onSettings })
    : null;
  catalog?.start();
  const stops: Array<() => void> = [];
  let session: string | null = o.engine.sessionId;
  let devices = JSON.stringify(o.engine.devices);
  stops.push(
    o.engine.onView((v) => {
      if (v.sessionId !== session) {
        if (session) outbox.append('session', { event: 'ended', sessionId: session });
        if (v.sessionId) outbox.append('session', { event: 'started', sessionId: v.sessionId, lang: v.lang });
        session = v.sessionId;
      }
      catalog?.poke();
      const d = JSON.stringify(v.devices);
      if (d !== devices) {
        devices = d;
        outbox.append('device', { devices: v.devices });
      }
    }),
  );
  log.info('store link started', { storeId, laneId, bus: bus.kind });
  return {
    storeId,
    laneId,
    bus,
    hub,
    outbox,
    smarts,
    catalog,
    attachAgent: usePublisher,
    onSettings(listener) {
      settingsListener = listener;
      if (newestSettings) listener(newestSettings);
    },
    watch(w) {
      w.audit.onRecord.push((e) => outbox.append('audit', { action: e.action, badge: e.supervisorBadge, sessionId: e.kioskSessionId, detail: e.detail as unknown }, `audit-${e.id}`));
      w.onClosed.push((rec) =>
        outbox.append('payment', { merchantOrderId: rec.merchantOrderId, sessionId: rec.sessionId, method: rec.method, step: rec.step, totalCents: rec.totalCents, paidCents: rec.paidCents, orderNumber: rec.orderNumber }, `payment-${rec.merchantOrderId}-${rec.step}`),
      );
    },
    async close() {
      for (const s of stops.splice(0)) s();
      smarts?.stop();
      catalog?.stop();
      publisher?.stop();
      await outbox.stop();
      await bus.close();
    },
  };
}
