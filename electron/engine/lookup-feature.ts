import type { LineMeasure } from '../checkout/basket';
import type { Product } from '../checkout/product';
import type { LookupHit } from '../catalog/lookup-index';
import type { KioskView, LookupItemView, LookupView } from '../ipc/view';
import { IntentRefused, type EngineFeature, type KioskEngine } from './engine';

/** What the picker needs from the catalog: the look-up items' name index, and products by SKU. */
export interface LookupCatalog {
  lookupIndex(): { items: readonly Product[]; search(query: string, limit?: number): LookupHit[] };
  bySku(sku: string): Product | null;
}

/** "Most used first": a count per SKU of items added from the picker (journal/lookup-usage.ts). */
export interface LookupUsageStore {
  increment(sku: string, now: number): void;
  counts(): Map<string, number>;
}

/** Tiles in one view: a category or a search never sends thousands of items to the screen. */
const MAX_TILES = 120;
const MAX_RESULTS = 60;
/** "Most used" tiles on the first screen. */
const MAX_TOP = 8;

/**
 * The "Look up item" picker (items without a barcode): open → category tiles (and the store's
 * most used items) → product tiles; or a search by name in any language (typo-tolerant prefix)
 * or by PLU digits. Weighed items go to `basket/weigh` (ScaleFeature), piece items to
 * `basket/addPieces` with a quantity. Every add from the picker counts one use of the item.
 * Works from the local catalog only; closes when the session ends.
 */
export class LookupFeature implements EngineFeature {
  readonly name = 'lookup';
  readonly handlers = {
    'lookup/open': () => this.open(),
    'lookup/category': (p: { category: string | null }) => this.show(p.category),
    'lookup/search': (p: { query: string }) => this.search(p.query),
    'lookup/close': () => this.close(),
    'basket/addPieces': (p: { sku: string; quantity: number }) => this.addPieces(p.sku, p.quantity),
  };
  #open = false;
  #category: string | null = null;
  #query = '';
  #items: readonly Product[] = [];
  #counts = new Map<string, number>();
  #adding: string | null = null;
  /** The last search's results, by query text: the view is rebuilt on every tick, the search only when the text changes. */
  #results: { query: string; items: Product[] } | null = null;

  constructor(
    private readonly engine: KioskEngine,
    private readonly catalog: LookupCatalog,
    private readonly usage: LookupUsageStore | null = null,
  ) {
    engine.afterAdd.push((p, m) => this.#counted(p, m));
  }

  open(): void {
    const e = this.engine;
    if (e.state === 'attract' || e.state === 'done') e.startSession();
    if (e.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    this.#items = this.catalog.lookupIndex().items;
    this.#counts = this.usage?.counts() ?? new Map();
    this.#open = true;
    this.#category = null;
    this.#query = '';
    this.#results = null;
  }

  show(category: string | null): void {
    if (!this.#open) throw new IntentRefused('lookup-closed', 'the picker is not open', true);
    if (category !== null && !this.#items.some((p) => p.category === category)) throw new IntentRefused('unknown-category', 'no look-up items in that category', true);
    this.#category = category;
    this.#query = '';
  }

  /** Name words (any language) or PLU digits; '' ends the search. */
  search(query: string): void {
    if (!this.#open) throw new IntentRefused('lookup-closed', 'the picker is not open', true);
    this.#query = query.replace(/\s+/g, ' ').trimStart();
  }

  close(): void {
    this.#open = false;
    this.#category = null;
    this.#query = '';
    this.#items = [];
    this.#results = null;
  }

  addPieces(sku: string, quantity: number): void {
    const e = this.engine;
    const p = this.catalog.bySku(sku);
    if (!p || !p.lookup) throw new IntentRefused('product-not-found', 'not a look-up item', true);
    if (p.soldByWeight) throw new IntentRefused('sold-by-weight', 'this item is weighed on the scale', true);
    if (e.state === 'attract' || e.state === 'done') e.startSession();
    if (e.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    this.#adding = sku;
    try {
      e.addScanned(p, p.barcodes[0] ?? '', { kind: 'pieces', count: quantity });
    } finally {
      this.#adding = null;
    }
    this.close();
  }

  onSessionEnd(): void {
    this.close();
  }

  /** A line was added: counts a use when it came from the picker (a piece add here, or a weighing on the kiosk scale). */
  #counted(p: Product, m: LineMeasure | undefined): void {
    if (!p.lookup || !this.usage) return;
    const fromPicker = this.#adding === p.sku || (m?.kind === 'weight' && m.scale !== undefined);
    if (!fromPicker) return;
    this.usage.increment(p.sku, this.engine.deps.clock.now());
    this.#counts.set(p.sku, (this.#counts.get(p.sku) ?? 0) + 1);
    this.#results = null;
  }

  /** Search results for the current text, best first, then most used; cached per text. */
  #search(): Product[] {
    if (this.#results?.query === this.#query) return this.#results.items;
    const n = (p: Product) => this.#counts.get(p.sku) ?? 0;
    const items = this.catalog
      .lookupIndex()
      .search(this.#query, MAX_RESULTS)
      .sort((a, b) => b.score - a.score || n(b.product) - n(a.product))
      .map((h) => h.product);
    this.#results = { query: this.#query, items };
    return items;
  }

  #tile(p: Product): LookupItemView {
    return { sku: p.sku, name: p.name[this.engine.lang] || p.name.en, category: p.category, unit: p.unit, unitPriceCents: p.unitPriceCents, plu: p.plu ?? null, image: p.image ?? null };
  }

  /** Most used first; equal counts keep the catalog's order (sort is stable). */
  #byUse(items: readonly Product[]): Product[] {
    const n = (p: Product) => this.#counts.get(p.sku) ?? 0;
    return [...items].sort((a, b) => n(b) - n(a));
  }

  view(v: KioskView): void {
    if (!this.#open) {
      v.lookup = null;
      return;
    }
    const counts = new Map<string, number>();
    for (const p of this.#items) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
    let items: Product[] = [];
    if (this.#query.trim() !== '') {
      items = this.#search();
    } else if (this.#category !== null) {
      items = this.#byUse(this.#items.filter((p) => p.category === this.#category)).slice(0, MAX_TILES);
    }
    const top = this.#category === null && this.#query.trim() === '' ? this.#byUse(this.#items.filter((p) => this.#counts.has(p.sku))).slice(0, MAX_TOP) : [];
    const view: LookupView = {
      categories: [...counts].map(([category, count]) => ({ category, count })),
      category: this.#category,
      query: this.#query,
      items: items.map((p) => this.#tile(p)),
      top: top.map((p) => this.#tile(p)),
      scaleReady: this.engine.devices.scale === 'ok',
    };
    v.lookup = view;
  }
}
