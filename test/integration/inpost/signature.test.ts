import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InpostClient } from '../../../electron/inpost/client';
import { SigningKeys } from '../../../electron/inpost/keys';
import { TokenSource } from '../../../electron/inpost/oauth';
import { verifySignature } from '../../../electron/inpost/signature';
import { InpostSandbox } from '../../../electron/sandbox/inpost';
import { makeSigningKey, signHeaders, type SignatureFault } from '../../../electron/sandbox/inpost/signer';

// Vectors made with a real EC key pair by the simulator (its own signer), checked by our verifier
// with keys fetched from the simulator's signing-keys endpoint.
let sim: InpostSandbox;
let keys: SigningKeys;
const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const other = makeSigningKey('1');
const body = JSON.stringify({ event_id: 'e-1', event_type: 'PRODUCTS_QUANTITY', quantity_event_data: [{ product_id: 'L1', quantity: { quantity: 2 } }] });
const sign = (fault: SignatureFault, b = body, at = NOW) => signHeaders({ body: b, merchantExternalId: 'kassa-demo-merchant', key: sim.key, other, nowMs: at, fault });

beforeAll(async () => {
  sim = await InpostSandbox.start({ clientId: 'kassa', clientSecret: 'secret-123456' });
  const client = new InpostClient({ baseUrl: sim.url, tokens: new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: Date.now }) });
  keys = new SigningKeys(async () => (await client.signingKeys()).body, () => NOW);
});
afterAll(() => sim.close());

describe('InPost signature verification', () => {
  it('accepts a correctly signed body', async () => {
    expect(await verifySignature(sign('none'), body, keys, NOW)).toEqual({ ok: true });
    expect(await verifySignature(sign('none'), body, keys, NOW + 239_000)).toEqual({ ok: true });
  });
  it('refuses a body signed with another key pair', async () => {
    expect(await verifySignature(sign('bad-signature'), body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE', reason: 'signature does not verify' });
  });
  it('refuses a tampered body', async () => {
    const tampered = body.replace('"quantity":2', '"quantity":20');
    expect(await verifySignature(sign('none'), tampered, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
  });
  it('refuses a stale timestamp (older than 240 s) and one far in the future', async () => {
    expect(await verifySignature(sign('stale-timestamp'), body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE', reason: expect.stringContaining('expired') });
    expect(await verifySignature(sign('none'), body, keys, NOW + 241_000)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
    expect(await verifySignature(sign('none', body, NOW + 300_000), body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
  });
  it('refuses an unknown key version and a key hash that does not match', async () => {
    expect(await verifySignature(sign('unknown-key-version'), body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE', reason: expect.stringContaining('version') });
    expect(await verifySignature(sign('wrong-hash'), body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE', reason: expect.stringContaining('hash') });
  });
  it('calls a request without signature headers unauthorized, and one with some of them invalid', async () => {
    expect(await verifySignature({}, body, keys, NOW)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    const partial = { ...sign('none'), 'x-signature': undefined };
    expect(await verifySignature(partial, body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
    expect(await verifySignature({ ...sign('none'), 'x-signature-timestamp': 'yesterday' }, body, keys, NOW)).toMatchObject({ ok: false, code: 'INVALID_SIGNATURE' });
  });
  it('fetches the keys once and refetches an unknown version at most once a minute', async () => {
    let t = NOW;
    const client = new InpostClient({ baseUrl: sim.url, tokens: new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: Date.now }) });
    const k = new SigningKeys(async () => (await client.signingKeys()).body, () => t);
    for (let i = 0; i < 5; i++) expect((await verifySignature(sign('none'), body, k, t)).ok).toBe(true);
    expect(k.fetches).toBe(1);
    for (let i = 0; i < 5; i++) expect((await verifySignature(sign('unknown-key-version'), body, k, t)).ok).toBe(false);
    expect(k.fetches).toBe(1);
    t += 61_000;
    await verifySignature(sign('unknown-key-version', body, t), body, k, t);
    expect(k.fetches).toBe(2);
  });
});
