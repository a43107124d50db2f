/**
 * The in-process store bus: a one-kiosk shop (no NATS, demo mode stays one command) and tests.
 * It behaves like the NATS one: the stream keeps events and de-duplicates message ids, requests
 * time out, a request nobody serves fails with 'no-responders'.
 */
import { BusError, subjectMatches, type AppendAck, type StoreBus, type Unsubscribe } from './bus';

interface Sub {
  pattern: string;
  cb: (data: Uint8Array, subject: string) => void;
}

/** What several in-process bus clients share (the "server"). */
export class MemoryBusHub {
  readonly events: Array<{ seq: number; subject: string; msgId: string; data: Uint8Array }> = [];
  private readonly ids = new Map<string, number>();
  private lastSeq = 0;
  readonly subs = new Set<Sub>();
  readonly servers = new Map<string, (data: Uint8Array, subject: string) => Promise<Uint8Array>>();
  readonly lanes = new Map<string, { data: Uint8Array; at: number }>();
  readonly laneWatchers = new Set<(laneId: string, data: Uint8Array, at: number) => void>();

  /** `keep`: how many events the in-process stream keeps (the oldest go first). */
  constructor(
    readonly storeId: string,
    private readonly keep = 100_000,
  ) {}

  client(): StoreBus {
    return new MemoryBus(this);
  }

  append(subject: string, data: Uint8Array, msgId: string): AppendAck {
    const seen = this.ids.get(msgId);
    if (seen !== undefined) return { seq: seen, duplicate: true };
    const seq = ++this.lastSeq;
    this.events.push({ seq, subject, msgId, data });
    this.ids.set(msgId, seq);
    if (this.events.length > this.keep) this.ids.delete(this.events.shift()!.msgId);
    this.deliver(subject, data);
    return { seq, duplicate: false };
  }

  deliver(subject: string, data: Uint8Array): void {
    // Asynchronous like a network, so a publisher never runs its subscribers' code on its stack.
    for (const s of this.subs) if (subjectMatches(s.pattern, subject)) queueMicrotask(() => s.cb(data, subject));
  }
}

class MemoryBus implements StoreBus {
  readonly kind = 'memory';
  private closed = false;
  private readonly mine = new Set<Unsubscribe>();

  constructor(private readonly hub: MemoryBusHub) {}

  get storeId(): string {
    return this.hub.storeId;
  }

  async append(subject: string, data: Uint8Array, msgId: string): Promise<AppendAck> {
    this.open();
    return this.hub.append(subject, data, msgId);
  }

  publish(subject: string, data: Uint8Array): void {
    this.open();
    this.hub.deliver(subject, data);
  }

  subscribe(pattern: string, cb: (data: Uint8Array, subject: string) => void): Unsubscribe {
    const sub: Sub = { pattern, cb };
    this.hub.subs.add(sub);
    return this.track(() => this.hub.subs.delete(sub));
  }

  async request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    this.open();
    const handler = this.hub.servers.get(subject) ?? [...this.hub.servers].find(([p]) => subjectMatches(p, subject))?.[1];
    if (!handler) throw new BusError('no-responders', `nobody answers ${subject}`);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        handler(data, subject),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new BusError('timeout', `no answer on ${subject} within ${timeoutMs} ms`)), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  serve(subject: string, handler: (data: Uint8Array, subject: string) => Promise<Uint8Array>): Unsubscribe {
    this.hub.servers.set(subject, handler);
    return this.track(() => {
      if (this.hub.servers.get(subject) === handler) this.hub.servers.delete(subject);
    });
  }

  async putLane(laneId: string, data: Uint8Array): Promise<void> {
    this.open();
    const at = Date.now();
    this.hub.lanes.set(laneId, { data, at });
    for (const w of this.hub.laneWatchers) queueMicrotask(() => w(laneId, data, at));
  }

  async watchLanes(cb: (laneId: string, data: Uint8Array, at: number) => void): Promise<Unsubscribe> {
    for (const [id, e] of this.hub.lanes) cb(id, e.data, e.at);
    this.hub.laneWatchers.add(cb);
    return this.track(() => this.hub.laneWatchers.delete(cb));
  }

  connected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const u of [...this.mine]) u();
  }

  private track(u: () => void): Unsubscribe {
    const once = () => {
      this.mine.delete(once);
      u();
    };
    this.mine.add(once);
    return once;
  }

  private open(): void {
    if (this.closed) throw new BusError('closed', 'the store bus is closed');
  }
}
