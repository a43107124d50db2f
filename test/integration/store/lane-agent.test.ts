/**
 * The kiosk's lane agent on a real engine + supervision (SQLite journal, audit log, locks): the
 * status mapping, every remote action through the kiosk's own paths, refusals that change
 * nothing, and the audit rows with the attendant and the console.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CODES, startEngine, type EngineHarness } from '../engine/harness';
import { createLaneAgent, laneStatus } from '../../../electron/store/lane-agent';
import { createLocalStorePort } from '../../../electron/store/local-port';
import { memoryLog } from '../../../electron/log';
import { laneSnapshotSchema } from '../../../electron/store/wire';
import type { LaneAction } from '../../../electron/store/lane';
import type { AttentionView, KioskView } from '../../../electron/ipc/view';

const MARI = { badge: 'SUP-0042', name: 'Mari Maasikas' };
const VIA = 'console:c1';
let h: EngineHarness;
let attention: AttentionView[] = [];
afterEach(() => {
  h?.close();
  attention = [];
});

function agentOn(harness: EngineHarness, remoteAgeCheck = false) {
  return createLaneAgent({ laneId: 'K01', storeId: 'S1', engine: harness.engine, staff: harness.supervision, attention: () => attention, remoteAgeCheck, log: memoryLog('lane') });
}
const scan = (code: string) => h.engine.dispatch('basket/scan', { code, source: 'panel' });
const pay = () => h.engine.dispatch('checkout/pay', { method: 'swip' });

describe('status mapping', () => {
  it('maps the engine view, most urgent first', () => {
    h = startEngine();
    const v: KioskView = h.engine.view();
    expect(laneStatus(v, 0)).toBe('idle');
    expect(laneStatus({ ...v, state: 'shopping' }, 0)).toBe('shopping');
    for (const s of ['checkout', 'paying', 'finishing'] as const) expect(laneStatus({ ...v, state: s }, 0)).toBe('paying');
    expect(laneStatus({ ...v, state: 'done' }, 0)).toBe('idle');
    expect(laneStatus({ ...v, state: 'shopping', devices: { ...v.devices, scanner: 'unavailable' } }, 0)).toBe('device-fault');
    expect(laneStatus({ ...v, state: 'shopping', assistance: { requested: true, acknowledged: false, since: 0 } }, 0)).toBe('help');
    expect(laneStatus({ ...v, state: 'shopping', assistance: { requested: true, acknowledged: false, since: 0 } }, 1)).toBe('payment-attention');
    const lock = { reason: 'purchase-check' as const, reasons: ['sampling'], since: 1 };
    expect(laneStatus({ ...v, assistance: { requested: true, acknowledged: false, since: 0 }, lock }, 1)).toBe('locked');
    expect(laneStatus({ ...v, lock, outOfOrder: { reason: 'scanner' } }, 1)).toBe('out-of-order');
  });

  it('builds the snapshot: basket in cents, lock reasons, since, and fires onChange on changes only', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    const agent = agentOn(h);
    let changes = 0;
    agent.onChange(() => changes++);
    expect(agent.snapshot()).toMatchObject({ laneId: 'K01', storeId: 'S1', status: 'idle', sessionId: null, basket: { totalCents: 0, lines: [] }, lock: null });
    await scan(CODES.milk);
    await scan(CODES.bread);
    const shopping = agent.snapshot();
    expect(shopping).toMatchObject({ status: 'shopping', currency: 'EUR', basket: { totalCents: 129 + 245, articleCount: 2 } });
    expect(shopping.basket.lines).toEqual([
      { id: 'L1', name: 'Milk', quantity: 1, unit: 'piece', totalCents: 129, ageLimit: null },
      { id: 'L2', name: 'Bread', quantity: 1, unit: 'piece', totalCents: 245, ageLimit: null },
    ]);
    expect(shopping.since).toBe(h.clock.now());
    const seen = changes;
    h.engine.publish(); // nothing visible changed
    expect(changes).toBe(seen);
    h.clock.advance(5000);
    expect(await pay()).toMatchObject({ ok: false, error: { code: 'locked' } });
    const locked = agent.snapshot();
    expect(locked).toMatchObject({ status: 'locked', lock: { reason: 'purchase-check', details: ['sampling'] }, since: h.clock.now() });
    expect(locked.actions).toEqual(['pass-check', 'fail-check', 'void-line', 'cancel-session']);
    expect(locked.seq).toBeGreaterThan(shopping.seq);
    expect(changes).toBeGreaterThan(seen);
    // What the agent builds is what the store's registry accepts off the bus (the wire schema is strict).
    for (const snap of [shopping, locked]) expect(laneSnapshotSchema.safeParse({ ...snap, outboxBacklog: 0 }).error?.issues).toBeUndefined();
    // settingsVersion is optional (these snapshots and older kiosks send none): a sha-256 or null, nothing else.
    expect(laneSnapshotSchema.safeParse({ ...locked, settingsVersion: 'ab'.repeat(32) }).success).toBe(true);
    expect(laneSnapshotSchema.safeParse({ ...locked, settingsVersion: null }).success).toBe(true);
    expect(laneSnapshotSchema.safeParse({ ...locked, settingsVersion: 'v2' }).success).toBe(false);
  });
});

describe('devices', () => {
  it('a device down shows as device-fault; only device words leave the kiosk', async () => {
    h = startEngine();
    const agent = agentOn(h);
    await scan(CODES.milk);
    h.engine.devices.printer = 'unavailable';
    h.engine.publish();
    const snap = agent.snapshot();
    expect(snap.status).toBe('device-fault');
    expect(snap.devices).toEqual({ scanner: 'not-configured', printer: 'unavailable', payments: 'not-configured', scale: 'not-configured' });
    h.engine.devices.printer = 'ok';
    h.engine.publish();
    expect(agent.snapshot().status).toBe('shopping');
  });
});

describe('payments in attention', () => {
  const item = (i: number): AttentionView => ({ merchantOrderId: `m-${i}`, orderNo: `K01-${i}`, at: 1000 + i, method: 'swip', reason: 'close-refused', code: 6, description: 'x'.repeat(500), amountDueCents: 810, paidCents: 810, basketTotalCents: 810, actions: ['retry', 'resolve-paid', 'cancel'] });
  it('the snapshot carries at most 10, bounded, and passes the wire schema; without the staff path retry-payment is neither offered nor done', async () => {
    h = startEngine();
    attention = Array.from({ length: 12 }, (_, i) => item(i));
    const agent = agentOn(h);
    h.engine.publish();
    const snap = agent.snapshot();
    expect(snap.status).toBe('payment-attention');
    expect(snap.payments).toHaveLength(10);
    expect(snap.payments![0]).toEqual({ merchantOrderId: 'm-0', orderNo: 'K01-0', provider: 'swip', amountCents: 810, paidCents: 810, reason: 'close-refused', code: 6, description: 'x'.repeat(200), since: 1000, retry: true });
    expect(laneSnapshotSchema.safeParse(snap).error?.issues).toBeUndefined();
    expect(laneSnapshotSchema.safeParse({ ...snap, payments: [...snap.payments!, snap.payments![0]] }).success).toBe(false);
    expect(snap.actions).not.toContain('retry-payment');
    expect(await agent.act({ kind: 'retry-payment', merchantOrderId: 'm-0' }, MARI, VIA)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(h.audit.list()).toEqual([]);
    // Resolved elsewhere without a change on the customer screen: the next (heartbeat) snapshot looks again.
    attention = [];
    expect(agent.snapshot().payments).toBeUndefined();
  });
});

describe('remote actions', () => {
  it('pass-check from the console unlocks the kiosk, continues the Pay, and is audited with the attendant and the console', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    const agent = agentOn(h);
    await scan(CODES.milk);
    await pay();
    expect(await agent.act({ kind: 'pass-check' }, MARI, VIA)).toEqual({ ok: true });
    expect(h.engine.view().lock).toBeNull();
    expect(h.engine.isBlocked()).toBe(false);
    expect(h.resumed).toHaveLength(1);
    expect(agent.snapshot().status).toBe('shopping');
    const row = h.audit.list().at(-1)!;
    expect(row).toMatchObject({ supervisorBadge: MARI.badge, supervisorName: MARI.name, action: 'pass-check', detail: { via: VIA, lane: 'K01' } });
    // Passed once: the same session is not locked for sampling again.
    expect((await pay()).ok).toBe(true);
  });

  it('a remote pass leaves the age check to staff at the kiosk (remoteAgeCheck off)', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    const agent = agentOn(h);
    await scan(CODES.beer);
    await pay();
    expect(h.engine.view().lock?.reason).toBe('purchase-check');
    expect(await agent.act({ kind: 'pass-check' }, MARI, VIA)).toEqual({ ok: true });
    expect(h.engine.view().basket.lines[0]!.ageApproved).toBe(false);
    expect(await pay()).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(h.engine.view().lock?.reason).toBe('age-check');
    const before = h.audit.list().length;
    expect(await agent.act({ kind: 'approve-age' }, MARI, VIA)).toMatchObject({ ok: false, code: 'not-allowed' });
    expect(await agent.act({ kind: 'pass-check' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
    expect(await agent.act({ kind: 'void-line', lineId: 'L1', reason: 'Scanned twice' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
    expect(h.engine.view().lock?.reason).toBe('age-check');
    expect(h.engine.basket.lines).toHaveLength(1);
    expect(h.audit.list()).toHaveLength(before);
    expect(agent.snapshot().actions).toEqual(['fail-check', 'cancel-session']);
  });

  it('approve-age where the store allows it', async () => {
    h = startEngine();
    const agent = agentOn(h, true);
    await scan(CODES.beer);
    await pay();
    expect(agent.snapshot().actions).toContain('approve-age');
    expect(await agent.act({ kind: 'approve-age' }, MARI, VIA)).toEqual({ ok: true });
    expect(h.engine.view().lock).toBeNull();
    expect(h.engine.view().basket.lines[0]!.ageApproved).toBe(true);
    expect(h.audit.list().at(-1)).toMatchObject({ action: 'approve-age', supervisorBadge: MARI.badge, detail: { via: VIA } });
    expect(await agent.act({ kind: 'approve-age' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('fail-check ends the session; cancel-session needs a session and no payment under way', async () => {
    h = startEngine({ rules: { sampling: { rate: 1, seed: 7 } } });
    const agent = agentOn(h);
    expect(await agent.act({ kind: 'fail-check' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused', message: 'no check is waiting on this lane' });
    expect(await agent.act({ kind: 'cancel-session', reason: 'Customer left' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
    await scan(CODES.milk);
    await pay();
    expect(await agent.act({ kind: 'fail-check' }, MARI, VIA)).toEqual({ ok: true });
    expect(h.engine.state).toBe('attract');
    expect(h.engine.view().lock).toBeNull();
    await scan(CODES.bread);
    h.payments.busy = true;
    expect(await agent.act({ kind: 'cancel-session', reason: 'Customer left' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused', message: expect.stringContaining('payment') });
    expect(h.engine.basket.lines).toHaveLength(1);
    h.payments.busy = false;
    expect(await agent.act({ kind: 'cancel-session', reason: 'Customer left' }, MARI, VIA)).toEqual({ ok: true });
    expect(h.engine.sessionId).toBeNull();
    expect(h.audit.list().map((r) => r.action)).toEqual(['fail-check', 'cancel-session']);
    expect(h.audit.list().at(-1)!.detail).toMatchObject({ reason: 'Customer left', via: VIA });
  });

  it('void-line with a reason, audited with the basket before and after; an unknown line is refused', async () => {
    h = startEngine();
    const agent = agentOn(h);
    await scan(CODES.milk);
    await scan(CODES.bread);
    expect(await agent.act({ kind: 'void-line', lineId: 'L9', reason: 'Scanned twice' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
    expect(await agent.act({ kind: 'void-line', lineId: 'L2', reason: 'Scanned twice' }, MARI, VIA)).toEqual({ ok: true });
    expect(agent.snapshot().basket).toMatchObject({ totalCents: 129, articleCount: 1 });
    const row = h.audit.list().at(-1)!;
    expect(row).toMatchObject({ action: 'void-line', detail: { lineId: 'L2', reason: 'Scanned twice', via: VIA, lane: 'K01' } });
    expect((row.basketBefore as unknown[]).length).toBe(2);
    expect((row.basketAfter as unknown[]).length).toBe(1);
  });

  it('ack-help: once, only when asked, and the lane shows who is coming', async () => {
    h = startEngine();
    const agent = agentOn(h);
    expect(await agent.act({ kind: 'ack-help' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused' });
    await scan(CODES.milk);
    h.clock.advance(1000);
    await h.engine.dispatch('assistance/call', {});
    const asked = h.clock.now();
    h.clock.advance(30_000);
    expect(agent.snapshot()).toMatchObject({ status: 'help', since: asked, assistance: true, assistanceAck: null });
    expect(agent.snapshot().actions).toContain('ack-help');
    expect(await agent.act({ kind: 'ack-help' }, MARI, VIA)).toEqual({ ok: true });
    expect(agent.snapshot()).toMatchObject({ status: 'help', assistanceAck: { name: MARI.name, at: h.clock.now() } });
    expect(agent.snapshot().actions).not.toContain('ack-help');
    expect(await agent.act({ kind: 'ack-help' }, MARI, VIA)).toMatchObject({ ok: false, code: 'refused', message: expect.stringContaining('already') });
    expect(h.audit.list().map((r) => r.action)).toEqual(['ack-help']);
  });

  it('invalid payloads are refused before the engine sees them', async () => {
    h = startEngine();
    const agent = agentOn(h);
    await scan(CODES.milk);
    const bad: unknown[] = [
      { kind: 'void-line', lineId: 'L1', reason: 'no' },
      { kind: 'void-line', lineId: 'L1', reason: 'x'.repeat(201) },
      { kind: 'void-line', lineId: '1; DROP', reason: 'Scanned twice' },
      { kind: 'cancel-session' },
      { kind: 'pass-check', extra: 1 },
      { kind: 'refund' },
      null,
    ];
    for (const a of bad) expect(await agent.act(a as LaneAction, MARI, VIA)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await agent.act({ kind: 'ack-help' }, { badge: '', name: '' }, VIA)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await agent.act({ kind: 'ack-help' }, MARI, 'no via')).toMatchObject({ ok: false, code: 'invalid' });
    expect(h.engine.basket.lines).toHaveLength(1);
    expect(h.audit.list()).toHaveLength(0);
  });

  it('a payment needing staff shows as payment-attention; the local port lists the one lane and refuses others', async () => {
    h = startEngine();
    const agent = agentOn(h);
    const port = createLocalStorePort('S1', agent);
    const seen: number[] = [];
    port.subscribe((lanes) => seen.push(lanes.length));
    await scan(CODES.milk);
    attention = [{ merchantOrderId: 'm1', orderNo: 'K01-0001', at: 1, method: 'swip', reason: 'close-unknown', code: null, description: null, amountDueCents: 129, paidCents: 129, basketTotalCents: 129, actions: ['retry'] }];
    h.engine.publish();
    await scan(CODES.bread);
    expect(port.lanes()).toHaveLength(1);
    expect(port.lanes()[0]!.status).toBe('payment-attention');
    expect(seen.length).toBeGreaterThan(0);
    expect(await port.act('K99', { kind: 'ack-help' }, MARI, VIA)).toMatchObject({ ok: false, code: 'offline' });
  });
});
