/**
 * Message protection of the local Terminal API ("Protect with your own code", Adyen): the whole
 * `{"SaleToPOIRequest": …}` JSON is encrypted into `NexoBlob` and signed in `SecurityTrailer`.
 *
 * - Keys: PBKDF2-HMAC-SHA1 of the shared key's passphrase, salt "AdyenNexoV1Salt", 4000 rounds,
 *   80 bytes = HMAC key (0–31), AES key (32–63), IV base (64–79).
 * - Each message: a fresh 16-byte nonce; AES-256-CBC (PKCS#7) with IV = IV base XOR nonce; HMAC-
 *   SHA256 of the plain JSON bytes. Base64 for NexoBlob, Nonce and Hmac; AdyenCryptoVersion 1.
 *
 * The passphrase is a secret: it never appears in an error text or a log line.
 */
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { NexoTransportError, type Post } from './transport';

/** The shared key as set up for the terminal (identifier and version from the Customer Area). */
export interface NexoSharedKey {
  keyIdentifier: string;
  keyVersion: number;
  /** Secret. */
  passphrase: string;
}

export const ADYEN_CRYPTO_VERSION = 1;

/** Why a protected message was refused. */
export type NexoCryptoFailure = 'format' | 'key' | 'decrypt' | 'hmac';

export class NexoCryptoError extends Error {
  readonly kind = 'NexoCryptoError';
  constructor(
    readonly failure: NexoCryptoFailure,
    message: string,
  ) {
    super(message);
  }
}

const b64 = z.string().min(1).max(1_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/);
const trailerSchema = z
  .object({
    AdyenCryptoVersion: z.number().int(),
    KeyIdentifier: z.string().min(1).max(128),
    KeyVersion: z.number().int().min(0),
    Nonce: b64,
    Hmac: b64,
  })
  .passthrough();
const securedSchema = z.object({ MessageHeader: z.record(z.string(), z.unknown()), NexoBlob: b64, SecurityTrailer: trailerSchema }).passthrough();

interface DerivedKeys {
  hmac: Buffer;
  aes: Buffer;
  ivBase: Buffer;
}

function derive(passphrase: string): DerivedKeys {
  const bytes = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), Buffer.from('AdyenNexoV1Salt', 'latin1'), 4000, 80, 'sha1');
  return { hmac: bytes.subarray(0, 32), aes: bytes.subarray(32, 64), ivBase: bytes.subarray(64, 80) };
}

function ivFor(k: DerivedKeys, nonce: Buffer): Buffer {
  const iv = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) iv[i] = k.ivBase[i]! ^ nonce[i]!;
  return iv;
}

/** Seals requests and opens answers with one shared key (the key material is derived once). */
export class NexoSealer {
  private readonly keys: DerivedKeys;

  constructor(private readonly key: NexoSharedKey) {
    this.keys = derive(key.passphrase);
  }

  /** `{ [root]: { MessageHeader, … } }` → `{ [root]: { MessageHeader, NexoBlob, SecurityTrailer } }`. */
  seal(message: Record<string, { MessageHeader: unknown }>, nonce: Buffer = randomBytes(16)): Record<string, unknown> {
    const [root] = Object.keys(message);
    if (!root || nonce.length !== 16) throw new NexoCryptoError('format', 'a nexo message has one root and a 16-byte nonce');
    const plain = Buffer.from(JSON.stringify(message), 'utf8');
    const cipher = createCipheriv('aes-256-cbc', this.keys.aes, ivFor(this.keys, nonce));
    const blob = Buffer.concat([cipher.update(plain), cipher.final()]);
    const mac = createHmac('sha256', this.keys.hmac).update(plain).digest();
    return {
      [root]: {
        MessageHeader: message[root]!.MessageHeader,
        NexoBlob: blob.toString('base64'),
        SecurityTrailer: { AdyenCryptoVersion: ADYEN_CRYPTO_VERSION, KeyIdentifier: this.key.keyIdentifier, KeyVersion: this.key.keyVersion, Nonce: nonce.toString('base64'), Hmac: mac.toString('base64') },
      },
    };
  }

  /** True when `json` is a protected message (its root holds a NexoBlob). */
  static isSealed(json: unknown, root: string): boolean {
    const inner = json && typeof json === 'object' ? (json as Record<string, unknown>)[root] : undefined;
    return !!inner && typeof inner === 'object' && 'NexoBlob' in inner;
  }

  /** The plain message inside a protected one; NexoCryptoError when it cannot be trusted. */
  open(json: unknown, root: string): unknown {
    const outer = securedSchema.safeParse(json && typeof json === 'object' ? (json as Record<string, unknown>)[root] : undefined);
    if (!outer.success) throw new NexoCryptoError('format', `not a protected ${root}: ${outer.error.issues[0]?.path.join('.') || root} ${outer.error.issues[0]?.message ?? ''}`.trim());
    const t = outer.data.SecurityTrailer;
    if (t.AdyenCryptoVersion !== ADYEN_CRYPTO_VERSION) throw new NexoCryptoError('format', `unsupported AdyenCryptoVersion ${t.AdyenCryptoVersion}`);
    if (t.KeyIdentifier !== this.key.keyIdentifier || t.KeyVersion !== this.key.keyVersion) {
      throw new NexoCryptoError('key', `the message is protected with key "${t.KeyIdentifier}" version ${t.KeyVersion}; this kiosk has "${this.key.keyIdentifier}" version ${this.key.keyVersion}`);
    }
    const nonce = Buffer.from(t.Nonce, 'base64');
    if (nonce.length !== 16) throw new NexoCryptoError('format', `the nonce has ${nonce.length} bytes, not 16`);
    let plain: Buffer;
    try {
      const d = createDecipheriv('aes-256-cbc', this.keys.aes, ivFor(this.keys, nonce));
      plain = Buffer.concat([d.update(Buffer.from(outer.data.NexoBlob, 'base64')), d.final()]);
    } catch {
      throw new NexoCryptoError('decrypt', 'cannot decrypt the NexoBlob: the passphrase differs or the message was altered');
    }
    const mac = createHmac('sha256', this.keys.hmac).update(plain).digest();
    const sent = Buffer.from(t.Hmac, 'base64');
    if (sent.length !== mac.length || !timingSafeEqual(sent, mac)) throw new NexoCryptoError('hmac', 'HMAC check failed: the message was altered or the passphrase differs');
    let inner: unknown;
    try {
      inner = JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      throw new NexoCryptoError('format', 'the decrypted NexoBlob is not JSON');
    }
    const header = (inner as Record<string, { MessageHeader?: Record<string, unknown> } | undefined> | null)?.[root]?.MessageHeader;
    // The header outside is not protected: it must say what the protected one says.
    if (!header || header.ServiceID !== outer.data.MessageHeader.ServiceID || header.MessageCategory !== outer.data.MessageHeader.MessageCategory) {
      throw new NexoCryptoError('format', 'the MessageHeader outside the NexoBlob differs from the one inside');
    }
    return inner;
  }
}

/**
 * A Post that protects every request and opens every answer. A terminal that cannot read the
 * request answers 401 "crypto error": it never started anything, so that is "not sent". An answer
 * that cannot be opened, or comes back unprotected, is an unknown outcome (the status is asked).
 */
export function sealedPost(post: Post, sealer: NexoSealer): Post {
  return async (message, timeoutMs) => {
    const a = await post(sealer.seal(message as Record<string, { MessageHeader: unknown }>), timeoutMs);
    if (a.status === 401) {
      const errors = (a.json as { errors?: unknown } | null | undefined)?.errors;
      const said = Array.isArray(errors) ? errors.filter((x): x is string => typeof x === 'string').join('; ').slice(0, 200) : `HTTP ${a.status}`;
      throw new NexoTransportError(`the terminal refused the message protection (${said}): check terminal.keyIdentifier, terminal.keyVersion and the passphrase`, true, 'CRYPTO');
    }
    if (a.status !== 200 || a.json === null || a.json === undefined) return a;
    if (!NexoSealer.isSealed(a.json, 'SaleToPOIResponse')) throw new NexoTransportError('the terminal answered without message protection', false, 'CRYPTO');
    try {
      return { status: a.status, json: sealer.open(a.json, 'SaleToPOIResponse') };
    } catch (e) {
      throw new NexoTransportError(`the terminal's answer was refused: ${(e as Error).message}`, false, 'CRYPTO');
    }
  };
}
