/**
 * Store-wide Smarts purchase checks on the attendant console, over a real nats-server: the store
 * node (its own Smarts part, the Smarts simulator as gateway, the console server with the store's
 * supervisors) and two kiosks. A check appears on the console and on both kiosks' staff screens;
 * resolved from the console it is gone everywhere, Smarts gets one result, a second verdict
 * (console or kiosk) is refused; invalid or unauthenticated frames change nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../electron/journal/audit';
import { openJournalDb } from '../../../electron/journal/db';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { startStoreNode, type StoreNode } from '../../../electron/store/store-node';
import { hashPin } from '../../../electron/supervisor/pin-hash';
import { consoleClient, type ConsoleClient } from './console-client';
import { BADGE, NODE_PASSWORD, NODE_TOKEN, PIN, staffLogin, startTestStore, STORE, until, type TestStore } from './harness';

let store: TestStore;
let node: StoreNode;
const clients: ConsoleClient[] = [];

beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  // The store node with its attendant console (a stand-in page) and the store's own supervisor list.
  const data = join(store.dir, 'node');
  const renderer = join(store.dir, 'renderer');
  mkdirSync(join(renderer, 'console'), { recursive: true });
  mkdirSync(data, { recursive: true });
  writeFileSync(join(renderer, 'console', 'index.html'), '<!doctype html><title>console</title>');
  const storeBus = { storeId: STORE, natsUrl: [store.nats.url], user: 'store-node', heartbeatMs: 500, offlineAfterMs: 2000, requestTimeoutMs: 3000 };
  writeFileSync(join(data, 'kassa.config.json'), JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, smarts: { nodeToken: NODE_TOKEN }, storeBus, supervisors: [{ badge: BADGE, name: 'Mari Store', pinHash: hashPin(PIN) }] }));
  node = await startStoreNode({ env: { KASSA_DATA_DIR: data, KASSA_NATS_PASSWORD: NODE_PASSWORD }, defaultDataDir: () => data, log: store.log.child('node'), rendererDir: renderer });
  store.node = node;
  await store.startKiosk('K01');
  await store.startKiosk('K02');
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await store?.close();
});

async function console_(): Promise<ConsoleClient> {
  const c = await consoleClient(node.consoleUrl!);
  clients.push(c);
  return c;
}
const staffChecks = (lane: string) => store.kiosks.get(lane)!.engine.view().supervisor?.smartsChecks ?? [];
const sendCheck = (invoiceId: string) => node.smarts!.sandbox!.sendCheck(makeCheckRequest({ invoiceId, products: [{ id: 'BEER', name: 'Õlu', priceCents: 229, minAge: 18, quantity: 2 }] }));
const storeAudit = () => {
  const db = openJournalDb(join(store.dir, 'node', 'store.db'));
  try {
    return new AuditLog(db).list().filter((e) => e.action === 'smarts-result');
  } finally {
    db.close();
  }
};

describe('Smarts checks on the attendant console of the store node', () => {
  it('a console that is not signed in sees no checks and cannot resolve one; invalid frames are refused and change nothing', async () => {
    expect((await sendCheck('INV-C0')).body).toEqual({ decision: 'AGE' });
    await until(() => node.port.checks?.()?.some((c) => c.invoiceId === 'INV-C0'), 'check in the console port');
    const c = await console_();
    expect(await c.next('hello')).toMatchObject({ storeId: STORE, checks: true });
    const fake = 'A'.repeat(43);
    expect(await c.send({ t: 'resolve-check', token: fake, invoiceId: 'INV-C0', verdict: 'PASSED' })).toMatchObject({ ok: false, code: 'signed-out' });
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    expect(login).toMatchObject({ ok: true, staff: { badge: BADGE, name: 'Mari Store' } });
    for (const bad of [
      { t: 'resolve-check', token: login.token, invoiceId: 'INV-C0', verdict: 'FAILED_ALLOW_PAYMENT' },
      { t: 'resolve-check', token: login.token, invoiceId: 'INV-C0', verdict: 'passed' },
      { t: 'resolve-check', token: login.token, invoiceId: 'X'.repeat(201), verdict: 'PASSED' },
      { t: 'resolve-check', token: login.token, invoiceId: '', verdict: 'PASSED' },
      { t: 'resolve-check', token: login.token, invoiceId: 'INV-C0\n', verdict: 'PASSED' },
      { t: 'resolve-check', token: login.token, invoiceId: 'INV-C0', verdict: 'PASSED', by: 'someone-else' },
      { t: 'resolve-check', invoiceId: 'INV-C0', verdict: 'PASSED' },
    ]) expect(await c.send(bad), JSON.stringify(bad).slice(0, 80)).toMatchObject({ ok: false, code: 'invalid' });
    expect((await c.send('{"t":"resolve-check","invoiceId":7}')).error).toMatchObject({ code: 'bad-frame' });
    // A token of another connection does not resolve either.
    const other = await console_();
    expect(await other.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-C0', verdict: 'FAILED' })).toMatchObject({ ok: false, code: 'signed-out' });
    expect(other.frames.some((f) => f.t === 'checks')).toBe(false);
    expect(node.port.checks?.()?.map((x) => x.invoiceId)).toContain('INV-C0');
    expect(node.smarts!.store.summary('INV-C0')?.status).toBe('pending');
    expect(storeAudit()).toEqual([]);
    // Signed out, the console gets no further check lists.
    expect(await c.send({ t: 'logout', token: login.token })).toEqual({ ok: true });
    const mark = c.frames.length;
    await sendCheck('INV-C9');
    await until(() => node.port.checks?.()?.some((x) => x.invoiceId === 'INV-C9'), 'second check in the port');
    await new Promise((r) => setTimeout(r, 200)); // a frame that should not come: give it a moment to arrive anyway
    expect(c.frames.slice(mark).some((f) => f.t === 'checks')).toBe(false);
  });

  it('resolved from the console: gone on the console and both kiosks, Smarts gets one result, a second verdict is refused; audited in store.db', async () => {
    const k1 = store.kiosks.get('K01')!;
    const k2 = store.kiosks.get('K02')!;
    await staffLogin(k1, 'staff-1');
    await staffLogin(k2, 'staff-2');
    await sendCheck('INV-C1');
    for (const lane of ['K01', 'K02']) await until(() => staffChecks(lane).some((x) => x.invoiceId === 'INV-C1' && x.status === 'pending'), `check on ${lane}`);
    const c = await console_();
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    const first = await until(() => c.frames.find((f) => f.t === 'checks' && f.checks.some((x: { invoiceId: string }) => x.invoiceId === 'INV-C1')), 'checks frame');
    const shown = first.checks.find((x: { invoiceId: string }) => x.invoiceId === 'INV-C1');
    expect(shown).toMatchObject({ decision: 'AGE', products: [{ name: 'Õlu', quantity: 2, totalCents: 229, minAge: 18 }] });
    expect(typeof first.now).toBe('number');
    expect(shown.expiresAt - shown.receivedAt).toBe(4 * 3600 * 1000);

    const mark = c.frames.length;
    expect(await c.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-C1', verdict: 'PASSED' })).toEqual({ ok: true });
    await until(() => c.frames.slice(mark).find((f) => f.t === 'checks' && !f.checks.some((x: { invoiceId: string }) => x.invoiceId === 'INV-C1')), 'the check gone from the console');
    for (const lane of ['K01', 'K02']) await until(() => staffChecks(lane).some((x) => x.invoiceId === 'INV-C1' && x.status === 'passed'), `resolved on ${lane}`);
    // Exactly once: the console again, another console, and a kiosk are refused.
    expect(await c.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-C1', verdict: 'FAILED' })).toMatchObject({ ok: false, code: 'already-resolved' });
    const late = await k2.handle('supervisor/resolveSmarts', { invoiceId: 'INV-C1', status: 'FAILED' }, { client: 'staff-2' });
    expect(late).toMatchObject({ ok: false, error: { code: 'already-resolved' } });
    expect(await c.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-NONE', verdict: 'PASSED' })).toMatchObject({ ok: false, code: 'not-found' });
    await until(() => node.smarts!.sandbox!.results().some((x) => x.result.invoiceId === 'INV-C1'), 'result at Smarts');
    await node.smarts!.outbox.flush();
    expect(node.smarts!.sandbox!.results().filter((x) => x.result.invoiceId === 'INV-C1').map((x) => [x.result.status, x.deliveries])).toEqual([['PASSED', 1]]);
    expect(node.smarts!.store.get('INV-C1')?.resolvedBy).toMatch(/^SUP-0001@console:c\d+$/);
    const audit = storeAudit();
    expect(audit.map((e) => [e.supervisorBadge, e.supervisorName, (e.detail as { outcome: string }).outcome, (e.detail as { code?: string }).code ?? null])).toEqual([
      [BADGE, 'Mari Store', 'succeeded', null],
      [BADGE, 'Mari Store', 'refused', 'already-resolved'],
      [BADGE, 'Mari Store', 'refused', 'not-found'],
    ]);
    expect(audit[0]!.detail).toMatchObject({ via: expect.stringMatching(/^console:c\d+$/), request: { invoiceId: 'INV-C1', status: 'PASSED' } });
  });

  it('resolved on a kiosk first: the console list drops it and the console verdict is refused', async () => {
    const k1 = store.kiosks.get('K01')!;
    await sendCheck('INV-C2');
    const c = await console_();
    const login = await c.send({ t: 'login', badge: BADGE, pin: PIN });
    await until(() => c.frames.find((f) => f.t === 'checks' && f.checks.some((x: { invoiceId: string }) => x.invoiceId === 'INV-C2')), 'check on the console');
    await until(() => staffChecks('K01').some((x) => x.invoiceId === 'INV-C2'), 'check on K01');
    const mark = c.frames.length;
    expect(await k1.handle('supervisor/resolveSmarts', { invoiceId: 'INV-C2', status: 'FAILED' }, { client: 'staff-1' })).toMatchObject({ ok: true });
    await until(() => c.frames.slice(mark).find((f) => f.t === 'checks' && !f.checks.some((x: { invoiceId: string }) => x.invoiceId === 'INV-C2')), 'dropped from the console');
    expect(await c.send({ t: 'resolve-check', token: login.token, invoiceId: 'INV-C2', verdict: 'PASSED' })).toMatchObject({ ok: false, code: 'already-resolved' });
    await until(() => node.smarts!.sandbox!.results().some((x) => x.result.invoiceId === 'INV-C2'), 'result at Smarts');
    await node.smarts!.outbox.flush();
    expect(node.smarts!.sandbox!.results().filter((x) => x.result.invoiceId === 'INV-C2').map((x) => x.result.status)).toEqual(['FAILED']);
  });

  it('an old pending check stays listed behind more than 20 newer resolved ones', async () => {
    await sendCheck('INV-OLD');
    const by = { badge: BADGE, name: 'Mari Store' };
    for (let i = 0; i < 22; i++) {
      await sendCheck(`INV-N${i}`);
      expect(await node.port.resolveCheck!(`INV-N${i}`, 'FAILED', by, 'console:test')).toEqual({ ok: true });
    }
    await until(() => node.port.checks?.()?.some((c) => c.invoiceId === 'INV-OLD'), 'old check listed');
    expect(node.port.checks!()!.some((c) => c.invoiceId.startsWith('INV-N'))).toBe(false);
    await until(() => staffChecks('K02').some((x) => x.invoiceId === 'INV-OLD' && x.status === 'pending'), 'old check on a kiosk');
  });
});
