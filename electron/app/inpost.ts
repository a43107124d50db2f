/**
 * InPost Pay in the kiosk: the merchant backend's book and routes (mounted on the merchant node
 * under /v1/izi), the InPost client (OAuth token, signing keys) or, in demo mode / with
 * "sandboxes": true and no apiUrl, the local InPost simulator, and the payment provider. Basket
 * events from the app are mirrored into the kiosk's basket so the screen changes at once.
 * On a store bus the store node is the merchant node and holds the InPost credential: the kiosk
 * answers the calls it relays and asks it to call InPost (store/inpost-lane.ts).
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { basketTotals } from '../checkout/totals';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import { InpostBasketBook } from '../inpost/book';
import { InpostApiError, InpostClient, type InpostApi } from '../inpost/client';
import { SigningKeys } from '../inpost/keys';
import { TokenSource } from '../inpost/oauth';
import { INPOST_PREFIX, inpostRoutes } from '../inpost/routes';
import type { JournalDb } from '../journal/db';
import type { Log } from '../log';
import type { PaymentFlow } from '../payments/checkout-flow';
import type { Adjustment } from '../payments/port';
import { InpostProvider } from '../payments/providers/inpost';
import { amountDetails } from '../payments/settle';
import { InpostSandbox } from '../sandbox/inpost';
import type { StoreBus } from '../store/bus';
import { RemoteInpostApi, serveInpostLane } from '../store/inpost-lane';

/** How long a kiosk waits for the store node's call to InPost (which itself gives up after 10 s). */
export const STORE_CALL_TIMEOUT_MS = 15_000;

export interface InpostPart {
  provider: InpostProvider;
  book: InpostBasketBook;
  /** Routes for the merchant node, and the prefix they authenticate themselves (signatures). */
  routes: Array<(app: FastifyInstance) => void>;
  selfAuthenticated: string[];
  sandbox: InpostSandbox | null;
  /** The merchant node is up: the simulator calls it there. */
  nodeStarted(url: string): void;
  /** Mirror the app's basket changes into the kiosk's live payment. */
  attach(flow: PaymentFlow): void;
  /** On a store bus: InPost's calls come from the store node, and the kiosk's calls to InPost go through it. */
  attachStore(link: { bus: StoreBus; laneId: string }): void;
  close(): Promise<void>;
}

/** InPost's side of the merchant: the client (OAuth token) and signing keys, or the local simulator. */
export interface InpostBackend {
  client: InpostClient;
  keys: SigningKeys;
  sandbox: InpostSandbox | null;
}

/** Whether InPost Pay is offered (configured, PLN), and whether the local simulator plays InPost. */
export function inpostEnabled(config: KassaConfig, mode: 'demo' | 'store'): { enabled: boolean; simulate: boolean } {
  const c = config.inpost;
  const pln = config.store.currency === 'PLN';
  const simulate = !c.apiUrl && (mode === 'demo' || config.sandboxes);
  return { enabled: (c.enabled ?? (c.apiUrl !== undefined || (mode === 'demo' && pln))) && pln, simulate };
}

/** The InPost client with the configured credentials, or the local simulator (demo, "sandboxes": true without apiUrl). */
export async function startInpostBackend(o: { config: KassaConfig; mode: 'demo' | 'store'; now: () => number; log: Log; env: Record<string, string | undefined> }): Promise<InpostBackend> {
  const c = o.config.inpost;
  let api: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
  let sandbox: InpostSandbox | null = null;
  if (c.apiUrl) {
    const secret = o.env.KASSA_INPOST_CLIENT_SECRET ?? c.clientSecret;
    for (const [k, v] of [['tokenUrl', c.tokenUrl], ['clientId', c.clientId], ['clientSecret', secret]] as const) {
      if (!v) throw new ConfigError(`configuration field "inpost.${k}" is required when inpost.apiUrl is set${k === 'clientSecret' ? ' (or set KASSA_INPOST_CLIENT_SECRET)' : ''}`);
    }
    api = { apiUrl: c.apiUrl, tokenUrl: c.tokenUrl!, clientId: c.clientId!, clientSecret: secret! };
  } else {
    if (!inpostEnabled(o.config, o.mode).simulate) throw new ConfigError('configuration field "inpost.apiUrl" is required when InPost Pay is enabled in store mode ("sandboxes": true uses the local simulator)');
    const secret = randomBytes(18).toString('hex');
    sandbox = await InpostSandbox.start({ clientId: 'kassa-demo', clientSecret: secret, merchantName: o.config.store.name, clock: { now: o.now } });
    o.log.info('InPost Pay simulator started', { url: sandbox.url });
    api = { apiUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, clientId: 'kassa-demo', clientSecret: secret };
  }
  const tokens = new TokenSource({ tokenUrl: api.tokenUrl, clientId: api.clientId, clientSecret: api.clientSecret, now: o.now });
  const client = new InpostClient({ baseUrl: api.apiUrl, tokens });
  const keys = new SigningKeys(async () => (await client.signingKeys()).body, o.now);
  return { client, keys, sandbox };
}

export async function startInpost(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; env: Record<string, string | undefined> }): Promise<InpostPart> {
  const c = o.config.inpost;
  const log = o.log.child('inpost');
  const now = () => o.clock.now();
  const pln = o.config.store.currency === 'PLN';
  const { enabled, simulate } = inpostEnabled(o.config, o.mode);
  const onBus = !!o.config.storeBus;
  // The merchant backend lives on the merchant node, which the Smarts part starts: without it
  // InPost could never reach the kiosk, so the start fails and says so instead of offering a
  // payment method that cannot finish. On a store bus the node is the store node's.
  if (enabled && !onBus && !o.config.smarts.enabled) throw new ConfigError('configuration field "inpost.enabled": InPost Pay is served on the merchant node, which runs only with "smarts.enabled": true');
  const promoCodes = c.promoCodes.length || !simulate ? c.promoCodes : [{ code: 'KASSA10', description: 'Kod KASSA10 −10 %', percentBp: 1000 }];
  const book = new InpostBasketBook(o.db, { now, lang: () => o.engine.lang, promoCodes, basketTtlMs: c.basketTtlMs });
  let sandbox: InpostSandbox | null = null;
  let client: InpostApi | null = null;
  let keys: SigningKeys | null = null;
  // On a store bus the store node holds the one merchant credential and makes the kiosk's calls
  // to InPost (attachStore, once the bus is up); InPost's calls reach this kiosk through it.
  let remote: InpostApi | null = null;
  let stopLane: (() => void) | null = null;
  if (enabled && onBus) {
    const need = (): InpostApi => {
      if (!remote) throw new InpostApiError(null, 'STORE_NODE_UNREACHABLE', 'the store bus is not started yet');
      return remote;
    };
    client = {
      putBasket: (id, b) => need().putBasket(id, b),
      bindDeepLink: (id) => need().bindDeepLink(id),
      deleteBinding: (id) => need().deleteBinding(id),
      orderEvent: (id, e) => need().orderEvent(id, e),
      refund: (t, cmd, b) => need().refund(t, cmd, b),
    };
  } else if (enabled) {
    const backend = await startInpostBackend({ config: o.config, mode: o.mode, now, log, env: o.env });
    ({ client, keys, sandbox } = backend);
  } else if (c.enabled && !pln) {
    log.warn('InPost Pay is enabled but the store does not sell in PLN: not offered');
  }
  const provider = new InpostProvider(client, book, () => o.engine.basket, log, { available: enabled, waitMs: c.waitMs, basketTtlMs: c.basketTtlMs, now });
  const lookup = keys ?? { key: async () => null };
  return {
    provider,
    book,
    routes: [inpostRoutes({ book, keys: lookup, now, log })],
    selfAuthenticated: [`${INPOST_PREFIX}/`],
    sandbox,
    nodeStarted: (url) => sandbox?.setMerchantUrl(url),
    attach(flow) {
      book.listeners.push((row, change) => {
        const live = flow.cur;
        if (!live || live.kind !== 'inpost' || live.mid !== row.basketId) return;
        if (change === 'basket') {
          // The app changed the basket: the kiosk's basket, the amount owed, the promo codes as
          // named discounts, and the payment's journaled basket (the receipt is made from it) follow.
          const adjustments: Adjustment[] = book.promos(row).filter((p) => p.discountCents > 0).map((p) => ({ kind: 'discount', description: p.description, amountCents: p.discountCents }));
          o.engine.basket = row.basket;
          live.basketTotalCents = basketTotals(row.basket).totalCents;
          live.amountDueCents = book.totalCents(row);
          live.started = adjustments;
          live.adjustments = adjustments;
          const rec = flow.journal.get(live.mid);
          if (rec) flow.journal.step(live.mid, rec.step, now(), { totalCents: live.amountDueCents, details: { basket: row.basket, ...amountDetails(adjustments) } });
          o.engine.journal();
        }
        if (change === 'bound') live.customer = { name: row.client?.name ?? null, maskedPhone: row.client?.maskedPhone ?? null };
        o.engine.publish();
        // Paid: look now rather than at the next poll. Rejected or unbound in the app: cancel.
        if (change === 'authorized') flow.driver.schedulePoll(live, 0);
        if (change === 'rejected' || change === 'deleted') {
          try {
            flow.requestCancel('customer');
          } catch (e) {
            log.info('InPost basket ended in the app while the payment was finishing', { basketId: row.basketId, error: e as Error });
          }
        }
      });
    },
    attachStore(link) {
      if (!enabled || !onBus || stopLane) return;
      remote = new RemoteInpostApi(link.bus, link.laneId, book, { timeoutMs: STORE_CALL_TIMEOUT_MS });
      stopLane = serveInpostLane(link.bus, link.laneId, book, log);
    },
    close: async () => {
      stopLane?.();
      await sandbox?.close();
    },
  };
}
