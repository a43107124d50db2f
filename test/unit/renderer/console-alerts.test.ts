/** The attendant console's alert list: which lanes alert, longest wait first; waiting-time text. */
import { describe, expect, it } from 'vitest';
import { alertItems, alertsOf, isAlert } from '../../../renderer/console/alerting';
import { formatClock, formatWait } from '../../../renderer/console/time';
import { keepUnchanged } from '../../../renderer/console/connection';
import { inpostAttention } from '../../../renderer/console/inpost-attention';
import type { LaneSnapshot, LaneStatus, StoreCheck, StoreInpostOrder } from '../../../electron/store/lane';

function lane(laneId: string, status: LaneStatus, since: number, extra: Partial<LaneSnapshot> = {}): LaneSnapshot {
  return { laneId, storeId: 'S', status, since, publishedAt: 0, seq: 1, sessionId: null, currency: 'EUR', basket: { totalCents: 0, articleCount: 0, lines: [] }, lock: null, assistance: false, devices: {}, outboxBacklog: 0, ...extra };
}

describe('alerts', () => {
  it('lists lanes that need someone, longest waiting first; acknowledged help no longer alerts', () => {
    const lanes = [
      lane('K01', 'shopping', 10),
      lane('K02', 'help', 300),
      lane('K03', 'locked', 200),
      lane('K04', 'offline', 100),
      lane('K05', 'help', 50, { assistanceAck: { name: 'Mari', at: 60 } }),
      lane('K06', 'payment-attention', 200),
      lane('K07', 'idle', 0),
      lane('K08', 'paying', 5),
      lane('K09', 'device-fault', 400),
    ];
    expect(alertsOf(lanes).map((l) => l.laneId)).toEqual(['K04', 'K03', 'K06', 'K02', 'K09']);
    expect(isAlert(lanes[4]!)).toBe(false);
  });

  it('sorts Smarts checks of the store among the lane alerts by waiting time', () => {
    const check = (invoiceId: string, receivedAt: number): StoreCheck => ({ invoiceId, decision: 'AGE', receivedAt, expiresAt: receivedAt + 1000, products: [] });
    const items = alertItems([lane('K01', 'locked', 200), lane('K02', 'help', 50), lane('K03', 'shopping', 1)], [check('INV-A', 100), check('INV-B', 300)]);
    expect(items.map((i) => (i.kind === 'lane' ? i.lane.laneId : i.check.invoiceId))).toEqual(['K02', 'INV-A', 'K01', 'INV-B']);
    expect(alertItems([lane('K01', 'locked', 200)], null)).toHaveLength(1);
  });

  it('formats waiting times as m:ss, hours as h:mm', () => {
    expect(formatWait(-5)).toBe('0:00');
    expect(formatWait(75_000)).toBe('1:15');
    expect(formatWait(3 * 3600_000 + 5 * 60_000)).toBe('3:05 h');
  });

  it('formats clock times per language with a kept formatter, as toLocaleTimeString does', () => {
    const at = Date.UTC(2026, 11, 4, 13, 7);
    for (const lang of ['en', 'et', 'pl', 'ru', 'en']) expect(formatClock(at, lang)).toBe(new Date(at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }));
    expect(formatClock(at + 60_000, 'et')).not.toBe(formatClock(at, 'et'));
  });
});

describe('lanes frames', () => {
  it('keep the previous object of every unchanged lane, so only changed tiles re-render', () => {
    const first = keepUnchanged([], [lane('K01', 'idle', 0), lane('K02', 'shopping', 5)]);
    // The next frame is parsed from JSON again: new objects with equal or changed content.
    const again = JSON.parse(JSON.stringify([lane('K01', 'idle', 0), lane('K02', 'shopping', 5, { basket: { totalCents: 250, articleCount: 1, lines: [] } }), lane('K03', 'idle', 0)])) as LaneSnapshot[];
    const second = keepUnchanged(first, again);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.basket.totalCents).toBe(250);
    expect(second[2]!.laneId).toBe('K03');
    // A lane gone from the frame is gone; the changed lane is now the kept one.
    const third = keepUnchanged(second, JSON.parse(JSON.stringify([second[1]])) as LaneSnapshot[]);
    expect(third).toHaveLength(1);
    expect(third[0]).toBe(second[1]);
  });
});

describe('InPost orders waiting for staff', () => {
  it('marks a basket whose own lane lists its payment (InPost) in attention, and no other', () => {
    const pay = (merchantOrderId: string, provider = 'inpost') => ({ merchantOrderId, orderNo: null, provider, amountCents: 500, paidCents: 500, reason: 'close-refused', code: null, description: null, since: 1, retry: true });
    const needs = inpostAttention([lane('K01', 'payment-attention', 1, { payments: [pay('b-1'), pay('b-9', 'swip')] }), lane('K02', 'shopping', 1)]);
    const order = (basketId: string, laneId: string): StoreInpostOrder => ({ basketId, laneId, orderId: null, status: 'authorized', totalCents: 500, createdAt: 1, updatedAt: 1 });
    expect(needs(order('b-1', 'K01'))).toBe(true);
    expect(needs(order('b-1', 'K02'))).toBe(false);
    expect(needs(order('b-2', 'K01'))).toBe(false);
    expect(needs(order('b-9', 'K01'))).toBe(false);
  });
});
