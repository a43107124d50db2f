/**
 * A payment that needs attention, retried from the attendant console over the store bus
 * (in-process bus, real payments + SWiP sandbox + SQLite audit log): the lane shows the item, the
 * console's retry closes it exactly once (SWiP's own ledger), audited once with the attendant and
 * the lane; a repeated retry, a retry while one runs, and a malformed order id change nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BREAD, MILK, startPaymentHarness } from '../payments/harness';
import { AuditLog } from '../../../electron/journal/audit';
import { memoryLog } from '../../../electron/log';
import { BusStorePort } from '../../../electron/store/bus-port';
import { createLaneAgent } from '../../../electron/store/lane-agent';
import { LanePublisher } from '../../../electron/store/lane-publisher';
import { MemoryBusHub } from '../../../electron/store/memory-bus';
import { EventOutbox } from '../../../electron/store/outbox';
import { LaneRegistry } from '../../../electron/store/registry';
import { laneSnapshotSchema } from '../../../electron/store/wire';

type H = Awaited<ReturnType<typeof startPaymentHarness>>;
const MARI = { badge: 'SUP-0042', name: 'Mari Maasikas' };
const VIA = 'console:c1';
let h: H;
const stops: Array<() => void> = [];
afterEach(async () => {
  stops.splice(0).forEach((s) => s());
  await h?.close();
});

describe('retry-payment from the attendant console', () => {
  it('a refused SWiP close: the lane shows it, the console retries it once, audited; repeats and bad ids change nothing', async () => {
    let refuse = true;
    let closes = 0;
    let release: (() => void) | null = null;
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/actions/close') && init?.method === 'POST' && JSON.parse(String(init.body)).amount > 0) {
        if (refuse) return new Response(JSON.stringify({ code: 6, description: 'ILLEGAL STATE', fieldErrors: [] }), { status: 400, headers: { 'content-type': 'application/json' } });
        closes++;
        await new Promise<void>((r) => (release = r)); // held until the test has tried a second retry
      }
      return fetch(input, init);
    };
    h = await startPaymentHarness({ fetchImpl });
    const audit = new AuditLog(h.db);
    const log = memoryLog('lane');
    const agent = createLaneAgent({
      laneId: 'K01',
      storeId: 'local',
      engine: h.engine,
      staff: { remote: () => undefined, agePending: () => false, paymentBusy: () => h.staff.busy },
      attention: () => h.staff.attention(),
      remoteAgeCheck: false,
      log,
      paymentRetry: { act: (m, a, by) => h.staff.act(m, a, by), orderNo: (m) => h.staff.orderNo(m), audit },
    });
    stops.push(() => agent.close());
    // The store bus: the kiosk publishes its lane, the store node's port acts over request/reply.
    const hub = new MemoryBusHub('local', 100);
    const kiosk = hub.client();
    const outbox = new EventOutbox(h.db, kiosk, log, { storeId: 'local', laneId: 'K01' });
    const pub = new LanePublisher(kiosk, agent, outbox, log, { laneId: 'K01', heartbeatMs: 60_000 });
    const registry = new LaneRegistry(hub.client(), log, { offlineAfterMs: 60_000 });
    await registry.start();
    const port = new BusStorePort(hub.client(), registry, log, { actTimeoutMs: 5000 });
    pub.start();
    stops.push(() => pub.stop(), () => registry.stop());

    for (const code of [MILK, BREAD]) expect((await h.engine.dispatch('basket/scan', { code, source: 'panel' })).ok).toBe(true);
    const total = h.engine.view().basket.totalCents;
    await h.engine.dispatch('checkout/pay', { method: 'swip' });
    await h.until(() => h.engine.view().payment?.phase === 'waiting', 'QR');
    const order = h.sandbox.ledger().at(-1)!;
    h.sandbox.pay(order.id);
    await h.until(() => h.engine.view().payment?.phase === 'needs-attention', 'needs attention');

    // The console sees the lane in payment-attention with the item (amount in cents as the journal has it).
    await h.until(() => port.lanes()[0]?.status === 'payment-attention' && (port.lanes()[0]?.payments?.length ?? 0) === 1, 'lane in attention');
    const lane = port.lanes()[0]!;
    const mid = h.staff.attention()[0]!.merchantOrderId;
    expect(lane.payments).toEqual([{ merchantOrderId: mid, orderNo: expect.any(String), provider: 'swip', amountCents: total, paidCents: total, reason: 'close-refused', code: 6, description: 'ILLEGAL STATE', since: expect.any(Number), retry: true }]);
    expect(lane.actions).toContain('retry-payment');
    expect(laneSnapshotSchema.safeParse(lane).success).toBe(true);

    // A malformed id is refused by the schema (kiosk and bus), nothing asked, nothing audited.
    expect(await agent.act({ kind: 'retry-payment', merchantOrderId: 'x y; DROP' }, MARI, VIA)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await port.act('K01', { kind: 'retry-payment', merchantOrderId: 'a'.repeat(65) }, MARI, VIA)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await port.act('K01', { kind: 'retry-payment', merchantOrderId: 'not-in-attention' }, MARI, VIA)).toMatchObject({ ok: false, code: 'not-needed' });
    expect(audit.list()).toEqual([]);

    // The retry over the bus; a second one while it runs is refused as busy.
    refuse = false;
    const first = port.act('K01', { kind: 'retry-payment', merchantOrderId: mid }, MARI, VIA);
    await h.until(() => release !== null, 'the close reached SWiP');
    expect(await port.act('K01', { kind: 'retry-payment', merchantOrderId: mid }, { badge: 'SUP-0043', name: 'Jaan' }, 'console:c2')).toMatchObject({ ok: false, code: 'busy' });
    release!();
    expect(await first).toEqual({ ok: true });
    expect(h.engine.state).toBe('done');
    expect(h.sandbox.ledger().at(-1)).toMatchObject({ status: 'CLOSED', closeAmountCents: total });
    expect(h.sandbox.ledger().at(-1)!.events.filter((e) => e.type === 'closed')).toHaveLength(1);

    // Again, after it is closed: refused, nothing asked, nothing changed.
    expect(await port.act('K01', { kind: 'retry-payment', merchantOrderId: mid }, MARI, VIA)).toMatchObject({ ok: false, code: 'not-needed' });
    expect(closes).toBe(1);
    const rows = audit.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ supervisorBadge: MARI.badge, supervisorName: MARI.name, action: 'payment-retry', detail: { via: VIA, lane: 'K01', request: { merchantOrderId: mid, provider: 'swip', amountCents: total }, outcome: 'succeeded', result: 'closed' } });
    await h.until(() => port.lanes()[0]?.status !== 'payment-attention' && port.lanes()[0]?.payments === undefined, 'lane clear');
    expect(port.lanes()[0]!.actions).not.toContain('retry-payment');
  }, 20_000);
});
