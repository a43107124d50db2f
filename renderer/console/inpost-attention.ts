/**
 * Which InPost Pay baskets wait for staff: a lane lists its payments in attention by merchant
 * order id, and a kiosk's InPost basket id is that payment's merchant order id.
 */
import type { LaneSnapshot, StoreInpostOrder } from '../../electron/store/lane';

export function inpostAttention(lanes: LaneSnapshot[]): (o: StoreInpostOrder) => boolean {
  const keys = new Set(lanes.flatMap((l) => (l.payments ?? []).filter((p) => p.provider === 'inpost').map((p) => `${l.laneId}/${p.merchantOrderId}`)));
  return (o) => keys.has(`${o.laneId}/${o.basketId}`);
}
