/**
 * InPost's public signing keys, fetched from GET /v1/izi/signing-keys/public and cached by
 * version. An unknown version triggers one refetch, at most once a minute (so calls with made-up
 * versions cannot make the node hammer InPost); the whole cache is refreshed after an hour.
 */
import { z } from 'zod';
import type { KeyLookup, PublicKeyEntry } from './signature';

const KeysAnswer = z.object({
  merchant_external_id: z.string().max(200),
  public_keys: z.array(z.object({ public_key_base64: z.string().min(1).max(8192), version: z.union([z.string(), z.number()]) }).passthrough()).max(50),
}).passthrough();

export const KEYS_REFETCH_MS = 60_000;
export const KEYS_MAX_AGE_MS = 3600_000;

export class SigningKeys implements KeyLookup {
  private cache = new Map<string, PublicKeyEntry>();
  private fetchedAt: number | null = null;
  private attemptedAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  fetches = 0;

  constructor(private readonly fetchKeys: () => Promise<unknown>, private readonly now: () => number) {}

  async key(version: string): Promise<PublicKeyEntry | null> {
    const stale = this.fetchedAt === null || this.now() - this.fetchedAt > KEYS_MAX_AGE_MS;
    const hit = this.cache.get(version);
    if (hit && !stale) return hit;
    if (this.attemptedAt === null || this.now() - this.attemptedAt >= KEYS_REFETCH_MS) {
      try {
        await this.refresh();
      } catch {
        // InPost unreachable: a key we still hold stays usable.
        return hit ?? null;
      }
    }
    return this.cache.get(version) ?? null;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      this.attemptedAt = this.now();
      try {
        const a = KeysAnswer.parse(await this.fetchKeys());
        this.fetches++;
        this.cache = new Map(a.public_keys.map((k) => [String(k.version), { version: String(k.version), publicKeyBase64: k.public_key_base64, merchantExternalId: a.merchant_external_id }]));
        this.fetchedAt = this.now();
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}
