/**
 * Store side of the lane registry: watches the lane bucket, keeps each lane's newest snapshot
 * (by seq) and when the store last heard from it, and reports a lane `offline` (since its last
 * heartbeat) once that is older than `offlineAfterMs`.
 */
import type { Log } from '../log';
import type { StoreBus } from './bus';
import type { LaneSnapshot } from './lane';
import { laneSnapshotSchema, parseBus } from './wire';

export class LaneRegistry {
  private readonly lanes = new Map<string, { snap: LaneSnapshot; seenAt: number; offline: boolean }>();
  private readonly listeners = new Set<(lanes: LaneSnapshot[]) => void>();
  private stopWatch: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly bus: StoreBus,
    private readonly log: Log,
    private readonly o: { offlineAfterMs: number; now?: () => number },
  ) {
    this.now = o.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.stopWatch = await this.bus.watchLanes((laneId, data) => this.entry(laneId, data));
    this.timer = setInterval(() => this.sweep(), Math.max(100, Math.floor(this.o.offlineAfterMs / 4)));
    this.timer.unref?.();
  }

  stop(): void {
    this.stopWatch?.();
    if (this.timer) clearInterval(this.timer);
  }

  /** Every lane, offline ones with status 'offline' since their last heartbeat; by lane id. */
  list(): LaneSnapshot[] {
    return [...this.lanes.values()]
      .map((l) => (l.offline ? { ...l.snap, status: 'offline' as const, since: l.seenAt } : l.snap))
      .sort((a, b) => a.laneId.localeCompare(b.laneId));
  }

  online(): number {
    return [...this.lanes.values()].filter((l) => !l.offline).length;
  }

  subscribe(l: (lanes: LaneSnapshot[]) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private entry(laneId: string, data: Uint8Array): void {
    const snap = parseBus(laneSnapshotSchema, data, 'lane snapshot', this.log);
    if (!snap) return;
    if (snap.laneId !== laneId || snap.storeId !== this.bus.storeId || snap.status === 'offline') {
      this.log.warn('bus message refused: lane snapshot under the wrong key or store', { laneId });
      return;
    }
    const cur = this.lanes.get(laneId);
    if (cur && cur.snap.seq > snap.seq) return;
    if (cur?.offline) this.log.info('lane back online', { laneId });
    this.lanes.set(laneId, { snap, seenAt: this.now(), offline: false });
    this.emit();
  }

  private sweep(): void {
    let changed = false;
    for (const [laneId, l] of this.lanes) {
      if (!l.offline && this.now() - l.seenAt > this.o.offlineAfterMs) {
        l.offline = true;
        changed = true;
        this.log.warn('lane offline: no heartbeat', { laneId, lastSeenAt: l.seenAt });
      }
    }
    if (changed) this.emit();
  }

  private emit(): void {
    const lanes = this.list();
    for (const l of this.listeners) l(lanes);
  }
}
