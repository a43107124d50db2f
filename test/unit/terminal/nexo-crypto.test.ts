/**
 * Local message protection (NexoBlob + SecurityTrailer): the adapter's sealer against the openssl
 * command (an independent computation of PBKDF2, AES-256-CBC and HMAC-SHA256) and against the
 * simulator's own implementation, and every refusal: wrong passphrase, altered blob, unknown key.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { NexoCryptoError, NexoSealer, type NexoSharedKey } from '../../../electron/payments/terminal/nexo/crypto';
import { TerminalSecurity } from '../../../electron/sandbox/terminal/security';

const KEY: NexoSharedKey = { keyIdentifier: 'KassaKey01', keyVersion: 3, passphrase: 'correct-horse-battery' };
const HEADER = { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', ServiceID: 'A1B2C3D4E5', SaleID: 'K01', POIID: 'V400m-1' };
const REQUEST = { SaleToPOIRequest: { MessageHeader: HEADER, PaymentRequest: { SaleData: { SaleTransactionID: { TransactionID: 't-1', TimeStamp: '2026-01-01T00:00:00.000Z' } }, PaymentTransaction: { AmountsReq: { Currency: 'EUR', RequestedAmount: 12.5 } } } } };
const NONCE = Buffer.from('00112233445566778899aabbccddeeff', 'hex');

function openssl(args: string[], input?: Buffer): Buffer {
  return execFileSync('openssl', args, { input: input ?? Buffer.alloc(0), stdio: ['pipe', 'pipe', 'pipe'] });
}

function failureOf(f: () => unknown): NexoCryptoError {
  try {
    f();
  } catch (e) {
    if (e instanceof NexoCryptoError) return e;
    throw e;
  }
  throw new Error('expected a NexoCryptoError');
}

type Sealed = { SaleToPOIRequest: { MessageHeader: typeof HEADER; NexoBlob: string; SecurityTrailer: Record<string, unknown> } };
const asResponse = (m: unknown) => ({ SaleToPOIResponse: (m as Sealed).SaleToPOIRequest });

describe('nexo message protection (adapter)', () => {
  it('seals exactly as PBKDF2-SHA1 / AES-256-CBC / HMAC-SHA256 computed by openssl say', () => {
    const sealed = new NexoSealer(KEY).seal(REQUEST, NONCE) as Sealed;
    const hex = openssl(['kdf', '-keylen', '80', '-kdfopt', 'digest:SHA1', '-kdfopt', `pass:${KEY.passphrase}`, '-kdfopt', 'salt:AdyenNexoV1Salt', '-kdfopt', 'iter:4000', 'PBKDF2']).toString().trim().replace(/:/g, '');
    const material = Buffer.from(hex, 'hex');
    const iv = Buffer.from(material.subarray(64, 80).map((b, i) => b ^ NONCE[i]!));
    const clear = Buffer.from(JSON.stringify(REQUEST), 'utf8');
    const blob = openssl(['enc', '-aes-256-cbc', '-K', material.subarray(32, 64).toString('hex'), '-iv', iv.toString('hex')], clear);
    const mac = openssl(['dgst', '-sha256', '-mac', 'HMAC', '-macopt', `hexkey:${material.subarray(0, 32).toString('hex')}`, '-binary'], clear);
    expect(sealed.SaleToPOIRequest.NexoBlob).toBe(blob.toString('base64'));
    expect(sealed.SaleToPOIRequest.SecurityTrailer).toEqual({ AdyenCryptoVersion: 1, KeyIdentifier: 'KassaKey01', KeyVersion: 3, Nonce: NONCE.toString('base64'), Hmac: mac.toString('base64') });
    expect(sealed.SaleToPOIRequest.MessageHeader).toEqual(HEADER);
    expect(JSON.stringify(sealed)).not.toContain('12.5');
  });

  it('round trip: a fresh nonce per message, and what is sealed opens to the same JSON', () => {
    const s = new NexoSealer(KEY);
    const a = s.seal(REQUEST) as Sealed;
    const b = s.seal(REQUEST) as Sealed;
    expect(a.SaleToPOIRequest.SecurityTrailer.Nonce).not.toBe(b.SaleToPOIRequest.SecurityTrailer.Nonce);
    expect(a.SaleToPOIRequest.NexoBlob).not.toBe(b.SaleToPOIRequest.NexoBlob);
    expect(s.open(a, 'SaleToPOIRequest')).toEqual(REQUEST);
  });

  it('interoperates with the simulator\'s own implementation, both ways', () => {
    const kiosk = new NexoSealer(KEY);
    const terminal = new TerminalSecurity(KEY);
    const opened = terminal.openRequest(kiosk.seal(REQUEST));
    expect(opened.ok && opened.message).toEqual(REQUEST);
    if (!opened.ok) return;
    const answer = { SaleToPOIResponse: { MessageHeader: { ...HEADER, MessageType: 'Response' }, PaymentResponse: { Response: { Result: 'Success' } } } };
    expect(kiosk.open(opened.seal(answer), 'SaleToPOIResponse')).toEqual(answer);
  });

  it('a wrong passphrase is refused with a clear error that never shows either passphrase', () => {
    const sealed = new NexoSealer({ ...KEY, passphrase: 'another-passphrase-1' }).seal(REQUEST);
    const e = failureOf(() => new NexoSealer(KEY).open(sealed, 'SaleToPOIRequest'));
    expect(['decrypt', 'hmac']).toContain(e.failure);
    expect(e.message).toMatch(/passphrase differs/);
    expect(e.message).not.toContain(KEY.passphrase);
    expect(e.message).not.toContain('another-passphrase-1');
    // The simulator refuses it too.
    expect(new TerminalSecurity(KEY).openRequest(sealed)).toMatchObject({ ok: false, serviceId: 'A1B2C3D4E5' });
  });

  it('an altered blob fails the HMAC check', () => {
    const sealed = new NexoSealer(KEY).seal(REQUEST) as Sealed;
    const blob = Buffer.from(sealed.SaleToPOIRequest.NexoBlob, 'base64');
    blob[0] = blob[0]! ^ 0x01; // garbles the first block only: the padding at the end stays valid
    sealed.SaleToPOIRequest.NexoBlob = blob.toString('base64');
    const e = failureOf(() => new NexoSealer(KEY).open(sealed, 'SaleToPOIRequest'));
    expect(e.failure).toBe('hmac');
    expect(e.message).toBe('HMAC check failed: the message was altered or the passphrase differs');
    expect(new TerminalSecurity(KEY).openRequest(sealed)).toMatchObject({ ok: false, why: 'hmac-mismatch' });
  });

  it('an unknown key identifier or version is refused before any decryption', () => {
    const other = new NexoSealer({ ...KEY, keyIdentifier: 'OtherKey' }).seal(REQUEST);
    const e = failureOf(() => new NexoSealer(KEY).open(other, 'SaleToPOIRequest'));
    expect(e.failure).toBe('key');
    expect(e.message).toBe('the message is protected with key "OtherKey" version 3; this kiosk has "KassaKey01" version 3');
    expect(failureOf(() => new NexoSealer(KEY).open(new NexoSealer({ ...KEY, keyVersion: 4 }).seal(REQUEST), 'SaleToPOIRequest')).failure).toBe('key');
    expect(new TerminalSecurity(KEY).openRequest(other)).toMatchObject({ ok: false, why: 'unknown-key' });
  });

  it('the clear header outside must match the protected one; a malformed trailer is a format error', () => {
    const sealed = new NexoSealer(KEY).seal(REQUEST) as Sealed;
    const swapped = { SaleToPOIRequest: { ...sealed.SaleToPOIRequest, MessageHeader: { ...HEADER, ServiceID: 'ZZZZZZZZZZ' } } };
    expect(failureOf(() => new NexoSealer(KEY).open(swapped, 'SaleToPOIRequest')).message).toMatch(/MessageHeader outside the NexoBlob differs/);
    expect(new TerminalSecurity(KEY).openRequest(swapped)).toMatchObject({ ok: false, why: 'header-mismatch' });
    const noNonce = { SaleToPOIRequest: { ...sealed.SaleToPOIRequest, SecurityTrailer: { ...sealed.SaleToPOIRequest.SecurityTrailer, Nonce: 'AAAA' } } };
    expect(failureOf(() => new NexoSealer(KEY).open(noNonce, 'SaleToPOIRequest')).failure).toBe('format');
    expect(failureOf(() => new NexoSealer(KEY).open(asResponse(sealed), 'SaleToPOIRequest')).failure).toBe('format');
  });

  it('a terminal with a key refuses clear requests; one without a key refuses protected ones', () => {
    expect(new TerminalSecurity(KEY).openRequest(REQUEST)).toMatchObject({ ok: false, why: 'not-protected' });
    expect(new TerminalSecurity(null).openRequest(new NexoSealer(KEY).seal(REQUEST))).toMatchObject({ ok: false, why: 'no-key-configured' });
    expect(new TerminalSecurity(null).openRequest(REQUEST)).toMatchObject({ ok: true, message: REQUEST });
  });
});
