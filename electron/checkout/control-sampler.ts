/** A source of uniform draws in [0, 1) for the random purchase-check sample. */
export interface Sampler {
  next(): number;
}

/**
 * Deterministic sampler: mulberry32 (Tommy Ettinger's 32-bit PRNG, as in the PractRand-tested
 * public-domain version). The seed is taken as an unsigned 32-bit integer; each draw is a
 * uint32 divided by 2^32, so it is in [0, 1) and exactly reproducible across runs and engines.
 * Deterministic on purpose: a test or an audit can replay which baskets were sampled.
 */
export function seededSampler(seed: number): Sampler {
  // Seeds outside uint32 would silently alias another seed's stream: refuse them.
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`sampler seed must be an integer in 0..4294967295, got ${seed}`);
  }
  let state = seed;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/**
 * A sampler for one shopping session: the store seed mixed with a key (e.g. the kiosk session
 * id) through 32-bit FNV-1a, so the draw for a session is the same after a restart and
 * different sessions get independent draws.
 */
export function keyedSampler(seed: number, key: string): Sampler {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const byte of new TextEncoder().encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return seededSampler(h >>> 0);
}
