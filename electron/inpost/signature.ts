/**
 * Checks the signature InPost puts on its calls to the merchant (integrations.md 2.0):
 *   data = base64( base64(sha256(body)) + "," + merchant_external_id + "," + x-public-key-ver +
 *   "," + x-signature-timestamp ), verified with SHA-256 against the public key of that version;
 *   sha256hex(public_key_base64) must equal x-public-key-hash; the timestamp must be at most
 *   240 s old (and, our choice, at most 240 s ahead: clocks drift both ways).
 * No signature headers at all → UNAUTHORIZED; anything else wrong → INVALID_SIGNATURE.
 */
import { createHash, createPublicKey, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';

export const SIGNATURE_MAX_AGE_MS = 240_000;

export interface PublicKeyEntry {
  version: string;
  publicKeyBase64: string;
  merchantExternalId: string;
}

/** Where the verifier finds InPost's public keys (keys.ts fetches and caches them). */
export interface KeyLookup {
  key(version: string): Promise<PublicKeyEntry | null>;
}

export type SignatureVerdict = { ok: true } | { ok: false; code: 'UNAUTHORIZED' | 'INVALID_SIGNATURE'; reason: string };

const HEADERS = ['x-signature', 'x-signature-timestamp', 'x-public-key-ver', 'x-public-key-hash'] as const;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const keyObjects = new Map<string, KeyObject>();

export function signedData(body: string, merchantExternalId: string, version: string, timestamp: string): string {
  const digest = createHash('sha256').update(body, 'utf8').digest('base64');
  return Buffer.from(`${digest},${merchantExternalId},${version},${timestamp}`, 'utf8').toString('base64');
}

export async function verifySignature(headers: Record<string, string | string[] | undefined>, body: string, keys: KeyLookup, nowMs: number): Promise<SignatureVerdict> {
  const h = HEADERS.map((n) => headers[n]);
  if (h.every((v) => v === undefined)) return { ok: false, code: 'UNAUTHORIZED', reason: 'no signature headers' };
  if (!h.every((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 2048)) return bad('a signature header is missing or repeated');
  const [sig, ts, version, hash] = h as [string, string, string, string];
  if (!ISO.test(ts)) return bad('x-signature-timestamp is not an ISO-8601 time');
  const at = Date.parse(ts);
  if (!Number.isFinite(at) || nowMs - at > SIGNATURE_MAX_AGE_MS) return bad('signature expired (older than 240 s)');
  if (at - nowMs > SIGNATURE_MAX_AGE_MS) return bad('signature timestamp is in the future');
  if (!/^[\w.-]{1,32}$/.test(version)) return bad('x-public-key-ver is malformed');
  const entry = await keys.key(version);
  if (!entry) return bad(`no InPost public key of version ${version}`);
  const expected = Buffer.from(createHash('sha256').update(entry.publicKeyBase64, 'utf8').digest('hex'));
  const given = Buffer.from(hash.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return bad('x-public-key-hash does not match the public key');
  let key = keyObjects.get(entry.publicKeyBase64);
  if (!key) {
    try {
      key = createPublicKey({ key: Buffer.from(entry.publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    } catch {
      return bad('the InPost public key cannot be read');
    }
    keyObjects.set(entry.publicKeyBase64, key);
  }
  const ok = createVerify('sha256').update(signedData(body, entry.merchantExternalId, version, ts)).verify(key, Buffer.from(sig, 'base64'));
  return ok ? { ok: true } : bad('signature does not verify');
}

function bad(reason: string): SignatureVerdict {
  return { ok: false, code: 'INVALID_SIGNATURE', reason };
}
