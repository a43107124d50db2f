/**
 * InPost Pay on the store bus (see README.md "InPost Pay on the store node"), as zod schemas:
 *  - relay: the store node forwards InPost's call to the kiosk owning the basket
 *    (`kassa.<store>.lane.<lane>.inpost`), which answers `{ status, body, basket }`;
 *  - call: a kiosk asks the store node to call InPost for one of its baskets
 *    (`kassa.<store>.inpost.<lane>.call`), answered `{ ok, status, body }` or a refusal.
 * Every message is checked with ranges and lengths before it is used; a kiosk's answer is also
 * checked against what the call may answer before it is relayed to InPost.
 */
import { z } from 'zod';
import { CALL_OPS, type CallOp } from '../inpost/calls';
import { ID } from '../inpost/wire';

const id = z.string().regex(ID);
const cents = z.number().int().min(0).max(100_000_000);
export const INPOST_STATUSES = ['open', 'bound', 'ordered', 'authorized', 'completed', 'rejected', 'deleted', 'expired'] as const;

/** Store node → kiosk: InPost's call, already signature-checked and validated by the store node. */
export const relayRequestSchema = z.object({ op: z.enum(CALL_OPS), id, body: z.unknown().optional() }).strict();

/** The kiosk's book row after the call (what the store node lists), integer cents. */
export const basketSummarySchema = z.object({ basketId: id, orderId: id.nullable(), status: z.enum(INPOST_STATUSES), totalCents: cents }).strict();
export type BasketSummary = z.infer<typeof basketSummarySchema>;

export const relayAnswerSchema = z.object({ status: z.number().int().min(200).max(599), body: z.unknown(), basket: basketSummarySchema.nullable() }).strict();

const errorBody = z.object({ error_code: z.string().regex(/^[A-Z_]{1,40}$/), error_message: z.string().max(500) }).strict();
const basketBody = z.object({ summary: z.object({}).passthrough(), products: z.array(z.unknown()).max(500) }).passthrough();
const orderBody = z.object({ order_details: z.object({ order_id: id, basket_id: id }).passthrough() }).passthrough();

/** What each call may answer on success (status and body); anything else is not relayed. */
const SUCCESS: Record<CallOp, { status: number; body: z.ZodTypeAny }> = {
  'get-basket': { status: 200, body: basketBody },
  confirm: { status: 200, body: z.union([basketBody, z.object({}).strict()]) },
  'basket-event': { status: 200, body: basketBody },
  'delete-binding': { status: 200, body: z.null() },
  'create-order': { status: 201, body: orderBody },
  'get-order': { status: 200, body: orderBody },
  'order-event': { status: 200, body: z.object({ order_merchant_status_description: z.string().max(500) }).passthrough() },
};
const ERROR_STATUSES = new Set([400, 404, 409]);

/** Whether a kiosk's answer is one the call may give (a documented error, or the call's success shape for this id). */
export function answerFits(op: CallOp, callId: string, a: { status: number; body: unknown; basket: BasketSummary | null }): boolean {
  if (ERROR_STATUSES.has(a.status)) return errorBody.safeParse(a.body).success;
  const s = SUCCESS[op];
  if (a.status !== s.status || !s.body.safeParse(a.body).success) return false;
  if (op === 'get-order' || op === 'order-event') return a.basket?.orderId === callId;
  return a.basket?.basketId === callId;
}

export const CALL_KINDS = ['put-basket', 'bind', 'delete-binding', 'order-event', 'refund'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** Kiosk → store node: a call to InPost for one of the kiosk's baskets. */
export const inpostCallSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('put-basket'), basketId: id, totalCents: cents, basket: z.record(z.string().max(64), z.unknown()) }).strict(),
  z.object({ kind: z.literal('bind'), basketId: id }).strict(),
  z.object({ kind: z.literal('delete-binding'), basketId: id }).strict(),
  z.object({ kind: z.literal('order-event'), orderId: id, event: z.object({ event_id: z.string().min(1).max(128), event_data_time: z.string().max(40), event_data: z.object({ order_status: z.enum(['ORDER_COMPLETED', 'ORDER_REJECTED']), order_merchant_status_description: z.string().max(200).optional() }).strict() }).strict() }).strict(),
  z.object({ kind: z.literal('refund'), transactionId: id, commandId: z.string().min(1).max(64), externalRefundId: z.string().min(1).max(64), refundCents: z.number().int().min(1).max(100_000_000) }).strict(),
]);
export type InpostBusCall = z.infer<typeof inpostCallSchema>;

export const inpostCallAnswerSchema = z.union([
  z.object({ ok: z.literal(true), status: z.number().int().min(200).max(299), body: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), status: z.number().int().min(400).max(599).nullable(), code: z.string().min(1).max(64), message: z.string().max(500) }).strict(),
]);
export type InpostCallAnswer = z.infer<typeof inpostCallAnswerSchema>;
