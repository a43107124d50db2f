/**
 * A store for tests: a real nats-server (own port and folder, users per role), a store node
 * (store mode with the sandboxes: the Smarts gateway is the Smarts simulator) and kiosks started
 * with startKiosk in this process, each with its own data folder and lane id.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { memoryLog } from '../../../electron/log';
import { storeServerConfig } from '../../../electron/store/nats-config';
import { startStoreNode, type StoreNode } from '../../../electron/store/store-node';
import { startNats, type NatsProcess } from '../../support/nats';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const STORE = 'S1';
export const BADGE = 'SUP-0001';
export const PIN = '246813';
export const NODE_PASSWORD = 'store-node-secret-1';
/** The merchant node's inbound token (Smarts presents it). */
export const NODE_TOKEN = 'store-node-token-0123456789';
export const kioskPassword = (lane: string) => `kiosk-secret-${lane}`;

export interface TestStore {
  nats: NatsProcess;
  dir: string;
  node: StoreNode | null;
  kiosks: Map<string, Kiosk>;
  log: ReturnType<typeof memoryLog>;
  /** `config`: more top-level configuration fields (e.g. a PLN store with InPost Pay). */
  startNode(config?: Record<string, unknown>, opts?: { rendererDir?: string }): Promise<StoreNode>;
  /** `natsUrl`: connect through another address (a test proxy); `storeBus`: more storeBus settings; `config`: more top-level fields. */
  startKiosk(lane: string, over?: { natsUrl?: string; storeBus?: Record<string, unknown>; config?: Record<string, unknown> }): Promise<Kiosk>;
  close(): Promise<void>;
}

export async function startTestStore(lanes: string[], opts: { domain?: string; leaf?: { url: string; user: string; password: string } } = {}): Promise<TestStore> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-store-'));
  const nats = await startNats((js, port) =>
    storeServerConfig({
      storeId: STORE,
      port,
      storeDir: js,
      ...(opts.domain ? { domain: opts.domain } : {}),
      ...(opts.leaf ? { leaf: opts.leaf } : {}),
      storeNode: { user: 'store-node', password: NODE_PASSWORD },
      kiosks: lanes.map((l) => ({ laneId: l, user: `kiosk-${l}`, password: kioskPassword(l) })),
    }),
  );
  const log = memoryLog('store-test');
  const storeBus = (user: string) => ({ storeId: STORE, natsUrl: [nats.url], user, heartbeatMs: 500, offlineAfterMs: 2000, requestTimeoutMs: 3000 });
  const t: TestStore = {
    nats,
    dir,
    node: null,
    kiosks: new Map(),
    log,
    async startNode(config = {}, opts = {}) {
      const data = join(dir, 'node');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'kassa.config.json'), JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, smarts: { nodeToken: NODE_TOKEN }, storeBus: storeBus('store-node'), ...config }));
      t.node = await startStoreNode({ env: { KASSA_DATA_DIR: data, KASSA_NATS_PASSWORD: NODE_PASSWORD }, defaultDataDir: () => data, log: log.child('node'), ...opts });
      return t.node;
    },
    async startKiosk(lane, over) {
      const data = join(dir, lane);
      mkdirSync(data, { recursive: true });
      writeFileSync(
        join(data, 'kassa.config.json'),
        JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, terminal: { kind: 'sandbox', autoApproveMs: 50 }, store: { kioskId: lane }, storeBus: { ...storeBus(`kiosk-${lane}`), ...(over?.natsUrl ? { natsUrl: [over.natsUrl] } : {}), ...over?.storeBus }, catalog: { importOnStart: join(REPO, 'resources/catalog/demo-catalog.json') }, ...over?.config }),
      );
      const k = await startKiosk({ env: { KASSA_DATA_DIR: data, KASSA_NATS_PASSWORD: kioskPassword(lane) }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => data, log: log.child(lane) });
      k.supervision.directory.upsert(BADGE, 'Mari', PIN);
      t.kiosks.set(lane, k);
      return k;
    },
    async close() {
      for (const k of t.kiosks.values()) await k.close().catch(() => undefined);
      await t.node?.close().catch(() => undefined);
      await nats.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Waits for a condition (no fixed sleeps); fails with `what` after `ms`. */
export async function until<T>(f: () => T | Promise<T>, what: string, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Logs a supervisor in on a kiosk (badge scan + PIN) as connection `client`. */
export async function staffLogin(k: Kiosk, client: string): Promise<void> {
  const ctx = { client };
  for (const [ch, p] of [
    ['session/start', {}],
    ['basket/scan', { code: BADGE, source: 'wedge' }],
    ['supervisor/pin', { pin: PIN }],
  ] as const) {
    const r = await k.handle(ch, p, ctx);
    if (!r.ok) throw new Error(`${ch}: ${r.error.code} ${r.error.message}`);
  }
  if (k.engine.view().supervisor?.phase !== 'active') await until(() => k.engine.view().supervisor?.phase === 'active', 'staff login');
}
