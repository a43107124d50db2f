/** A merchant node with the InPost routes, the InPost simulator pointed at it, and a basket. */
import Database from 'better-sqlite3';
import { addProduct, emptyBasket, type Basket } from '../../../electron/checkout/basket';
import type { Product } from '../../../electron/checkout/product';
import { InpostBasketBook } from '../../../electron/inpost/book';
import { InpostClient } from '../../../electron/inpost/client';
import { SigningKeys } from '../../../electron/inpost/keys';
import { TokenSource } from '../../../electron/inpost/oauth';
import { INPOST_PREFIX, inpostRoutes } from '../../../electron/inpost/routes';
import { memoryLog } from '../../../electron/log';
import { startMerchantNode } from '../../../electron/node/server';
import { InpostSandbox } from '../../../electron/sandbox/inpost';

export const product = (sku: string, cents: number, over: Partial<Product> = {}): Product => ({
  sku, barcodes: ['590' + sku.padStart(10, '0')], name: { en: `Item ${sku}`, et: `Kaup ${sku}`, pl: `Towar ${sku}`, ru: `Товар ${sku}` },
  unitPriceCents: cents, vatRateBp: 2300, unit: 'piece', soldByWeight: false, category: 'grocery', ageLimit: null, ...over,
});

export function basketOf(items: Array<[Product, number]>): Basket {
  let b = emptyBasket();
  for (const [p, n] of items) b = addProduct(b, p, p.barcodes[0]!, { kind: 'pieces', count: n }).basket;
  return b;
}

export async function startInpostPair(o: { now?: () => number } = {}) {
  const now = o.now ?? Date.now;
  const sim = await InpostSandbox.start({ clientId: 'kassa', clientSecret: 'secret-123456', clock: { now } });
  const tokens = new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now });
  const client = new InpostClient({ baseUrl: sim.url, tokens });
  const keys = new SigningKeys(async () => (await client.signingKeys()).body, now);
  const db = new Database(':memory:');
  const book = new InpostBasketBook(db, { now, lang: () => 'pl', promoCodes: [{ code: 'KASSA10', description: 'Kod KASSA10 −10 %', percentBp: 1000 }], basketTtlMs: 15 * 60_000 });
  const log = memoryLog();
  const node = await startMerchantNode({ port: 0, inboundToken: 'node-token-0123456789', log, routes: [inpostRoutes({ book, keys, now, log })], selfAuthenticated: [INPOST_PREFIX + '/'] });
  sim.setMerchantUrl(node.url);
  /** The kiosk's side of starting: basket pushed, deep link obtained. */
  const push = async (basketId: string, basket: Basket) => {
    const row = book.open(basketId, basket);
    await client.putBasket(basketId, book.wire(row, false));
    const link = await client.bindDeepLink(basketId);
    return link.slice(link.lastIndexOf('/') + 1);
  };
  return { sim, client, book, node, log, db, push, close: async () => { await node.close(); await sim.close(); db.close(); } };
}
