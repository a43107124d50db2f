/**
 * The simulator's own reading of the InPost Pay objects (integrations.md API 2), written from the
 * reference and never from the merchant client: what InPost checks in what a merchant sends.
 */
import { z } from 'zod';

const text = (max = 500) => z.string().min(1).max(max);
const amount = z.number().finite().min(0).max(1_000_000);
/** Price = { net, gross, vat } as JSON numbers (2.0 "Formats"). */
export const WPrice = z.object({ net: amount, gross: amount, vat: amount }).passthrough();
export const PAYMENT_TYPES = ['CARD', 'CARD_TOKEN', 'GOOGLE_PAY', 'APPLE_PAY', 'BLIK_CODE', 'BLIK_TOKEN', 'PAY_BY_LINK', 'SHOPPING_LIMIT', 'DEFERRED_PAYMENT', 'CASH_ON_DELIVERY'] as const;

export const WProduct = z
  .object({
    product_id: text(64),
    product_name: text(),
    ean: z.string().max(32).optional(),
    base_price: WPrice,
    promo_price: WPrice.optional(),
    quantity: z.object({ quantity: z.number().min(0).max(100_000), quantity_type: z.enum(['INTEGER', 'DECIMAL']), quantity_unit: z.string().max(16).optional() }).passthrough(),
  })
  .passthrough();

export const WBasket = z
  .object({
    summary: z
      .object({
        basket_base_price: WPrice,
        basket_final_price: WPrice.optional(),
        basket_promo_price: WPrice.optional(),
        currency: z.literal('PLN'),
        basket_expiration_date: z.string().optional(),
        payment_type: z.array(z.enum(PAYMENT_TYPES)).min(1),
        basket_notice: z.object({ type: z.enum(['ERROR', 'ATTENTION']), description: z.string().max(500) }).optional(),
      })
      .passthrough(),
    delivery: z.array(z.object({ delivery_type: z.enum(['APM', 'COURIER', 'DIGITAL']), delivery_date: z.string(), delivery_price: WPrice }).passthrough()),
    promo_codes: z.array(z.object({ name: z.string().max(200), promo_code_value: text(64) }).passthrough()),
    products: z.array(WProduct).max(500),
    related_products: z.array(WProduct).max(100),
    consents: z.array(z.object({ consent_id: text(64) }).passthrough()),
  })
  .passthrough();
export type WBasket = z.infer<typeof WBasket>;

export const WBindingRequest = z
  .object({
    binding_method: z.enum(['PHONE', 'DEEP_LINK']),
    binding_place: z.enum(['PRODUCT_CARD', 'BASKET_SUMMARY', 'BASKET_POPUP', 'ORDER_CREATE', 'THANK_YOU_PAGE', 'LOGIN_PAGE', 'REGISTERFORM_PAGE', 'CHECKOUT_PAGE', 'MINICART_PAGE']),
    browser: z.object({}).passthrough().optional(),
    phone_number: z.object({ country_prefix: z.string(), phone: z.string() }).optional(),
  })
  .passthrough();

export const WMerchantOrderEvent = z
  .object({
    event_id: text(64),
    event_data_time: text(40),
    event_data: z
      .object({
        order_status: z.enum(['ORDER_COMPLETED', 'ORDER_REJECTED']).optional(),
        order_merchant_status_description: z.string().max(500).optional(),
        delivery_references_list: z.array(z.string().max(100)).optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const WRefund = z
  .object({ external_refund_id: text(64), refund_amount: amount.positive(), additional_business_data: z.object({}).passthrough().optional() })
  .passthrough();

/** The merchant's Order answer to POST /v1/izi/order (only what the simulator uses). */
export const WOrder = z
  .object({ order_details: z.object({ order_id: text(64), basket_id: text(64), order_final_price: WPrice, currency: z.literal('PLN') }).passthrough() })
  .passthrough();

export function issuesOf(e: z.ZodError): string {
  return e.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
}
