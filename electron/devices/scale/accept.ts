import type { ScaleReading } from './types';

/** What the customer is asked to do when a weight is refused (the renderer words it in four languages). */
export type WeightRefusal = 'place-item' | 'wait-still' | 'remove-and-zero' | 'too-heavy' | 'scale-unavailable';

export interface WeighRules {
  /** Smallest accepted net weight in grams (≥ 1). */
  minGrams: number;
  /** Largest accepted gross weight in grams: the scale's capacity. */
  maxGrams: number;
  /** Container weight subtracted from the gross weight, grams (0: no tare). */
  tareGrams: number;
}

export type WeighResult = { ok: true; grossGrams: number; netGrams: number } | { ok: false; refusal: WeightRefusal; reading: ScaleReading['kind'] };

/** Only a stable, positive, in-range weight is accepted; the tare is taken off before the minimum is checked. */
export function acceptWeight(r: ScaleReading, rules: WeighRules): WeighResult {
  const no = (refusal: WeightRefusal): WeighResult => ({ ok: false, refusal, reading: r.kind });
  switch (r.kind) {
    case 'motion':
      return no('wait-still');
    case 'under-zero':
    case 'not-zeroed':
      return no('remove-and-zero');
    case 'over-capacity':
      return no('too-heavy');
    case 'unavailable':
      return no('scale-unavailable');
    case 'stable': {
      if (!Number.isSafeInteger(r.grams)) return no('scale-unavailable');
      if (r.grams > rules.maxGrams) return no('too-heavy');
      const net = r.grams - rules.tareGrams;
      if (net < rules.minGrams) return no('place-item');
      return { ok: true, grossGrams: r.grams, netGrams: net };
    }
  }
}
