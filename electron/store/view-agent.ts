/**
 * A basic LaneAgent read from the kiosk's view: status, basket, lock and devices. It carries out
 * no remote actions ('not-allowed'). The kiosk uses it until the full LaneAgent (lane-agent.ts,
 * audited remote actions) is attached with StoreLink.attachAgent.
 */
import type { KioskEngine } from '../engine/engine';
import type { KioskView } from '../ipc/view';
import type { LaneAgent, LaneSnapshot, LaneStatus } from './lane';

function status(v: KioskView): LaneStatus {
  if (v.outOfOrder) return 'out-of-order';
  if (v.lock) return v.lock.reason === 'assistance' ? 'help' : 'locked';
  if (v.assistance.requested) return 'help';
  if (v.state === 'paying' || v.state === 'finishing') return 'paying';
  if (v.state === 'shopping' || v.state === 'checkout') return 'shopping';
  return 'idle';
}

export function viewAgent(engine: KioskEngine, ids: { storeId: string; laneId: string }, now: () => number): LaneAgent {
  let since = now();
  let last: LaneStatus | null = null;
  // The view the engine pushed last: a snapshot never builds the view a second time.
  let latest: KioskView | null = null;
  engine.onView((v) => (latest = v));
  const snapshot = (): LaneSnapshot => {
    const v = latest ?? engine.view();
    const s = status(v);
    if (s !== last) {
      last = s;
      since = v.lock?.since ?? now();
    }
    return {
      ...ids,
      status: s,
      since,
      publishedAt: now(),
      seq: 0,
      sessionId: v.sessionId,
      currency: v.store.currency,
      basket: {
        totalCents: v.basket.totalCents,
        articleCount: v.basket.articleCount,
        lines: v.basket.lines.slice(0, 500).map((l) => ({
          id: l.id.slice(0, 64),
          name: l.name.slice(0, 200),
          quantity: l.measure.kind === 'pieces' ? l.measure.count : l.measure.kind === 'weight' ? l.measure.grams : 1,
          unit: l.measure.kind === 'weight' ? ('gram' as const) : ('piece' as const),
          totalCents: l.totalCents,
          ageLimit: l.ageLimit,
        })),
      },
      lock: v.lock ? { reason: v.lock.reason, details: v.lock.reasons.slice(0, 50) } : null,
      assistance: v.assistance.requested,
      devices: Object.fromEntries(Object.entries(v.devices).map(([k, d]) => [k, String(d)])),
      outboxBacklog: 0,
    };
  };
  return {
    snapshot,
    onChange: (l) =>
      engine.onView((v) => {
        latest = v;
        l();
      }),
    act: async () => ({ ok: false, code: 'not-allowed', message: 'this kiosk does not take remote actions yet' }),
  };
}
