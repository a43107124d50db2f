/**
 * The StorePort of a one-kiosk shop (and demo mode): the store is this kiosk's own LaneAgent,
 * in-process, no NATS. The attendant console reads and acts through it exactly as it would
 * through the store node's port over the bus.
 */
import type { ActionResult, LaneAction, LaneAgent, LaneSnapshot, StaffIdentity, StorePort } from './lane';

export function createLocalStorePort(storeId: string, agent: LaneAgent): StorePort & { close(): void } {
  const listeners = new Set<(lanes: LaneSnapshot[]) => void>();
  const stop = agent.onChange(() => {
    const lanes = [agent.snapshot()];
    for (const l of listeners) l(lanes);
  });
  return {
    storeId,
    lanes: () => [agent.snapshot()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async act(laneId: string, action: LaneAction, by: StaffIdentity, via: string): Promise<ActionResult> {
      const own = agent.snapshot().laneId;
      if (laneId !== own) return { ok: false, code: 'offline', message: `no lane ${laneId.slice(0, 32)} in this shop` };
      return agent.act(action, by, via);
    },
    close() {
      stop();
      listeners.clear();
    },
  };
}
