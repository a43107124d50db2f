/**
 * Store node side of store-wide Smarts purchase checks. The store node hosts the merchant node
 * (Smarts calls one URL per store) and keeps the checks; this hub broadcasts the check list on
 * `kassa.<store>.checks` after every change (and every `refreshMs`, so a kiosk that missed one
 * catches up) and answers the kiosks' requests: get, resolve, open, resend. A check is resolved
 * exactly once (PurchaseCheckStore refuses a second verdict), and its one result goes to the
 * Smarts gateway through the store node's outbox.
 */
import type { SmartsPart } from '../app/smarts';
import type { Log } from '../log';
import { toBytes, type StoreBus } from './bus';
import { subjects } from './subjects';
import { checkRefSchema, parseBus, resolveCheckSchema } from './wire';

type Answer = { ok: true } | { ok: false; code: string; message: string };

export class SmartsHub {
  private readonly stops: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;

  constructor(
    private readonly bus: StoreBus,
    private readonly port: SmartsPart['port'],
    private readonly log: Log,
    private readonly o: { refreshMs?: number; now?: () => number } = {},
  ) {}

  start(): void {
    const s = subjects(this.bus.storeId);
    this.stops.push(this.bus.serve(s.checksOp('get'), async () => toBytes(this.list())));
    this.stops.push(this.bus.serve(s.checksOp('resolve'), (d) => this.run(d, 'resolve')));
    this.stops.push(this.bus.serve(s.checksOp('open'), (d) => this.run(d, 'open')));
    this.stops.push(this.bus.serve(s.checksOp('resend'), (d) => this.run(d, 'resend')));
    this.timer = setInterval(() => this.broadcast(), this.o.refreshMs ?? 10_000);
    this.timer.unref?.();
    this.broadcast();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.stops.splice(0)) s();
  }

  /** Something changed (the Smarts part's `publish`): one broadcast per turn of the event loop. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.broadcast();
    });
  }

  private list() {
    return { at: (this.o.now ?? Date.now)(), checks: this.port.checks().slice(0, 100) };
  }

  private broadcast(): void {
    try {
      this.bus.publish(subjects(this.bus.storeId).checks, toBytes(this.list()));
    } catch (e) {
      this.log.warn('check list not broadcast', { error: e as Error });
    }
  }

  private async run(data: Uint8Array, op: 'resolve' | 'open' | 'resend'): Promise<Uint8Array> {
    const answer = await this.answer(data, op);
    if (answer.ok) this.changed();
    return toBytes(answer);
  }

  private async answer(data: Uint8Array, op: 'resolve' | 'open' | 'resend'): Promise<Answer> {
    if (op === 'resolve') {
      const req = parseBus(resolveCheckSchema, data, 'check verdict', this.log);
      if (!req) return { ok: false, code: 'invalid', message: 'the verdict is not valid' };
      return this.guard(() => {
        this.port.resolve(req.invoiceId, req.status, req.edits, `${req.by}@${req.laneId}`);
        this.log.info('purchase check resolved from a kiosk', { invoiceId: req.invoiceId, status: req.status, laneId: req.laneId });
      });
    }
    const req = parseBus(checkRefSchema, data, `check ${op}`, this.log);
    if (!req) return { ok: false, code: 'invalid', message: `the ${op} request is not valid` };
    if (op === 'open') return this.guard(() => this.port.open(req.invoiceId, `${req.by}@${req.laneId}`));
    return this.guard(() => this.port.requestResend(req.invoiceId));
  }

  private async guard(f: () => unknown): Promise<Answer> {
    try {
      await f();
      return { ok: true };
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code === 'string') return { ok: false, code: code.slice(0, 64), message: (e as Error).message.slice(0, 500) };
      this.log.error('check request failed', { error: e as Error });
      return { ok: false, code: 'internal', message: 'the store node could not carry out the request' };
    }
  }
}
