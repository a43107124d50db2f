/**
 * InPost's calls to the merchant as plain data (`InpostCall`: which endpoint, the path's id, the
 * parsed body) and their answers (`{ status, body }`), so the same book logic answers them on
 * the merchant node (routes.ts) and, on a store bus, on the kiosk that owns the basket when the
 * store node relays the call (store/inpost-lane.ts). `checkCall` validates the id and the body
 * (400 BAD_REQUEST with the first five problems); `runCall` applies it to the book, once per
 * event_id for events (the first answer, success or 4xx, is stored and repeated).
 */
import type { z } from 'zod';
import type { InpostBasketBook, InpostBasketRow } from './book';
import { InpostRouteError } from './errors';
import { BasketEvent, BindingConfirmation, CreateOrderRequest, ID, OrderEvent } from './wire';

export const CALL_OPS = ['get-basket', 'confirm', 'basket-event', 'delete-binding', 'create-order', 'get-order', 'order-event'] as const;
export type CallOp = (typeof CALL_OPS)[number];

/** `id`: the basket id (basket calls, create-order: the body's basket_id) or the order id (get-order, order-event). */
export interface InpostCall {
  op: CallOp;
  id: string;
  body?: unknown;
}

export interface CallAnswer {
  status: number;
  body: unknown;
}

const SCHEMAS: Partial<Record<CallOp, z.ZodTypeAny>> = { confirm: BindingConfirmation, 'basket-event': BasketEvent, 'create-order': CreateOrderRequest, 'order-event': OrderEvent };

/** Whether the call addresses an order (its id is an order id) rather than a basket. */
export const byOrder = (op: CallOp): boolean => op === 'get-order' || op === 'order-event';

/** The call's body checked against its schema; throws InpostRouteError (404 for a malformed id, 400 for the body). */
export function checkCall(op: CallOp, pathId: string | undefined, raw: unknown): { call: InpostCall; body: unknown } {
  const notFound = () => new InpostRouteError(byOrder(op) ? 'ORDER_NOT_FOUND' : 'BASKET_NOT_FOUND', 'unknown id');
  if (op !== 'create-order' && !ID.test(pathId ?? '')) throw notFound();
  const schema = SCHEMAS[op];
  let body: unknown;
  if (schema) {
    const p = schema.safeParse(raw);
    if (!p.success) throw new InpostRouteError('BAD_REQUEST', p.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ').slice(0, 500));
    body = p.data;
  }
  const id = op === 'create-order' ? (body as CreateOrderRequest).order_details.basket_id : (pathId ?? '');
  if (!ID.test(id)) throw notFound();
  return { call: { op, id, ...(raw === undefined ? {} : { body: raw }) }, body };
}

/** Runs a call against the book. InpostRouteErrors below 500 become their documented answers; anything else throws. */
export function runCall(book: InpostBasketBook, call: InpostCall): CallAnswer {
  const { body } = checkCall(call.op, call.id, call.body);
  const id = call.id;
  const ok = (b: unknown, status = 200): CallAnswer => ({ status, body: b });
  return answered(() => {
    switch (call.op) {
      case 'get-basket':
        return ok(book.wire(book.live(id), true));
      case 'confirm': {
        const row = book.confirm(id, body as BindingConfirmation);
        return ok(row.status === 'deleted' ? {} : book.wire(row, true));
      }
      case 'basket-event': {
        const e = body as BasketEvent;
        return once(book, e.event_id, () => ok(book.wire(book.applyEvent(id, e), true)));
      }
      case 'delete-binding':
        book.deleteBinding(id);
        return ok(null);
      case 'create-order':
        return ok(book.createOrder(body as CreateOrderRequest).order, 201);
      case 'get-order': {
        const row = book.byOrder(id);
        if (!row?.order) throw new InpostRouteError('ORDER_NOT_FOUND', 'no such order');
        return ok(row.order);
      }
      case 'order-event': {
        const e = body as OrderEvent;
        return once(book, e.event_id, () => {
          const row = book.orderEvent(id, e);
          const text = row.status === 'authorized' || row.status === 'completed' ? 'Opłacone — odbierz paragon w kiosku' : 'Zamówienie odrzucone';
          return ok({ order_merchant_status_description: text, delivery_references_list: [] });
        });
      }
    }
  });
}

/** What the store node keeps of a basket after a call: the book's row, summarised (integer cents). */
export function rowSummary(book: InpostBasketBook, row: InpostBasketRow | null) {
  if (!row) return null;
  return { basketId: row.basketId, orderId: row.orderId, status: row.status, totalCents: row.orderTotalCents ?? book.totalCents(row) };
}

/** The row a call touched (after it ran), for its summary. */
export function rowOf(book: InpostBasketBook, call: InpostCall): InpostBasketRow | null {
  if (call.op === 'create-order') {
    const basketId = (call.body as { order_details?: { basket_id?: unknown } } | undefined)?.order_details?.basket_id;
    return typeof basketId === 'string' && ID.test(basketId) ? book.get(basketId) : null;
  }
  if (!ID.test(call.id)) return null;
  return byOrder(call.op) ? book.byOrder(call.id) : book.get(call.id);
}

function answered(f: () => CallAnswer): CallAnswer {
  try {
    return f();
  } catch (e) {
    if (e instanceof InpostRouteError && e.status < 500) return { status: e.status, body: e.body };
    throw e;
  }
}

/** Runs an event once per event_id; a repeat gets the first answer. */
function once(book: InpostBasketBook, eventId: string, f: () => CallAnswer): CallAnswer {
  const seen = book.answered(eventId);
  if (seen) return seen;
  const r = answered(f);
  book.remember(eventId, r.status, r.body);
  return r;
}
