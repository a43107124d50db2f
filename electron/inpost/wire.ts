/**
 * What InPost sends the merchant (integrations.md 2.2), as zod schemas with ranges and lengths.
 * Unknown fields are allowed (InPost adds fields over time) but never used.
 */
import { z } from 'zod';

const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const text = (max: number) => z.string().min(1).max(max).refine((s) => !CONTROL.test(s), 'control or bidi characters');
const optText = (max: number) => z.string().max(max).refine((s) => !CONTROL.test(s), 'control or bidi characters').optional();
const isoTime = z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'an ISO-8601 time');
const phone = z.object({ country_prefix: z.string().regex(/^\+?\d{1,4}$/), phone: z.string().regex(/^\d{4,15}$/) }).passthrough();
const amount = z.number().finite().min(0).max(1_000_000);
const price = z.object({ net: amount, gross: amount, vat: amount }).passthrough();
export const PAYMENT_TYPE = z.enum(['CARD', 'CARD_TOKEN', 'GOOGLE_PAY', 'APPLE_PAY', 'BLIK_CODE', 'BLIK_TOKEN', 'PAY_BY_LINK', 'SHOPPING_LIMIT', 'DEFERRED_PAYMENT', 'CASH_ON_DELIVERY']);
/** Ids in paths and events: bounded, no slashes or spaces. */
export const ID = /^[\w.:-]{1,64}$/;
const id = z.string().regex(ID, '1–64 letters, digits, . : _ -');

export const BindingConfirmation = z.object({
  status: z.enum(['SUCCESS', 'REJECT', 'PENDING']).optional(),
  inpost_basket_id: optText(64),
  phone_number: phone.optional(),
  browser: z.object({ browser_trusted: z.boolean(), browser_id: optText(128) }).passthrough().optional(),
  masked_phone_number: optText(32),
  name: optText(100),
  surname: optText(100),
}).passthrough();
export type BindingConfirmation = z.infer<typeof BindingConfirmation>;

const quantityItem = z.object({ product_id: id, ean: optText(32), quantity: z.object({ quantity: z.number().finite().min(0).max(999) }).passthrough() }).passthrough();
export const BasketEvent = z.object({
  event_id: id,
  event_data_time: isoTime,
  event_type: z.enum(['PRODUCTS_QUANTITY', 'PROMO_CODES', 'RELATED_PRODUCTS']),
  phone_number: phone.optional(),
  quantity_event_data: z.array(quantityItem).max(200).optional(),
  promo_codes_event_data: z.array(z.object({ name: optText(200), promo_code_value: text(64), regulation_type: z.literal('OMNIBUS').optional() }).passthrough()).max(20).optional(),
  related_products_event_data: z.array(quantityItem).max(50).optional(),
}).passthrough().refine((e) => (e.event_type === 'PRODUCTS_QUANTITY' ? !!e.quantity_event_data : e.event_type === 'PROMO_CODES' ? !!e.promo_codes_event_data : !!e.related_products_event_data), { message: 'the event data for event_type is missing' });
export type BasketEvent = z.infer<typeof BasketEvent>;

export const CreateOrderRequest = z.object({
  order_details: z.object({ basket_id: id, currency: z.literal('PLN'), basket_price: price, payment_type: PAYMENT_TYPE, order_comments: optText(500) }).passthrough(),
  account_info: z.object({ name: text(100), surname: text(100), phone_number: phone, mail: z.string().max(254).email() }).passthrough(),
  delivery: z.object({ delivery_type: z.enum(['APM', 'COURIER', 'DIGITAL']), delivery_codes: z.array(z.enum(['COD', 'PWW', 'GW'])).max(3) }).passthrough(),
  consents: z.array(z.object({ consent_id: text(64), is_accepted: z.boolean() }).passthrough()).max(20),
}).passthrough();
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const OrderEvent = z.object({
  event_id: id,
  event_data_time: isoTime,
  phone_number: phone.optional(),
  event_data: z.object({ payment_status: optText(32), order_status: optText(32), payment_id: optText(64), payment_reference: optText(64), payment_type: PAYMENT_TYPE.optional() }).passthrough(),
}).passthrough();
export type OrderEvent = z.infer<typeof OrderEvent>;
