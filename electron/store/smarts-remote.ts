/**
 * Kiosk side of store-wide Smarts purchase checks: the staff console's Smarts port
 * (SupervisionPorts['smarts']) backed by the store bus. The list is the store node's latest
 * broadcast (asked for at start and after a reconnect); a verdict is a request to the store
 * node, which resolves the check exactly once: a second kiosk's verdict is refused there.
 */
import { IntentRefused } from '../engine/engine';
import type { SupervisionPorts } from '../engine/supervision';
import type { SmartsCheckView } from '../ipc/view';
import type { Log } from '../log';
import { BusError, toBytes, type StoreBus } from './bus';
import { subjects } from './subjects';
import { checkAnswerSchema, checkListSchema, parseBus } from './wire';

type Port = NonNullable<SupervisionPorts['smarts']>;

export class RemoteSmarts {
  private list: SmartsCheckView[] = [];
  private at = 0;
  private readonly stops: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  readonly port: Port;

  constructor(
    private readonly bus: StoreBus,
    private readonly laneId: string,
    private readonly log: Log,
    private readonly o: { timeoutMs: number; onChange: () => void; refreshMs?: number },
  ) {
    this.port = {
      checks: () => this.list,
      resolve: () => {
        throw new IntentRefused('not-available', 'verdicts go to the store node');
      },
      resolveAsync: (invoiceId, status, edits, by) => this.ask('resolve', { invoiceId, status, ...(edits ? { edits } : {}), by, laneId: this.laneId }),
      open: (invoiceId, by) => void this.ask('open', { invoiceId, by, laneId: this.laneId }).catch(() => undefined),
      requestResend: (invoiceId) => this.ask('resend', { invoiceId, by: 'staff', laneId: this.laneId }),
    };
  }

  start(): void {
    this.stops.push(this.bus.subscribe(subjects(this.bus.storeId).checks, (d) => this.received(d)));
    // Until the first broadcast arrives (and as a safety net), ask for the list now and then.
    const poll = () => void this.fetch();
    this.timer = setInterval(poll, this.o.refreshMs ?? 15_000);
    this.timer.unref?.();
    poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.stops.splice(0)) s();
  }

  async fetch(): Promise<void> {
    try {
      this.received(await this.bus.request(subjects(this.bus.storeId).checksOp('get'), toBytes({}), this.o.timeoutMs));
    } catch (e) {
      this.log.debug('check list not fetched', { error: e as Error });
    }
  }

  private received(data: Uint8Array): void {
    const msg = parseBus(checkListSchema, data, 'check list', this.log);
    if (!msg || msg.at < this.at) return;
    this.at = msg.at;
    const before = JSON.stringify(this.list);
    this.list = msg.checks as SmartsCheckView[];
    if (JSON.stringify(this.list) !== before) this.o.onChange();
  }

  private async ask(op: 'resolve' | 'open' | 'resend', body: unknown): Promise<void> {
    let answer: Uint8Array;
    try {
      answer = await this.bus.request(subjects(this.bus.storeId).checksOp(op), toBytes(body), this.o.timeoutMs);
    } catch (e) {
      if (e instanceof BusError) throw new IntentRefused(e.code === 'timeout' ? 'store-timeout' : 'store-offline', e.code === 'timeout' ? 'the store node did not answer in time' : 'the store node cannot be reached');
      throw e;
    }
    const r = parseBus(checkAnswerSchema, answer, `check ${op} answer`, this.log);
    if (!r) throw new IntentRefused('store-invalid', 'the store node answered with an invalid message');
    if (!r.ok) throw IntentRefused.passOn(r.code, r.message);
    await this.fetch();
  }
}
