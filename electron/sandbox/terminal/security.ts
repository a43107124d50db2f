/**
 * The terminal's side of local message protection with a shared key, as Adyen documents it for
 * the local Terminal API: a protected message carries the JSON of the whole message encrypted in
 * `NexoBlob` (AES-256-CBC) and a `SecurityTrailer` { AdyenCryptoVersion, KeyIdentifier,
 * KeyVersion, Nonce, Hmac } where Hmac is HMAC-SHA256 of the clear JSON. The keys come from the
 * passphrase by PBKDF2 (HMAC-SHA1, salt "AdyenNexoV1Salt", 4000 iterations, 80 bytes: HMAC key,
 * cipher key, IV); the IV of one message is that IV XOR its 16-byte Nonce. A request the terminal
 * cannot open gets HTTP 401 `{"errors":["Nexo Service: crypto error (9)"],"ServiceID":…}`.
 */
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Json } from './wire';

/** The shared key configured on the simulated terminal. */
export interface SimSharedKey {
  keyIdentifier: string;
  keyVersion: number;
  passphrase: string;
}

/** Why a request was refused (kept in the simulator's log of refusals; the wire says "crypto error"). */
export type CryptoRefusal = 'not-protected' | 'no-key-configured' | 'unknown-key' | 'bad-trailer' | 'cannot-decrypt' | 'hmac-mismatch' | 'header-mismatch' | 'not-json';

const SALT = 'AdyenNexoV1Salt';
const ROUNDS = 4000;
const BLOCK = 16;

type Opened = { ok: true; message: unknown; seal: (answer: Json) => Json } | { ok: false; why: CryptoRefusal; serviceId: string | null };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const base64 = (v: unknown): Buffer | null => (typeof v === 'string' && v.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(v) ? Buffer.from(v, 'base64') : null);

export class TerminalSecurity {
  private readonly macKey: Buffer;
  private readonly cipherKey: Buffer;
  private readonly baseIv: Buffer;

  constructor(private readonly key: SimSharedKey | null) {
    const material = key ? pbkdf2Sync(key.passphrase, SALT, ROUNDS, 80, 'sha1') : Buffer.alloc(80);
    this.macKey = material.subarray(0, 32);
    this.cipherKey = material.subarray(32, 64);
    this.baseIv = material.subarray(64, 80);
  }

  /**
   * A request as received: clear when no key is configured and it carries no NexoBlob; protected
   * (and then answered protected) when a key is configured. Anything else is refused.
   */
  openRequest(json: unknown): Opened {
    const req = isObject(json) ? json.SaleToPOIRequest : undefined;
    const header = isObject(req) && isObject(req.MessageHeader) ? req.MessageHeader : null;
    const serviceId = typeof header?.ServiceID === 'string' ? header.ServiceID : null;
    const refuse = (why: CryptoRefusal): Opened => ({ ok: false, why, serviceId });
    const protectedMsg = isObject(req) && 'NexoBlob' in req;
    if (!this.key) return protectedMsg ? refuse('no-key-configured') : { ok: true, message: json, seal: (a) => a };
    if (!protectedMsg || !isObject(req)) return refuse('not-protected');
    const trailer = req.SecurityTrailer;
    if (!isObject(trailer) || trailer.AdyenCryptoVersion !== 1) return refuse('bad-trailer');
    if (trailer.KeyIdentifier !== this.key.keyIdentifier || trailer.KeyVersion !== this.key.keyVersion) return refuse('unknown-key');
    const nonce = base64(trailer.Nonce);
    const mac = base64(trailer.Hmac);
    const blob = base64(req.NexoBlob);
    if (!nonce || nonce.length !== BLOCK || !mac || !blob) return refuse('bad-trailer');
    let clear: Buffer;
    try {
      const d = createDecipheriv('aes-256-cbc', this.cipherKey, this.iv(nonce));
      clear = Buffer.concat([d.update(blob), d.final()]);
    } catch {
      return refuse('cannot-decrypt');
    }
    const expected = createHmac('sha256', this.macKey).update(clear).digest();
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return refuse('hmac-mismatch');
    let message: unknown;
    try {
      message = JSON.parse(clear.toString('utf8')) as unknown;
    } catch {
      return refuse('not-json');
    }
    const inner = isObject(message) && isObject(message.SaleToPOIRequest) && isObject(message.SaleToPOIRequest.MessageHeader) ? message.SaleToPOIRequest.MessageHeader : null;
    if (!inner || inner.ServiceID !== header?.ServiceID || inner.MessageCategory !== header?.MessageCategory) return refuse('header-mismatch');
    return { ok: true, message, seal: (answer) => this.protect(answer) };
  }

  /** The terminal's answer, protected with the same key and a nonce of its own. */
  protect(answer: Json): Json {
    const response = answer.SaleToPOIResponse as Record<string, unknown> | undefined;
    const clear = Buffer.from(JSON.stringify(answer), 'utf8');
    const nonce = randomBytes(BLOCK);
    const c = createCipheriv('aes-256-cbc', this.cipherKey, this.iv(nonce));
    return {
      SaleToPOIResponse: {
        MessageHeader: response?.MessageHeader ?? {},
        NexoBlob: Buffer.concat([c.update(clear), c.final()]).toString('base64'),
        SecurityTrailer: {
          AdyenCryptoVersion: 1,
          KeyIdentifier: this.key!.keyIdentifier,
          KeyVersion: this.key!.keyVersion,
          Nonce: nonce.toString('base64'),
          Hmac: createHmac('sha256', this.macKey).update(clear).digest('base64'),
        },
      },
    };
  }

  private iv(nonce: Buffer): Buffer {
    return Buffer.from(this.baseIv.map((b, i) => b ^ nonce[i]!));
  }
}

/** The body of the 401 answer to a request the terminal cannot open (Adyen's troubleshooting example). */
export function cryptoErrorBody(serviceId: string | null): Json {
  return { errors: ['Nexo Service: crypto error (9)'], ...(serviceId ? { ServiceID: serviceId } : {}) };
}
