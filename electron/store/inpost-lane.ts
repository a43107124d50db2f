/**
 * Kiosk side of InPost Pay on a store bus. The kiosk keeps its InPost baskets in its own book
 * (its journal) and answers InPost's calls the store node relays to its lane with the same logic
 * as its own merchant node would (inpost/calls.ts), so its screen follows at once; event ids stay
 * idempotent in its book, so a retry through the store node gets the first answer. Its calls to
 * InPost (basket PUT, binding, order events, refunds) are made by the store node, which holds
 * the one merchant credential: `RemoteInpostApi` asks it over the bus.
 */
import { decimalToCents } from '../checkout/money';
import type { InpostBasketBook } from '../inpost/book';
import { rowOf, rowSummary, runCall, type CallAnswer } from '../inpost/calls';
import { InpostApiError, type InpostApi } from '../inpost/client';
import type { Log } from '../log';
import { BusError, fromBytes, toBytes, type StoreBus, type Unsubscribe } from './bus';
import { inpostCallAnswerSchema, relayRequestSchema, type InpostBusCall } from './inpost-wire';
import { MAX_MESSAGE_BYTES, subjects } from './subjects';
import { parseBus } from './wire';

/** Answers the relayed calls for this lane's baskets. */
export function serveInpostLane(bus: StoreBus, laneId: string, book: InpostBasketBook, log: Log): Unsubscribe {
  return bus.serve(subjects(bus.storeId).inpostRelay(laneId), async (data) => {
    const call = parseBus(relayRequestSchema, data, 'relayed InPost call', log);
    if (!call) return toBytes({ status: 400, body: { error_code: 'BAD_REQUEST', error_message: 'the relayed call is not valid' }, basket: null });
    let a: CallAnswer;
    try {
      a = runCall(book, call.body === undefined ? { op: call.op, id: call.id } : { op: call.op, id: call.id, body: call.body });
    } catch (e) {
      log.error('relayed InPost call failed', { op: call.op, error: e as Error });
      a = { status: 500, body: { error_code: 'INTERNAL_SERVER_ERROR', error_message: 'internal error' } };
    }
    return toBytes({ status: a.status, body: a.body, basket: rowSummary(book, rowOf(book, call)) });
  });
}

/**
 * The kiosk's InPost calls, made by the store node. `timeoutMs` covers the store node's own call
 * to InPost (10 s): a bus timeout is an unknown outcome (retryable), like a lost answer.
 */
export class RemoteInpostApi implements InpostApi {
  constructor(
    private readonly bus: StoreBus,
    private readonly laneId: string,
    private readonly book: InpostBasketBook,
    private readonly o: { timeoutMs: number },
  ) {}

  putBasket(basketId: string, basket: unknown) {
    const row = this.book.get(basketId);
    return this.ask({ kind: 'put-basket', basketId, totalCents: row ? this.book.totalCents(row) : 0, basket: basket as Record<string, unknown> });
  }

  async bindDeepLink(basketId: string): Promise<string> {
    const r = await this.ask({ kind: 'bind', basketId });
    const link = (r.body as { deep_link?: unknown } | null)?.deep_link;
    if (typeof link !== 'string' || link.length > 2000) throw new InpostApiError(r.status, 'BAD_ANSWER', 'the store node answered the binding without a deep link');
    return link;
  }

  deleteBinding(basketId: string) {
    return this.ask({ kind: 'delete-binding', basketId });
  }

  orderEvent(orderId: string, event: unknown) {
    return this.ask({ kind: 'order-event', orderId, event: event as Extract<InpostBusCall, { kind: 'order-event' }>['event'] });
  }

  refund(transactionId: string, commandId: string, body: unknown) {
    const b = body as { external_refund_id: string; refund_amount: number };
    return this.ask({ kind: 'refund', transactionId, commandId, externalRefundId: b.external_refund_id, refundCents: decimalToCents(b.refund_amount) });
  }

  private async ask(call: InpostBusCall): Promise<{ status: number; body: unknown }> {
    let data: Uint8Array;
    try {
      data = await this.bus.request(subjects(this.bus.storeId).inpostCall(this.laneId), toBytes(call), this.o.timeoutMs);
    } catch (e) {
      if (e instanceof BusError) throw new InpostApiError(null, 'STORE_NODE_UNREACHABLE', `the store node did not make the InPost call (${e.code})`);
      throw e;
    }
    const a = inpostCallAnswerSchema.safeParse(fromBytes(data, MAX_MESSAGE_BYTES));
    if (!a.success) throw new InpostApiError(null, 'BAD_ANSWER', 'the store node answered with an invalid message');
    if (!a.data.ok) throw new InpostApiError(a.data.status, a.data.code, a.data.message);
    return { status: a.data.status, body: a.data.body };
  }
}
