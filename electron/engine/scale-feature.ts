import type { Product } from '../checkout/product';
import type { Notice } from '../ipc/view';
import type { Log } from '../log';
import { IntentRefused, type EngineFeature, type KioskEngine } from './engine';

/** What the customer must do when the scale refuses a weight. */
export type ScaleRefusal = 'place-item' | 'wait-still' | 'remove-and-zero' | 'too-heavy' | 'scale-unavailable';

/** The scale as the engine sees it: one accepted weight (stable, in range, tare taken off) or a refusal. */
export interface ScaleWeigher {
  weigh(): Promise<{ ok: true; grossGrams: number; netGrams: number; tareGrams: number } | { ok: false; refusal: ScaleRefusal; reading: string }>;
}

const NOTICE = {
  'place-item': 'scale-place-item',
  'wait-still': 'scale-wait-still',
  'remove-and-zero': 'scale-remove-and-zero',
  'too-heavy': 'scale-too-heavy',
  'scale-unavailable': 'scale-unavailable',
} as const satisfies Record<ScaleRefusal, Notice['code']>;

/**
 * `basket/weigh {sku}`: a product sold by weight, weighed on the kiosk's scale. The line is
 * priced like a weight label (grams × price per kg / 1000, rounded half away from zero, see
 * checkout/basket lineTotal) and carries how it was weighed (journaled with the basket).
 * Without a working scale the intent is refused with a notice; nothing else is affected.
 */
export class ScaleFeature implements EngineFeature {
  readonly name = 'scale';
  readonly handlers = { 'basket/weigh': (p: { sku: string }) => this.weigh(p.sku) };

  constructor(
    private readonly engine: KioskEngine,
    private readonly deps: { scale: ScaleWeigher | null; bySku: (sku: string) => Product | null; log: Log },
  ) {}

  async weigh(sku: string): Promise<void> {
    const e = this.engine;
    const product = this.deps.bySku(sku);
    if (!product) throw new IntentRefused('product-not-found', 'no such product', true);
    if (!product.soldByWeight) throw new IntentRefused('not-sold-by-weight', 'this product is sold by the piece', true);
    if (e.state === 'attract' || e.state === 'done') e.startSession();
    if (e.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    const scale = this.deps.scale;
    if (!scale || e.devices.scale !== 'ok') return this.#refuse('scale-unavailable', e.devices.scale);
    const result = await scale.weigh();
    // The session may have changed while the scale answered (idle reset, lock): re-check.
    if (e.state !== 'shopping') throw new IntentRefused('basket-locked', 'the basket cannot be changed now');
    if (!result.ok) return this.#refuse(result.refusal, result.reading);
    this.deps.log.info('weighed on the kiosk scale', { sku, netGrams: result.netGrams, tareGrams: result.tareGrams });
    e.addScanned(product, product.barcodes[0] ?? '', { kind: 'weight', grams: result.netGrams, scale: { grossGrams: result.grossGrams, tareGrams: result.tareGrams, status: 'stable' } });
  }

  #refuse(refusal: ScaleRefusal, reading: string): never {
    this.engine.setNotice(NOTICE[refusal], 'error');
    this.deps.log.info('weight refused', { refusal, reading });
    throw new IntentRefused(NOTICE[refusal], `the scale refused the weight: ${refusal}`);
  }
}
