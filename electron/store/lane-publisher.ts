/**
 * Kiosk side of the lane registry and of remote actions: puts the kiosk's LaneSnapshot in the
 * store's key-value bucket on every change and as a heartbeat every `heartbeatMs`, journals
 * status changes and alerts as events, and answers `kassa.<store>.lane.<lane>.act` requests by
 * handing valid ones to the kiosk's LaneAgent.
 */
import type { Log } from '../log';
import { toBytes, type StoreBus } from './bus';
import type { ActionResult, LaneAgent, LaneSnapshot } from './lane';
import type { EventOutbox } from './outbox';
import { subjects } from './subjects';
import { actRequestSchema, parseBus } from './wire';

export interface LanePublisherOptions {
  laneId: string;
  heartbeatMs: number;
  now?: () => number;
}

export class LanePublisher {
  private seq: number;
  private inFlight = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private last: LaneSnapshot | null = null;
  private readonly stops: Array<() => void> = [];
  private readonly now: () => number;

  constructor(
    private readonly bus: StoreBus,
    private readonly agent: LaneAgent,
    private readonly outbox: EventOutbox,
    private readonly log: Log,
    private readonly o: LanePublisherOptions,
  ) {
    this.now = o.now ?? Date.now;
    // Monotonic across restarts: the store keeps the newest snapshot by seq.
    this.seq = this.now() * 1000;
  }

  start(): void {
    this.stops.push(this.agent.onChange(() => this.changed()));
    this.stops.push(this.outbox.onBacklog(() => this.push()));
    this.stops.push(this.bus.serve(subjects(this.bus.storeId).act(this.o.laneId), (d) => this.act(d)));
    this.timer = setInterval(() => this.push(), this.o.heartbeatMs);
    this.timer.unref?.();
    this.changed();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.stops.splice(0)) s();
  }

  /** The snapshot as the store sees it (backlog and seq filled in). */
  snapshot(): LaneSnapshot {
    return { ...this.agent.snapshot(), laneId: this.o.laneId, storeId: this.bus.storeId, publishedAt: this.now(), seq: ++this.seq, outboxBacklog: this.outbox.backlog() };
  }

  private changed(): void {
    const s = this.agent.snapshot();
    const prev = this.last;
    if (prev && essence(prev) === essence(s)) return; // a view push that changed nothing the store shows
    this.last = s;
    // Status changes and alerts are events of the store stream (journaled first).
    if (!prev || prev.status !== s.status) this.outbox.append('lane', { status: s.status, since: s.since, sessionId: s.sessionId, totalCents: s.basket.totalCents });
    if (s.lock && (!prev?.lock || prev.lock.reason !== s.lock.reason)) this.outbox.append('alert', { alert: 'locked', reason: s.lock.reason, details: s.lock.details });
    if (s.assistance && !prev?.assistance) this.outbox.append('alert', { alert: 'help' });
    if (prev && JSON.stringify(prev.devices) !== JSON.stringify(s.devices)) this.outbox.append('device', { devices: s.devices });
    this.push();
  }

  /** One put in flight at a time; changes meanwhile coalesce into one more put of the newest state. */
  private push(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void this.bus
      .putLane(this.o.laneId, toBytes(this.snapshot()))
      .catch((e: Error) => this.log.debug('lane snapshot not published', { error: e }))
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.push();
        }
      });
  }

  private async act(data: Uint8Array): Promise<Uint8Array> {
    const req = parseBus(actRequestSchema, data, 'lane action', this.log);
    if (!req) return toBytes({ ok: false, code: 'invalid', message: 'the action request is not valid' } satisfies ActionResult);
    let result: ActionResult;
    try {
      result = await this.agent.act(req.action, req.by, req.via);
    } catch (e) {
      this.log.error('remote action failed', { action: req.action.kind, error: e as Error });
      result = { ok: false, code: 'refused', message: 'the kiosk could not carry out the action' };
    }
    return toBytes(result);
  }
}

const essence = (s: LaneSnapshot) => JSON.stringify({ ...s, publishedAt: 0, seq: 0, outboxBacklog: 0 });
