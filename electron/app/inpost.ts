/**
 * InPost Pay in the kiosk: the merchant backend's book and routes (mounted on the merchant node
 * under /v1/izi), the InPost client (OAuth token, signing keys) or, in demo mode / with
 * "sandboxes": true and no apiUrl, the local InPost simulator, and the payment provider. Basket
 * events from the app are mirrored into the kiosk's basket so the screen changes at once.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { basketTotals } from '../checkout/totals';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import { InpostBasketBook } from '../inpost/book';
import { InpostClient } from '../inpost/client';
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
  close(): Promise<void>;
}

export async function startInpost(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; env: Record<string, string | undefined> }): Promise<InpostPart> {
  const c = o.config.inpost;
  const log = o.log.child('inpost');
  const now = () => o.clock.now();
  const pln = o.config.store.currency === 'PLN';
  const simulate = !c.apiUrl && (o.mode === 'demo' || o.config.sandboxes);
  const enabled = (c.enabled ?? (c.apiUrl !== undefined || (o.mode === 'demo' && pln))) && pln;
  // The merchant backend lives on the merchant node, which the Smarts part starts: without it
  // InPost could never reach the kiosk, so the start fails and says so instead of offering a
  // payment method that cannot finish.
  if (enabled && !o.config.smarts.enabled) throw new ConfigError('configuration field "inpost.enabled": InPost Pay is served on the merchant node, which runs only with "smarts.enabled": true');
  // On a store bus the merchant node is the store node's, which does not host InPost Pay yet
  // (README: left for later): refused rather than offered and never finished.
  if (enabled && o.config.storeBus) throw new ConfigError('configuration field "inpost.enabled": InPost Pay is not yet served by the store node; a kiosk with "storeBus" cannot offer it');
  const promoCodes = c.promoCodes.length || !simulate ? c.promoCodes : [{ code: 'KASSA10', description: 'Kod KASSA10 −10 %', percentBp: 1000 }];
  const book = new InpostBasketBook(o.db, { now, lang: () => o.engine.lang, promoCodes, basketTtlMs: c.basketTtlMs });
  let sandbox: InpostSandbox | null = null;
  let client: InpostClient | null = null;
  let keys: SigningKeys | null = null;
  if (enabled) {
    let api: { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string };
    if (c.apiUrl) {
      const secret = o.env.KASSA_INPOST_CLIENT_SECRET ?? c.clientSecret;
      for (const [k, v] of [['tokenUrl', c.tokenUrl], ['clientId', c.clientId], ['clientSecret', secret]] as const) {
        if (!v) throw new ConfigError(`configuration field "inpost.${k}" is required when inpost.apiUrl is set${k === 'clientSecret' ? ' (or set KASSA_INPOST_CLIENT_SECRET)' : ''}`);
      }
      api = { apiUrl: c.apiUrl, tokenUrl: c.tokenUrl!, clientId: c.clientId!, clientSecret: secret! };
    } else {
      if (!simulate) throw new ConfigError('configuration field "inpost.apiUrl" is required when InPost Pay is enabled in store mode ("sandboxes": true uses the local simulator)');
      const secret = randomBytes(18).toString('hex');
      sandbox = await InpostSandbox.start({ clientId: 'kassa-demo', clientSecret: secret, merchantName: o.config.store.name, clock: { now } });
      log.info('InPost Pay simulator started', { url: sandbox.url });
      api = { apiUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, clientId: 'kassa-demo', clientSecret: secret };
    }
    const tokens = new TokenSource({ tokenUrl: api.tokenUrl, clientId: api.clientId, clientSecret: api.clientSecret, now });
    client = new InpostClient({ baseUrl: api.apiUrl, tokens });
    const cl = client;
    keys = new SigningKeys(async () => (await cl.signingKeys()).body, now);
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
    close: async () => {
      await sandbox?.close();
    },
  };
}
