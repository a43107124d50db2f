import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import { BusError, subjectMatches, toBytes, type StoreBus } from '../../../electron/store/bus';
import { BusStorePort } from '../../../electron/store/bus-port';
import type { LaneAgent, LaneSnapshot } from '../../../electron/store/lane';
import { LanePublisher } from '../../../electron/store/lane-publisher';
import { MemoryBusHub } from '../../../electron/store/memory-bus';
import { EventOutbox } from '../../../electron/store/outbox';
import { LaneRegistry } from '../../../electron/store/registry';

const until = async (f: () => boolean, what: string) => {
  const end = Date.now() + 5000;
  while (!f()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('subject matching', () => {
  it('matches * one token and > the rest', () => {
    expect(subjectMatches('kassa.S.ev.>', 'kassa.S.ev.K01.lane')).toBe(true);
    expect(subjectMatches('kassa.S.ev.>', 'kassa.S.ev')).toBe(false);
    expect(subjectMatches('kassa.S.lane.*.act', 'kassa.S.lane.K01.act')).toBe(true);
    expect(subjectMatches('kassa.S.lane.*.act', 'kassa.S.lane.K01.x.act')).toBe(false);
    expect(subjectMatches('kassa.S.checks', 'kassa.S.checks.get')).toBe(false);
  });
});

describe('the in-process bus (one-kiosk shop)', () => {
  let dir: string;
  let db: JournalDb;
  let hub: MemoryBusHub;
  let kiosk: StoreBus;
  const log = memoryLog('t');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kassa-membus-'));
    db = openJournalDb(join(dir, 'journal.db'));
    hub = new MemoryBusHub('local', 5);
    kiosk = hub.client();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the stream de-duplicates message ids and keeps a bounded number of events', async () => {
    expect(await kiosk.append('kassa.local.ev.K01.lane', toBytes({}), 'a')).toEqual({ seq: 1, duplicate: false });
    expect(await kiosk.append('kassa.local.ev.K01.lane', toBytes({}), 'a')).toEqual({ seq: 1, duplicate: true });
    for (let i = 0; i < 10; i++) await kiosk.append('kassa.local.ev.K01.lane', toBytes({}), `m${i}`);
    expect(hub.events).toHaveLength(5);
  });

  it('requests fail clearly: nobody answers, or not in time', async () => {
    await expect(kiosk.request('kassa.local.x', toBytes({}), 50)).rejects.toMatchObject({ code: 'no-responders' });
    hub.client().serve('kassa.local.x', () => new Promise(() => undefined));
    await expect(kiosk.request('kassa.local.x', toBytes({}), 50)).rejects.toBeInstanceOf(BusError);
  });

  it('the outbox journals first, drains with stable ids, and waits while the bus refuses', async () => {
    const outbox = new EventOutbox(db, kiosk, log, { storeId: 'local', laneId: 'K01', retryMs: 10 });
    outbox.append('session', { event: 'started' });
    outbox.append('payment', { merchantOrderId: 'M1' }, 'payment-M1');
    expect(outbox.append('payment', { merchantOrderId: 'M1' }, 'payment-M1')).toBe(0); // journaled once
    expect(outbox.backlog()).toBe(2);
    await kiosk.close(); // the bus refuses everything now
    outbox.start();
    await new Promise((r) => setTimeout(r, 50));
    expect(outbox.backlog()).toBe(2);
    await outbox.stop();
    const again = new EventOutbox(db, hub.client(), log, { storeId: 'local', laneId: 'K01' });
    again.start();
    await until(() => again.backlog() === 0, 'drained');
    await again.stop();
    expect(hub.events.map((e) => e.msgId)).toEqual(again.ids());
    expect(again.ids()[0]).toMatch(/^K01-[0-9a-f]{12}-1$/);
  });

  it('a lane registers through the publisher, acts through the StorePort, and goes offline without heartbeats', async () => {
    let snap: LaneSnapshot = { laneId: 'K01', storeId: 'local', status: 'idle', since: 1, publishedAt: 1, seq: 0, sessionId: null, currency: 'EUR', basket: { totalCents: 0, articleCount: 0, lines: [] }, lock: null, assistance: false, devices: {}, outboxBacklog: 0 };
    const listeners = new Set<() => void>();
    const acted: string[] = [];
    const agent: LaneAgent = {
      snapshot: () => snap,
      onChange: (l) => (listeners.add(l), () => listeners.delete(l)),
      act: async (a, by, via) => (acted.push(`${a.kind}/${by.badge}/${via}`), { ok: true }),
    };
    const outbox = new EventOutbox(db, kiosk, log, { storeId: 'local', laneId: 'K01' });
    const pub = new LanePublisher(kiosk, agent, outbox, log, { laneId: 'K01', heartbeatMs: 60_000 });
    const store = hub.client();
    const registry = new LaneRegistry(store, log, { offlineAfterMs: 400 });
    await registry.start();
    const port = new BusStorePort(store, registry, log, { actTimeoutMs: 500 });
    pub.start();
    await until(() => port.lanes().length === 1, 'registered');
    snap = { ...snap, status: 'help', assistance: true };
    listeners.forEach((l) => l());
    await until(() => port.lanes()[0]?.status === 'help', 'help shown');
    expect(await port.act('K01', { kind: 'ack-help' }, { badge: 'B1', name: 'Mari' }, 'console-1')).toEqual({ ok: true });
    expect(acted).toEqual(['ack-help/B1/console-1']);
    // The alert and the status change were journaled as events.
    expect(db.prepare(`SELECT kind FROM store_outbox ORDER BY id`).all()).toEqual([{ kind: 'lane' }, { kind: 'lane' }, { kind: 'alert' }]);
    pub.stop();
    await until(() => port.lanes()[0]?.status === 'offline', 'offline');
    expect(await port.act('K01', { kind: 'ack-help' }, { badge: 'B1', name: 'Mari' }, 'console-1')).toMatchObject({ ok: false, code: 'offline' });
    registry.stop();
  });
});
