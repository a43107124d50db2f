import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { BADGE, NODE_TOKEN, staffLogin, startTestStore, until, type TestStore } from './harness';

let store: TestStore;
beforeAll(async () => {
  store = await startTestStore(['K01', 'K02']);
  await store.startNode();
  await store.startKiosk('K01');
  await store.startKiosk('K02');
}, 60_000);
afterAll(async () => {
  await store?.close();
});

const staffChecks = (lane: string) => store.kiosks.get(lane)!.engine.view().supervisor?.smartsChecks ?? [];

describe('store-wide Smarts purchase checks over NATS', () => {
  it('a check sent to the store node appears on both kiosks; resolved on one it is gone everywhere and Smarts gets one result', async () => {
    const node = store.node!;
    const k1 = store.kiosks.get('K01')!;
    const k2 = store.kiosks.get('K02')!;
    expect(k1.smarts).toBeNull(); // the kiosks run no merchant node of their own
    await staffLogin(k1, 'staff-1');
    await staffLogin(k2, 'staff-2');
    const answer = await node.smarts!.sandbox!.sendCheck(makeCheckRequest({ invoiceId: 'INV-S1', products: [{ id: 'BEER', name: 'Õlu', priceCents: 229, minAge: 18, quantity: 1 }] }));
    expect(answer.body).toEqual({ decision: 'AGE' });
    for (const lane of ['K01', 'K02']) await until(() => staffChecks(lane).some((c) => c.invoiceId === 'INV-S1' && c.status === 'pending'), `check on ${lane}`);

    const r = await k1.handle('supervisor/resolveSmarts', { invoiceId: 'INV-S1', status: 'PASSED' }, { client: 'staff-1' });
    expect(r.ok).toBe(true);
    for (const lane of ['K01', 'K02']) await until(() => staffChecks(lane).some((c) => c.invoiceId === 'INV-S1' && c.status === 'passed'), `resolved on ${lane}`);
    expect(staffChecks('K02').filter((c) => c.status === 'pending')).toEqual([]);
    // The other kiosk's late verdict is refused by the store node: exactly once.
    const late = await k2.handle('supervisor/resolveSmarts', { invoiceId: 'INV-S1', status: 'FAILED' }, { client: 'staff-2' });
    expect(late).toMatchObject({ ok: false, error: { code: 'already-resolved' } });
    await until(() => node.smarts!.sandbox!.results().length > 0, 'result at Smarts');
    await node.smarts!.outbox.flush();
    expect(node.smarts!.sandbox!.results().map((x) => [x.result.invoiceId, x.result.status, x.deliveries])).toEqual([['INV-S1', 'PASSED', 1]]);
    // Audited on the kiosk that resolved it, with the store node's answer.
    expect(k1.supervision.audit.list().some((e) => e.action === 'smarts-result')).toBe(true);
  });

  it('the lane registry lists both kiosks; health reports lanes online', async () => {
    const node = store.node!;
    await until(() => node.port.lanes().length === 2, 'two lanes');
    expect(node.port.lanes().map((l) => l.laneId)).toEqual(['K01', 'K02']);
    expect(node.report()).toMatchObject({ store: { id: 'S1', lanesOnline: 2 } });
    const health = await fetch(`${node.url}/node/health`, { headers: { authorization: `Bearer ${NODE_TOKEN}` } });
    expect(await health.json()).toMatchObject({ status: 'UP', store: { id: 'S1', bus: 'connected', lanesOnline: 2, lanes: [{ laneId: 'K01', outboxBacklog: expect.any(Number) }, { laneId: 'K02' }] } });
    expect((await fetch(`${node.url}/node/version`)).status).toBe(401);
    // The kiosk's own lane agent answers over the bus: nobody asked for help on K01, so there is nothing to acknowledge.
    const act = await node.port.act('K01', { kind: 'ack-help' }, { badge: BADGE, name: 'Mari' }, 'console:c1');
    expect(act).toMatchObject({ ok: false, code: 'refused' });
    // A request the kiosk cannot read is refused as invalid, not acted on.
    expect(await node.port.act('K01', { kind: 'ack-help' }, { badge: 'B1', name: 'Mari' }, 'console')).toMatchObject({ ok: false, code: 'invalid' });
    expect(await node.port.act('K09', { kind: 'ack-help' }, { badge: 'B1', name: 'Mari' }, 'console')).toMatchObject({ ok: false, code: 'offline' });
  });
});
