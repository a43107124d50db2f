/** Shared set-up for the Smarts integration tests: real SQLite file, real node, real sandbox. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLog } from '../../../electron/log';
import { startMerchantNode, type MerchantNode, type MerchantNodeOptions } from '../../../electron/node/server';
import { SmartsSandbox } from '../../../electron/sandbox/smarts/sandbox';
import { PurchaseCheckStore, type DecidePurchaseCheck } from '../../../electron/smarts/checks';
import { manualClock } from '../../../electron/smarts/clock';
import { SmartsGateway } from '../../../electron/smarts/gateway';
import { SmartsOutbox, type OutboxOptions } from '../../../electron/smarts/outbox';
import { basketTotalCents, minAgeOf } from '../../../electron/smarts/prices';
import { smartsRoutes } from '../../../electron/smarts/routes';

export const NODE_TOKEN = 'node-token-0123456789abcdef';
export const GATEWAY_TOKEN = 'gateway-token-fedcba9876543210';

/** Test rules: FULL over 100.00 €, AGE when something has MIN_AGE, else NO. */
export const testDecide: DecidePurchaseCheck = (req) => {
  const total = basketTotalCents(req);
  if (total > 100_00) return { decision: 'FULL', reasons: [{ code: 'basket-over-limit', totalCents: total }] };
  const age = minAgeOf(req.products);
  if (age !== null) return { decision: 'AGE', reasons: [{ code: 'min-age', age }] };
  return { decision: 'NO', reasons: [] };
};

export interface Harness {
  dir: string;
  dbPath: string;
  db: Database.Database;
  clock: ReturnType<typeof manualClock>;
  log: ReturnType<typeof memoryLog>;
  store: PurchaseCheckStore;
  node: MerchantNode;
  sandbox: SmartsSandbox;
  gateway: SmartsGateway;
  outbox: SmartsOutbox;
  decideCalls: number;
  /** Closes the DB and opens it again (a kiosk restart); returns a new store + outbox on it. */
  reopen(outboxOpts?: OutboxOptions): { store: PurchaseCheckStore; outbox: SmartsOutbox };
  close(): Promise<void>;
}

export async function startHarness(opts: { outbox?: OutboxOptions; gatewayTimeoutMs?: number; node?: Partial<MerchantNodeOptions> } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-smarts-'));
  const dbPath = join(dir, 'kassa.db');
  const h = { dir, dbPath, decideCalls: 0 } as Harness;
  h.clock = manualClock();
  h.log = memoryLog('smarts-test');
  h.db = new Database(dbPath);
  h.db.pragma('journal_mode = WAL');
  h.store = new PurchaseCheckStore(h.db, h.clock, h.log);
  const decide: DecidePurchaseCheck = (req) => {
    h.decideCalls++;
    return testDecide(req);
  };
  // The route reads h.store on each call, so reopen() swaps it in for later checks.
  h.node = await startMerchantNode({
    port: 0,
    inboundToken: NODE_TOKEN,
    log: h.log,
    version: '9.9.9-test',
    routes: [smartsRoutes({ store: { receive: (req, d) => h.store.receive(req, d) }, decide })],
    ...opts.node,
  });
  h.sandbox = await SmartsSandbox.start({ accessToken: GATEWAY_TOKEN, nodeUrl: h.node.url, nodeToken: NODE_TOKEN, clock: h.clock });
  h.gateway = new SmartsGateway({ baseUrl: h.sandbox.url, accessToken: GATEWAY_TOKEN, timeoutMs: opts.gatewayTimeoutMs ?? 2000, log: h.log });
  h.outbox = new SmartsOutbox(h.db, h.gateway, h.log, h.clock, opts.outbox ?? {});
  h.reopen = (outboxOpts) => {
    h.db.close();
    h.db = new Database(dbPath);
    h.store = new PurchaseCheckStore(h.db, h.clock, h.log);
    h.outbox = new SmartsOutbox(h.db, h.gateway, h.log, h.clock, outboxOpts ?? opts.outbox ?? {});
    return { store: h.store, outbox: h.outbox };
  };
  h.close = async () => {
    await h.outbox.stop();
    await h.sandbox.close();
    await h.node.close();
    if (h.db.open) h.db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return h;
}
