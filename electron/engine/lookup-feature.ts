import type { Product } from '../checkout/product';
import type { KioskView, LookupView } from '../ipc/view';
import { IntentRefused, type EngineFeature, type KioskEngine } from './engine';

/** What the picker needs from the catalog. */
export interface LookupCatalog {
  lookupItems(): Product[];
  bySku(sku: string): Product | null;
}

/**
 * The "Look up item" picker (items without a barcode): open → category tiles → product tiles;
 * weighed items go to `basket/weigh` (ScaleFeature), piece items to `basket/addPieces` with a
 * quantity. Works from the local catalog only. The picker closes when the session ends.
 */
export class LookupFeature implements EngineFeature {
  readonly name = 'lookup';
  readonly handlers = {
    'lookup/open': () => this.open(),
    'lookup/category': (p: { category: string | null }) => this.show(p.category),
    'lookup/close': () => this.close(),
    'basket/addPieces': (p: { sku: string; quantity: number }) => this.addPieces(p.sku, p.quantity),
  };
  #open = false;
  #category: string | null = null;
  #items: Product[] | null = null;

  constructor(
    private readonly engine: KioskEngine,
    private readonly catalog: LookupCatalog,
  ) {}

  open(): void {
    const e = this.engine;
    if (e.state === 'attract' || e.state === 'done') e.startSession();
    if (e.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    this.#items = this.catalog.lookupItems();
    this.#open = true;
    this.#category = null;
  }

  show(category: string | null): void {
    if (!this.#open) throw new IntentRefused('lookup-closed', 'the picker is not open', true);
    if (category !== null && !this.#items!.some((p) => p.category === category)) throw new IntentRefused('unknown-category', 'no look-up items in that category', true);
    this.#category = category;
  }

  close(): void {
    this.#open = false;
    this.#category = null;
    this.#items = null;
  }

  addPieces(sku: string, quantity: number): void {
    const e = this.engine;
    const p = this.catalog.bySku(sku);
    if (!p || !p.lookup) throw new IntentRefused('product-not-found', 'not a look-up item', true);
    if (p.soldByWeight) throw new IntentRefused('sold-by-weight', 'this item is weighed on the scale', true);
    if (e.state === 'attract' || e.state === 'done') e.startSession();
    e.addScanned(p, p.barcodes[0] ?? '', { kind: 'pieces', count: quantity });
    this.close();
  }

  onSessionEnd(): void {
    this.close();
  }

  view(v: KioskView): void {
    if (!this.#open || !this.#items) {
      v.lookup = null;
      return;
    }
    const counts = new Map<string, number>();
    for (const p of this.#items) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    const lang = this.engine.lang;
    const view: LookupView = {
      categories: [...counts].map(([category, count]) => ({ category, count })),
      category: this.#category,
      items: this.#category === null ? [] : this.#items.filter((p) => p.category === this.#category).map((p) => ({ sku: p.sku, name: p.name[lang] || p.name.en, category: p.category, unit: p.unit, unitPriceCents: p.unitPriceCents, plu: p.plu ?? null })),
      scaleReady: this.engine.devices.scale === 'ok',
    };
    v.lookup = view;
  }
}
