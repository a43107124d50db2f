/**
 * The StorePort over the store bus: lanes from the registry (key-value watch), actions by
 * request/reply to the kiosk. An offline lane is answered 'offline' without asking; a kiosk
 * that does not answer in time, 'timeout'.
 */
import type { Log } from '../log';
import { BusError, toBytes, type StoreBus } from './bus';
import type { ActionResult, LaneAction, LaneSnapshot, StaffIdentity, StorePort } from './lane';
import type { LaneRegistry } from './registry';
import { subjects } from './subjects';
import { actionResultSchema, actRequestSchema, parseBus } from './wire';

export class BusStorePort implements StorePort {
  constructor(
    private readonly bus: StoreBus,
    private readonly registry: LaneRegistry,
    private readonly log: Log,
    private readonly o: { actTimeoutMs: number },
  ) {}

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
