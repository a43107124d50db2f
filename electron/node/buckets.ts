/**
 * Per-client token buckets: a route that is costly on the main thread (Smarts name search, ~20 ms
 * per answer) allows each client `burst` requests at once and `perSecond` sustained. The node's
 * global limit (server.ts) counts every request alike; this one guards a single expensive route,
 * so a client flooding it cannot stall the kiosk while its other calls (barcode search, receipts)
 * still pass.
 */

export interface BucketLimit {
  /** Sustained requests per second per client (refill rate). */
  perSecond: number;
  /** Requests a client may make at once (bucket size). */
  burst: number;
}

/** Clients remembered at most; the least recently seen is forgotten first (bounded memory). */
export const MAX_CLIENTS = 10_000;

export class TokenBuckets {
  /** key → tokens and when they were counted; Map order = least recently seen first. */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) throw new Error('a bucket limit needs perSecond > 0 and burst >= 1');
  }

  /** Takes one token for `key`: 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const b = this.buckets.get(key);
    let tokens = this.limit.burst;
    if (b) {
      tokens = Math.min(this.limit.burst, b.tokens + ((now - b.at) / 1000) * this.limit.perSecond);
      this.buckets.delete(key);
    } else if (this.buckets.size >= MAX_CLIENTS) {
      // Forgetting a client only gives it a full bucket again: never more than `burst` at once.
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    return allowed ? 0 : Math.ceil(((1 - tokens) / this.limit.perSecond) * 1000);
  }

  /** Clients currently remembered (tests). */
  get size(): number {
    return this.buckets.size;
  }
}
