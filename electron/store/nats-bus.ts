/**
 * The store bus over NATS with JetStream (see bus.ts and README.md). A kiosk connects in the
 * background and keeps retrying (it sells without the bus; its outbox waits); the store node
 * connects at start and fails with the reason when no server answers.
 */
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { connect, NoRespondersError, TimeoutError, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Log } from '../log';
import { BusError, type AppendAck, type StoreBus, type Unsubscribe } from './bus';
import { connectOptions, type NatsTls } from './nats-auth';
import { inboxPrefix, ns, STREAM_LIMITS, subjects } from './subjects';

export interface NatsBusOptions {
  storeId: string;
  /** e.g. nats://127.0.0.1:4222 (several: a cluster). */
  servers: string[];
  user: string;
  /** A secret: never logged. Or `nkeySeed` (a secret too). */
  password?: string;
  /** User nkey seed (nats-auth.ts `readSeedFile`): signs the server's challenge; no password sent. */
  nkeySeed?: Uint8Array;
  /** TLS: verify the server with this CA (PEM), with an optional client certificate; `true`: system CAs. */
  tls?: NatsTls | true;
  /** Client name shown by the server (lane id or "store-node"). */
  name: string;
  log: Log;
  /** Kiosk: connect in the background, retrying forever. Store node: fail at start. */
  background: boolean;
  /** Publish acknowledgement wait, ms (default 5000). */
  ackTimeoutMs?: number;
}

type Binding = { subject: string; attach: (nc: NatsConnection) => Subscription; sub: Subscription | null };

export class NatsBus implements StoreBus {
  readonly kind = 'nats';
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private kv: KV | null = null;
  private closing = false;
  private online = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly bindings = new Set<Binding>();
  private readonly s: ReturnType<typeof subjects>;

  private constructor(private readonly o: NatsBusOptions) {
    this.s = subjects(o.storeId);
  }

  get storeId(): string {
    return this.o.storeId;
  }

  static async connect(o: NatsBusOptions): Promise<NatsBus> {
    const bus = new NatsBus(o);
    const opts = { servers: o.servers, ...connectOptions(o), name: o.name, inboxPrefix: inboxPrefix(o.user), maxReconnectAttempts: -1, reconnectTimeWait: 500, pingInterval: 5000, maxPingOut: 2 };
    if (!o.background) {
      bus.attach(await connect({ ...opts, timeout: 5000 }).catch((e: Error) => {
        throw new BusError('unavailable', `cannot connect to NATS at ${o.servers.join(', ')}: ${e.message}`);
      }));
      return bus;
    }
    // Our own retry loop (not waitOnFirstConnect), so close() can stop it before the first connection.
    let failures = 0;
    const attempt = async () => {
      if (bus.closing) return;
      try {
        const nc = await connect({ ...opts, timeout: 3000 });
        if (bus.closing) await nc.close();
        else bus.attach(nc);
      } catch (e) {
        if (failures++ === 0) o.log.warn('store bus not reachable yet; the kiosk sells and retries', { error: e as Error });
        if (!bus.closing) {
          bus.retry = setTimeout(() => void attempt(), Math.min(5000, 500 * failures));
          bus.retry.unref?.();
        }
      }
    };
    void attempt();
    return bus;
  }

  private attach(nc: NatsConnection): void {
    this.nc = nc;
    this.online = true;
    this.js = jetstream(nc, { timeout: this.o.ackTimeoutMs ?? 5000 });
    this.o.log.info('store bus connected', { server: nc.getServer(), storeId: this.o.storeId });
    for (const b of this.bindings) b.sub = b.attach(nc);
    void (async () => {
      for await (const st of nc.status()) {
        if (st.type === 'disconnect' || st.type === 'reconnect') {
          this.online = st.type === 'reconnect';
          this.o.log.warn(`store bus ${st.type}`, { server: st.server });
        }
        else if (st.type === 'error') this.o.log.warn('store bus server error', { error: st.error });
      }
    })().catch(() => undefined);
  }

  /** The store node: creates (or updates) the store stream and the lane bucket with their limits. */
  async ensureStore(laneHistory = 1): Promise<void> {
    const nc = this.need();
    const jsm = await jetstreamManager(nc);
    const cfg = { name: this.s.stream, subjects: [this.s.events], max_age: ns(STREAM_LIMITS.maxAgeMs), max_bytes: STREAM_LIMITS.maxBytes, duplicate_window: ns(STREAM_LIMITS.duplicateWindowMs), max_msg_size: STREAM_LIMITS.maxMsgBytes };
    try {
      await jsm.streams.info(this.s.stream);
      await jsm.streams.update(this.s.stream, cfg);
    } catch {
      await jsm.streams.add(cfg);
    }
    this.kv = await new Kvm(nc).create(this.s.bucket, { history: laneHistory, max_bytes: 64 * 1024 * 1024 });
  }

  async append(subject: string, data: Uint8Array, msgId: string): Promise<AppendAck> {
    const js = this.js;
    if (!js || !this.nc || this.nc.isClosed()) throw new BusError('unavailable', 'the store bus is not connected');
    try {
      const ack = await js.publish(subject, data, { msgID: msgId });
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (e) {
      throw mapError(e, subject);
    }
  }

  publish(subject: string, data: Uint8Array): void {
    if (!this.nc || this.nc.isClosed()) return; // a broadcast missed while offline: the next one replaces it
    this.nc.publish(subject, data);
  }

  subscribe(subject: string, cb: (data: Uint8Array, subject: string) => void): Unsubscribe {
    return this.bind(subject, (nc) => nc.subscribe(subject, { callback: (err, m) => {
          if (!err) cb(m.data, m.subject);
        },
      }));
  }

  async request(subject: string, data: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
    if (!this.nc || this.nc.isClosed()) throw new BusError('unavailable', 'the store bus is not connected');
    try {
      return (await this.nc.request(subject, data, { timeout: timeoutMs })).data;
    } catch (e) {
      throw mapError(e, subject);
    }
  }

  serve(subject: string, handler: (data: Uint8Array, subject: string) => Promise<Uint8Array>): Unsubscribe {
    return this.bind(subject, (nc) =>
      nc.subscribe(subject, {
        callback: (err, m) => {
          if (err) return;
          void handler(m.data, m.subject).then(
            (answer) => m.respond(answer),
            (e: Error) => this.o.log.error('bus request handler failed', { subject, error: e }),
          );
        },
      }),
    );
  }

  async putLane(laneId: string, data: Uint8Array): Promise<void> {
    // A plain JetStream publish to the bucket's subject: the kiosk needs no KV API rights.
    await this.append(this.s.lanePut(laneId), data, `lane-${laneId}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  }

  async watchLanes(cb: (laneId: string, data: Uint8Array, at: number) => void): Promise<Unsubscribe> {
    const kv = this.kv ?? (this.kv = await new Kvm(this.need()).open(this.s.bucket));
    const w = await kv.watch({ key: '>' });
    void (async () => {
      for await (const e of w) if (e.operation === 'PUT') cb(e.key, e.value, e.created.getTime());
    })().catch((e: Error) => this.o.log.error('lane watch ended', { error: e }));
    return () => w.stop();
  }

  connected(): boolean {
    return this.nc !== null && !this.nc.isClosed() && this.online;
  }

  /** The raw connection (store node and head office tools). */
  connection(): NatsConnection {
    return this.need();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    for (const b of this.bindings) b.sub?.unsubscribe();
    this.bindings.clear();
    const nc = this.nc;
    if (!nc || nc.isClosed()) return;
    // Drain (deliver what is in flight), but never wait on a server that is gone.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([nc.drain().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, this.online ? 2000 : 0)))]);
    clearTimeout(timer);
    if (!nc.isClosed()) await nc.close().catch(() => undefined);
  }

  private bind(subject: string, attach: (nc: NatsConnection) => Subscription): Unsubscribe {
    const b: Binding = { subject, attach, sub: this.nc ? attach(this.nc) : null };
    this.bindings.add(b);
    return () => {
      b.sub?.unsubscribe();
      this.bindings.delete(b);
    };
  }

  private need(): NatsConnection {
    if (!this.nc) throw new BusError('unavailable', 'the store bus is not connected');
    return this.nc;
  }
}

function mapError(e: unknown, subject: string): BusError {
  if (e instanceof BusError) return e;
  const cause = (e as { cause?: unknown }).cause;
  if (e instanceof NoRespondersError || cause instanceof NoRespondersError || (e as Error).message?.includes('no responders')) return new BusError('no-responders', `nobody answers ${subject}`);
  if (e instanceof TimeoutError || cause instanceof TimeoutError || (e as Error).name === 'TimeoutError') return new BusError('timeout', `no answer on ${subject} in time`);
  return new BusError('unavailable', `${subject}: ${(e as Error).message}`);
}
