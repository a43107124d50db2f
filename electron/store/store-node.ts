/**
 * The store node (`npm run store`): one per store. Connects to the store's NATS server (fails at
 * start with the reason when it cannot), creates the store stream and the lane bucket, hosts the
 * merchant node (Smarts calls one URL per store) with the store-wide purchase checks, keeps the
 * lane registry and offers the StorePort the attendant console acts through. Health and version
 * answers report the store: lanes online, each lane's outbox backlog and store settings version.
 */
import { join } from 'node:path';
import { lockDataDir } from '../app/data-lock';
import { startSmarts, type SmartsPart } from '../app/smarts';
import { listenFailure } from '../app/startup';
import { serveAttendantConsole } from '../app/attendant';
import { controlRulesFrom, supervisorDirectory } from '../app/supervision';
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load';
import { systemClock } from '../engine/clock';
import { AuditLog } from '../journal/audit';
import { openJournalDb } from '../journal/db';
import type { Log } from '../log';
import { BusStorePort } from './bus-port';
import { startCatalogPublisher, type CatalogPublisher } from './catalog-publisher';
import type { StoreBus } from './bus';
import type { StorePort } from './lane';
import { natsAuthFrom } from './nats-auth';
import { NatsBus } from './nats-bus';
import { LaneRegistry } from './registry';
import { SmartsHub } from './smarts-hub';
import { startStoreInpost, type StoreInpost } from './store-inpost';

export interface StoreNode {
  loaded: LoadedConfig;
  storeId: string;
  bus: StoreBus;
  registry: LaneRegistry;
  /** What the attendant console reads and acts through. */
  port: StorePort;
  smarts: SmartsPart | null;
  /** InPost Pay: the store's merchant backend relaying to the kiosks (null when off). */
  inpost: StoreInpost | null;
  /** Publishes the store's catalog to the kiosks (catalog-publisher.ts). */
  catalog: CatalogPublisher;
  /** The merchant node's URL (Smarts and InPost call it), or null with Smarts off. */
  url: string | null;
  /** The attendant console's URL, or null when it is off. */
  consoleUrl: string | null;
  /** What health and version report besides status. */
  report(): Record<string, unknown>;
  close(): Promise<void>;
}

/** `rendererDir`: the built renderer (dist/renderer) holding the attendant console; none → no console. */
export interface StoreNodeOptions {
  env: Record<string, string | undefined>;
  defaultDataDir: () => string;
  log: Log;
  rendererDir?: string;
}

export async function startStoreNode(o: StoreNodeOptions): Promise<StoreNode> {
  const undo: Array<() => unknown> = [];
  try {
    return await compose(o, undo);
  } catch (e) {
    for (const f of undo.reverse()) await Promise.resolve().then(f).catch(() => undefined);
    throw e;
  }
}

async function compose(o: StoreNodeOptions, undo: Array<() => unknown>): Promise<StoreNode> {
  const log = o.log;
  const loaded = loadConfig(o.env, o.defaultDataDir);
  const { config, mode, dataDir } = loaded;
  const sb = config.storeBus;
  if (!sb) throw new ConfigError('configuration field "storeBus" is required for the store node (storeId, natsUrl, user; password in KASSA_NATS_PASSWORD)');
  const auth = natsAuthFrom(sb);
  const lock = lockDataDir(dataDir, (stale) => log.warn('took over a stale data folder lock', { dataDir, stalePid: stale.pid }));
  undo.push(() => lock.release());
  const db = openJournalDb(join(dataDir, 'store.db'));
  undo.push(() => db.close());

  const bus = await NatsBus.connect({ storeId: sb.storeId, servers: sb.natsUrl, ...auth, name: 'store-node', log: log.child('nats'), background: false });
  undo.push(() => bus.close());
  await bus.ensureStore().catch((e: Error) => {
    throw new ConfigError(`the store stream cannot be set up on NATS (is JetStream on, and may user "${sb.user}" manage streams?): ${e.message}`);
  });
  const catalog = await startCatalogPublisher({ nc: bus.connection(), storeId: sb.storeId, dataDir, file: sb.catalogFile, settingsFile: sb.settingsFile, maxBytes: sb.catalogMaxBytes, log: log.child('catalog') });
  undo.push(() => catalog.close());
  const registry = new LaneRegistry(bus, log.child('lanes'), { offlineAfterMs: sb.offlineAfterMs });
  await registry.start();
  undo.push(() => registry.stop());
  const port = new BusStorePort(bus, registry, log.child('port'), { actTimeoutMs: sb.requestTimeoutMs });
  // The attendant console of the whole store: badge + PIN against the store's own directory, audited here.
  const audit = new AuditLog(db);
  const attendant = config.attendant.enabled && o.rendererDir
    ? await serveAttendantConsole({ config, store: port, rendererDir: o.rendererDir, log, directory: supervisorDirectory({ config, mode, db, clock: systemClock, log }), clock: systemClock, audit })
    : null;
  if (attendant) undo.push(() => attendant.close());

  const report = () => {
    const lanes = registry.list();
    return { store: { id: sb.storeId, bus: bus.connected() ? 'connected' : 'disconnected', lanesOnline: registry.online(), lanes: lanes.map((l) => ({ laneId: l.laneId, status: l.status, outboxBacklog: l.outboxBacklog, settingsVersion: l.settingsVersion ?? null })) } };
  };
  let hub: SmartsHub | null = null;
  const inpost = await startStoreInpost({ config, mode, env: o.env, db, bus, log, now: () => systemClock.now(), relayTimeoutMs: sb.requestTimeoutMs });
  if (inpost) undo.push(() => inpost.close());
  if (inpost) port.attachInpost({ orders: () => inpost.orders(), onChange: (l) => inpost.ledger.onChange(l) });
  const smarts = await startSmarts({ config, mode, engine: { publish: () => hub?.changed() }, db, clock: systemClock, log, rules: controlRulesFrom(config), report, ...(inpost ? { extraRoutes: inpost } : {}) }).catch((e: unknown) => {
    throw listenFailure(e, 'the merchant node', 'KASSA_NODE_PORT / smarts.nodePort', config.smarts.nodeHost, config.smarts.nodePort);
  });
  if (smarts) {
    undo.push(() => smarts.close());
    inpost?.nodeStarted(smarts.nodeUrl);
    hub = new SmartsHub(bus, smarts.port, log.child('checks'));
    hub.start();
    port.attachChecks({ checks: () => smarts.port.checks(), resolve: (id, status, edits, by) => smarts.port.resolve(id, status, edits, by), onChange: (l) => smarts.store.onChange(l) });
  }
  log.info('store node ready', { storeId: sb.storeId, node: smarts?.nodeUrl ?? null });
  return {
    loaded,
    storeId: sb.storeId,
    bus,
    registry,
    port,
    smarts,
    inpost,
    catalog: catalog.publisher,
    url: smarts?.nodeUrl ?? null,
    consoleUrl: attendant?.url ?? null,
    report,
    async close() {
      hub?.stop();
      port.close();
      await attendant?.close();
      registry.stop();
      await smarts?.close();
      await inpost?.close();
      catalog.close();
      await bus.close();
      db.close();
      lock.release();
    },
  };
}
