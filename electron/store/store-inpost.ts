/**
 * InPost Pay on the store node: the one merchant credential (or the local simulator with
 * "sandboxes": true and no apiUrl), InPost's signed calls on the store's merchant node relayed to
 * the owning kiosk (inpost-hub.ts), the kiosks' calls to InPost, and the ledger the attendant
 * console lists. Null when InPost Pay is off (or the store does not sell in PLN).
 */
import type { FastifyInstance } from 'fastify';
import { inpostEnabled, startInpostBackend } from '../app/inpost';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import { INPOST_PREFIX, inpostEndpoints } from '../inpost/routes';
import type { JournalDb } from '../journal/db';
import type { Log } from '../log';
import type { InpostSandbox } from '../sandbox/inpost';
import type { StoreBus } from './bus';
import { InpostHub } from './inpost-hub';
import { InpostLedger } from './inpost-ledger';
import type { StoreInpostOrder } from './lane';

export interface StoreInpost {
  ledger: InpostLedger;
  hub: InpostHub;
  sandbox: InpostSandbox | null;
  /** For the merchant node (startSmarts' extraRoutes). */
  routes: Array<(app: FastifyInstance) => void>;
  selfAuthenticated: string[];
  /** The merchant node is up: the simulator calls it there. */
  nodeStarted(url: string): void;
  /** The console's list: the newest baskets with their kiosk, amount and status. */
  orders(): StoreInpostOrder[];
  close(): Promise<void>;
}

export async function startStoreInpost(o: { config: KassaConfig; mode: 'demo' | 'store'; env: Record<string, string | undefined>; db: JournalDb; bus: StoreBus; log: Log; now: () => number; relayTimeoutMs: number }): Promise<StoreInpost | null> {
  const { enabled } = inpostEnabled(o.config, o.mode);
  if (!enabled) return null;
  if (!o.config.smarts.enabled) throw new ConfigError('configuration field "inpost.enabled": InPost Pay is served on the merchant node, which runs only with "smarts.enabled": true');
  const log = o.log.child('inpost');
  const backend = await startInpostBackend({ config: o.config, mode: o.mode, now: o.now, log, env: o.env });
  const ledger = new InpostLedger(o.db, o.now);
  const hub = new InpostHub(o.bus, ledger, backend.client, log, { relayTimeoutMs: o.relayTimeoutMs });
  hub.start();
  return {
    ledger,
    hub,
    sandbox: backend.sandbox,
    routes: [inpostEndpoints({ keys: backend.keys, now: o.now, log }, hub.answer)],
    selfAuthenticated: [`${INPOST_PREFIX}/`],
    nodeStarted: (url) => backend.sandbox?.setMerchantUrl(url),
    orders: () => ledger.list().map(({ transactionId: _t, ...o }) => o),
    async close() {
      hub.close();
      await backend.sandbox?.close();
    },
  };
}
