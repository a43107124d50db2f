/**
 * The simulator's signing key pairs and the signature InPost puts on its calls to a merchant
 * (integrations.md 2.0, "Signature on InPost→merchant calls"):
 *   digest = base64(sha256(body)); data = base64(digest + "," + merchant_external_id + "," +
 *   version + "," + timestamp); x-signature = base64(sign_SHA256(data, private key)).
 * `public_key_base64` is the base64 DER (SPKI) body of the PEM; x-public-key-hash is the sha256
 * hex of that base64 text. Keys are EC P-256 (the reference allows RSA or EC).
 */
import { createHash, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  version: string;
  publicKeyBase64: string;
  privateKey: KeyObject;
}

/** How the simulator signs its next calls: correctly, or wrongly on purpose. */
export type SignatureFault = 'none' | 'bad-signature' | 'stale-timestamp' | 'unknown-key-version' | 'wrong-hash' | 'unsigned';

export function makeSigningKey(version: string): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const publicKeyBase64 = (publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64');
  return { version, publicKeyBase64, privateKey };
}

export function signatureData(body: string, merchantExternalId: string, version: string, timestamp: string): string {
  const digest = createHash('sha256').update(body, 'utf8').digest('base64');
  return Buffer.from([digest, merchantExternalId, version, timestamp].join(','), 'utf8').toString('base64');
}

/** The four signature headers for a body sent at `nowMs`, with the fault applied. */
export function signHeaders(o: { body: string; merchantExternalId: string; key: SigningKey; other: SigningKey; nowMs: number; fault: SignatureFault }): Record<string, string> {
  if (o.fault === 'unsigned') return {};
  // A stale call: signed correctly, but 300 s ago (the merchant accepts 240 s).
  const timestamp = new Date(o.fault === 'stale-timestamp' ? o.nowMs - 300_000 : o.nowMs).toISOString();
  const version = o.fault === 'unknown-key-version' ? '999' : o.key.version;
  const signer = o.fault === 'bad-signature' ? o.other : o.key;
  const sig = createSign('sha256').update(signatureData(o.body, o.merchantExternalId, version, timestamp)).sign(signer.privateKey).toString('base64');
  const hashOf = o.fault === 'wrong-hash' ? o.other.publicKeyBase64 : o.key.publicKeyBase64;
  return {
    'x-signature': sig,
    'x-signature-timestamp': timestamp,
    'x-public-key-ver': version,
    'x-public-key-hash': createHash('sha256').update(hashOf, 'utf8').digest('hex'),
  };
}
