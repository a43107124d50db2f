/**
 * The StorePort over the store bus: lanes from the registry (key-value watch), actions by
 * request/reply to the kiosk. An offline lane is answered 'offline' without asking; a kiosk
 * that does not answer in time, 'timeout'. The store's Smarts checks come from the store node's
 * own Smarts part (`attachChecks`), resolved there directly (store-checks.ts); its InPost Pay
 * baskets from the store node's ledger (`attachInpost`, read-only).
 */
import type { Log } from '../log';
import { BusError, toBytes, type StoreBus } from './bus';
import type { ActionResult, CheckResult, CheckVerdict, LaneAction, LaneSnapshot, StaffIdentity, StoreCheck, StoreInpostOrder, StorePort } from './lane';
import type { LaneRegistry } from './registry';
import { StoreChecks, type SmartsCheckSource } from './store-checks';
import { subjects } from './subjects';
import { actionResultSchema, actRequestSchema, parseBus } from './wire';

export class BusStorePort implements StorePort {
  private readonly smarts: StoreChecks;
  private inpost: { orders(): StoreInpostOrder[]; onChange(listener: () => void): () => void } | null = null;
  private stopInpost: (() => void) | null = null;
  private readonly inpostListeners = new Set<() => void>();

  constructor(
    private readonly bus: StoreBus,
    private readonly registry: LaneRegistry,
    private readonly log: Log,
    private readonly o: { actTimeoutMs: number },
  ) {
    this.smarts = new StoreChecks(log);
  }

  /** The store node's Smarts part (its port and its PurchaseCheckStore's changes). */
  attachChecks(source: SmartsCheckSource): void {
    this.smarts.attach(source);
  }

  checks(): StoreCheck[] | null {
    return this.smarts.list();
  }

  subscribeChecks(listener: (checks: StoreCheck[]) => void): () => void {
    return this.smarts.subscribe(listener);
  }

  resolveCheck(invoiceId: string, verdict: CheckVerdict, by: StaffIdentity, via: string): Promise<CheckResult> {
    return this.smarts.resolve(invoiceId, verdict, by, via);
  }

  /** The store node's InPost Pay ledger (store-inpost.ts). */
  attachInpost(source: { orders(): StoreInpostOrder[]; onChange(listener: () => void): () => void }): void {
    this.stopInpost?.();
    this.inpost = source;
    this.stopInpost = source.onChange(() => this.inpostListeners.forEach((l) => l()));
    this.inpostListeners.forEach((l) => l());
  }

  inpostOrders(): StoreInpostOrder[] | null {
    return this.inpost?.orders() ?? null;
  }

  subscribeInpost(listener: () => void): () => void {
    this.inpostListeners.add(listener);
    return () => this.inpostListeners.delete(listener);
  }

  close(): void {
    this.stopInpost?.();
    this.smarts.close();
  }

  get storeId(): string {
    return this.bus.storeId;
  }

  lanes(): LaneSnapshot[] {
    return this.registry.list();
  }

  subscribe(listener: (lanes: LaneSnapshot[]) => void): () => void {
    return this.registry.subscribe(listener);
  }

  async act(laneId: string, action: LaneAction, by: StaffIdentity, via: string): Promise<ActionResult> {
    const req = actRequestSchema.safeParse({ action, by, via });
    if (!req.success) return { ok: false, code: 'invalid', message: `invalid action: ${req.error.issues[0]?.path.join('.') ?? ''}` };
    const lane = this.registry.list().find((l) => l.laneId === laneId);
    if (!lane) return { ok: false, code: 'offline', message: `lane ${laneId} is not known to the store` };
    if (lane.status === 'offline') return { ok: false, code: 'offline', message: `lane ${laneId} is offline` };
    try {
      const answer = await this.bus.request(subjects(this.bus.storeId).act(laneId), toBytes(req.data), this.o.actTimeoutMs);
      return parseBus(actionResultSchema, answer, 'action result', this.log) ?? { ok: false, code: 'invalid', message: 'the kiosk answered with an invalid result' };
    } catch (e) {
      if (e instanceof BusError && e.code === 'timeout') return { ok: false, code: 'timeout', message: `lane ${laneId} did not answer in ${this.o.actTimeoutMs} ms` };
      if (e instanceof BusError) return { ok: false, code: 'offline', message: `lane ${laneId} cannot be reached (${e.code})` };
      throw e;
    }
  }
}
