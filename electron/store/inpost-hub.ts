/**
 * Store node side of InPost Pay. The store node is the merchant backend InPost knows (one URL,
 * one credential): its merchant node checks InPost's signature and the request (routes.ts), then
 * `answer` relays the call by request/reply to the kiosk owning the basket or order
 * (`kassa.<store>.lane.<lane>.inpost`), checks the kiosk's answer and gives it to InPost. Unknown
 * basket or order → 404 BASKET_NOT_FOUND / ORDER_NOT_FOUND; the kiosk offline or silent → 503
 * SERVICE_UNAVAILABLE; an answer that does not fit the call → 500 INTERNAL_SERVER_ERROR (logged).
 * Kiosks call InPost through `start()`'s service (`kassa.<store>.inpost.<lane>.call`): a kiosk
 * may act only on its own baskets (the lane comes from the subject, which NATS lets only that
 * kiosk publish).
 */
import { centsToDecimal } from '../checkout/money';
import { byOrder, type CallAnswer, type InpostCall } from '../inpost/calls';
import { isInpostApiError, type InpostClient } from '../inpost/client';
import type { Log } from '../log';
import { BusError, toBytes, type StoreBus } from './bus';
import { answerFits, inpostCallSchema, relayAnswerSchema, type InpostBusCall, type InpostCallAnswer } from './inpost-wire';
import type { InpostLedger } from './inpost-ledger';
import { subjects } from './subjects';
import { parseBus } from './wire';

const err = (status: number, code: string, message: string): CallAnswer => ({ status, body: { error_code: code, error_message: message } });

export class InpostHub {
  private stop: (() => void) | null = null;

  constructor(
    private readonly bus: StoreBus,
    private readonly ledger: InpostLedger,
    private readonly client: InpostClient,
    private readonly log: Log,
    private readonly o: { relayTimeoutMs: number },
  ) {}

  /** Serves the kiosks' calls to InPost. */
  start(): void {
    const s = subjects(this.bus.storeId);
    const prefix = `${s.prefix}.inpost.`;
    this.stop = this.bus.serve(s.inpostCalls, async (data, subject) => {
      const lane = subject.startsWith(prefix) ? subject.slice(prefix.length).split('.')[0]! : '';
      return toBytes(await this.kioskCall(lane, data));
    });
  }

  close(): void {
    this.stop?.();
    this.stop = null;
  }

  /** InPost's call (signature and body already checked): relayed to the owning kiosk. */
  readonly answer = async (call: InpostCall): Promise<CallAnswer> => {
    const route = byOrder(call.op) ? this.ledger.byOrder(call.id) : this.ledger.get(call.id);
    if (!route) return byOrder(call.op) ? err(404, 'ORDER_NOT_FOUND', 'no such order') : err(404, 'BASKET_NOT_FOUND', 'no such basket');
    let data: Uint8Array;
    try {
      data = await this.bus.request(subjects(this.bus.storeId).inpostRelay(route.laneId), toBytes(call), this.o.relayTimeoutMs);
    } catch (e) {
      if (!(e instanceof BusError)) throw e;
      this.log.warn('InPost call not relayed: the kiosk did not answer', { op: call.op, laneId: route.laneId, reason: e.code });
      return err(503, 'SERVICE_UNAVAILABLE', e.code === 'timeout' ? 'the kiosk of this basket did not answer in time; try again' : 'the kiosk of this basket is offline; nothing was changed');
    }
    const a = parseBus(relayAnswerSchema, data, 'InPost relay answer', this.log);
    if (!a || !answerFits(call.op, call.id, a) || (a.basket && a.basket.basketId !== route.basketId)) {
      this.log.error('InPost relay answer refused: it does not fit the call', { op: call.op, laneId: route.laneId, status: a?.status ?? null });
      return err(500, 'INTERNAL_SERVER_ERROR', 'internal error');
    }
    if (a.basket) this.ledger.update(a.basket);
    if (call.op === 'order-event' && a.status === 200) {
      const paymentId = (call.body as { event_data?: { payment_id?: unknown } }).event_data?.payment_id;
      if (typeof paymentId === 'string' && paymentId.length <= 64) this.ledger.setTransaction(route.basketId, paymentId);
    }
    return { status: a.status, body: a.body };
  };

  private async kioskCall(lane: string, data: Uint8Array): Promise<InpostCallAnswer> {
    const c = parseBus(inpostCallSchema, data, 'InPost call from a kiosk', this.log);
    if (!c) return { ok: false, status: 400, code: 'INVALID', message: 'the call is not valid' };
    // Journaled before the call: the basket is this lane's from its first push on.
    const mine = c.kind === 'put-basket' ? this.ledger.claim(c.basketId, lane, c.totalCents) : this.owner(c) === lane;
    if (!mine) {
      this.log.warn('InPost call refused: not this kiosk\'s basket', { kind: c.kind, laneId: lane });
      return { ok: false, status: 403, code: 'NOT_YOUR_BASKET', message: 'the basket or order belongs to another kiosk or is unknown' };
    }
    try {
      const r = await this.call(c);
      this.after(c);
      return { ok: true, status: r.status, body: r.body };
    } catch (e) {
      if (isInpostApiError(e)) return { ok: false, status: e.status, code: e.code, message: e.message.slice(0, 500) };
      this.log.error('InPost call for a kiosk failed', { kind: c.kind, laneId: lane, error: e as Error });
      return { ok: false, status: null, code: 'INTERNAL', message: 'the store node could not make the call' };
    }
  }

  private owner(c: Exclude<InpostBusCall, { kind: 'put-basket' }>): string | null {
    if (c.kind === 'order-event') return this.ledger.byOrder(c.orderId)?.laneId ?? null;
    if (c.kind === 'refund') return this.ledger.byTransaction(c.transactionId)?.laneId ?? null;
    return this.ledger.get(c.basketId)?.laneId ?? null;
  }

  private async call(c: InpostBusCall): Promise<{ status: number; body: unknown }> {
    switch (c.kind) {
      case 'put-basket':
        return this.client.putBasket(c.basketId, c.basket);
      case 'bind':
        return { status: 200, body: { deep_link: await this.client.bindDeepLink(c.basketId) } };
      case 'delete-binding':
        return this.client.deleteBinding(c.basketId);
      case 'order-event':
        return this.client.orderEvent(c.orderId, c.event);
      case 'refund':
        return this.client.refund(c.transactionId, c.commandId, { external_refund_id: c.externalRefundId, refund_amount: centsToDecimal(c.refundCents) });
    }
  }

  /** What InPost accepted changes the store's list at once (the kiosk's book follows on its side). */
  private after(c: InpostBusCall): void {
    if (c.kind === 'delete-binding') this.ledger.setStatus(c.basketId, 'deleted');
    if (c.kind === 'order-event') {
      const route = this.ledger.byOrder(c.orderId);
      if (route) this.ledger.setStatus(route.basketId, c.event.event_data.order_status === 'ORDER_COMPLETED' ? 'completed' : 'rejected');
    }
  }
}
