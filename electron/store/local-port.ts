/**
 * The StorePort of a one-kiosk shop (and demo mode): the store is this kiosk's own LaneAgent,
 * in-process, no NATS. The attendant console reads and acts through it exactly as it would
 * through the store node's port over the bus. The store's Smarts checks are the kiosk's own
 * Smarts part's, when it runs one (resolved there directly, exactly once: store-checks.ts).
 */
import type { Log } from '../log';
import type { ActionResult, LaneAction, LaneAgent, LaneSnapshot, StaffIdentity, StorePort } from './lane';
import { StoreChecks, type SmartsCheckSource } from './store-checks';

export function createLocalStorePort(storeId: string, agent: LaneAgent, smarts?: { source: SmartsCheckSource; log: Log } | null): StorePort & { close(): void } {
  const listeners = new Set<(lanes: LaneSnapshot[]) => void>();
  const stop = agent.onChange(() => {
    const lanes = [agent.snapshot()];
    for (const l of listeners) l(lanes);
  });
  const checks = smarts ? new StoreChecks(smarts.log) : null;
  if (checks && smarts) checks.attach(smarts.source);
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
    ...(checks
      ? {
          checks: () => checks.list(),
          subscribeChecks: (listener) => checks.subscribe(listener),
          resolveCheck: (invoiceId, verdict, by, via) => checks.resolve(invoiceId, verdict, by, via),
        }
      : {}),
    close() {
      stop();
      listeners.clear();
      checks?.close();
    },
  };
}
