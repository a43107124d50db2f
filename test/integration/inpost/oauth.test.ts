import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InpostClient, isInpostApiError } from '../../../electron/inpost/client';
import { refreshMarginMs, TokenSource } from '../../../electron/inpost/oauth';
import { InpostSandbox } from '../../../electron/sandbox/inpost';

let sim: InpostSandbox;
let t = Date.parse('2026-12-03T12:00:00.000Z');
const clock = { now: () => t };

beforeAll(async () => {
  sim = await InpostSandbox.start({ clientId: 'kassa', clientSecret: 'secret-123456', tokenTtlS: 300, clock });
});
afterAll(() => sim.close());

describe('OAuth2 client credentials', () => {
  it('caches the token and refreshes it before it expires', async () => {
    const ts = new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: clock.now });
    const client = new InpostClient({ baseUrl: sim.url, tokens: ts });
    await client.signingKeys();
    await client.signingKeys();
    expect(ts.fetched).toBe(1);
    // 300 s lifetime → replaced 30 s early: still cached at 269 s, renewed at 271 s (before InPost's expiry).
    t += 269_000;
    await client.signingKeys();
    expect(ts.fetched).toBe(1);
    t += 2_000;
    await client.signingKeys();
    expect(ts.fetched).toBe(2);
    expect(refreshMarginMs(300)).toBe(30_000);
    expect(refreshMarginMs(20)).toBe(5_000);
    expect(refreshMarginMs(36_000)).toBe(60_000);
  });
  it('asks once for concurrent callers', async () => {
    const ts = new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: clock.now });
    const before = sim.ledger().tokensIssued;
    await Promise.all([ts.token(), ts.token(), ts.token()]);
    expect(sim.ledger().tokensIssued - before).toBe(1);
  });
  it('gets a new token when InPost refuses an expired one (clock skew), once', async () => {
    const skewed = { now: () => t - 1000_000 }; // our clock far behind: the cached token looks fresh
    const ts = new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: skewed.now });
    const client = new InpostClient({ baseUrl: sim.url, tokens: ts });
    await client.signingKeys();
    t += 400_000; // InPost's clock: the token has expired there
    await client.signingKeys();
    expect(ts.fetched).toBe(2);
  });
  it('reports wrong credentials without the secret', async () => {
    const ts = new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'wrong-secret-value', now: clock.now });
    const err = await ts.token().catch((e: Error) => e);
    expect(err).toMatchObject({ kind: 'InpostAuthError', status: 401 });
    expect(String((err as Error).message)).not.toContain('wrong-secret-value');
  });
  it('maps InPost error bodies to typed errors', async () => {
    const client = new InpostClient({ baseUrl: sim.url, tokens: new TokenSource({ tokenUrl: sim.tokenUrl, clientId: 'kassa', clientSecret: 'secret-123456', now: clock.now }) });
    const err = await client.deleteBinding('no-such-basket').catch((e: unknown) => e);
    expect(isInpostApiError(err) && err.status === 404 && err.code === 'BASKET_NOT_FOUND' && !err.retryable).toBe(true);
  });
});
