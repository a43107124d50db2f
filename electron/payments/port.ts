/**
 * The payment-provider port: what the checkout needs from any way of paying (SWiP by QR in the
 * app, the card terminal, later InPost Pay). All money is integer cents. The provider — never
 * the kiosk — says how much is owed and whether it was paid and captured.
 */
import type { Discount } from '../checkout/totals';

/** Every way of paying, closed: the staff screens word each one (renderer/i18n/attention.ts). */
export const PROVIDER_KINDS = ['swip', 'terminal', 'inpost'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** One basket line as a provider sees it (decimals are made inside adapters). */
export interface PaymentPurchase {
  name: string;
  productId: string;
  quantity: number;
  unit: 'PIECES' | 'KILOGRAMS' | 'LITERS';
  priceCents: number;
  amountCents: number;
}

/** A named difference between the basket total and the amount owed. */
export type Adjustment =
  | { kind: 'discount'; description: string; amountCents: number }
  /** Cash-style rounding, signed (+ the customer pays more). */
  | { kind: 'rounding'; amountCents: number };

export interface StartPayment {
  /** The kiosk's id for this payment (merchantOrderId for SWiP, the terminal reference). */
  paymentId: string;
  /** The customer's short order number (`K01-0427`): shown by providers that carry one. */
  orderNo?: string;
  /** Basket total before any provider adjustment, cents. */
  basketTotalCents: number;
  purchases: PaymentPurchase[];
  /** Epoch ms, taken before the request is sent. */
  saleDate: number;
}

/** What the provider created: its reference and what the customer sees. */
export interface Started {
  ref: string;
  /** QR text for app payments; null for the terminal. */
  qrText: string | null;
  amountDueCents: number;
  adjustments: Adjustment[];
  /** The provider's own expiry, measured from before the create request (ms); null if none. */
  expiresAfterMs: number | null;
  /** How long the kiosk waits for the customer (ms); default the flow's paymentTimeoutMs. */
  waitMs?: number;
}

/** What the provider says now about an open payment. Amounts are what the provider says is owed. */
export type ProviderStatus =
  /** `declined`: the provider's reason for the last refused attempt (the customer may try again);
   *  `checking`: an answer was lost or late and the provider is being asked what happened. */
  | { kind: 'awaiting'; amountDueCents: number; declined: string | null; checking?: boolean }
  /** Paid and held (or charged): capture `amountCents` to take the money. */
  | { kind: 'paid'; amountCents: number; amountDueCents: number; details: PaymentDetails }
  /** The customer chose to pay another way (SWiP `cash: true`): collect `amountDueCents`, then capture. */
  | { kind: 'alternative'; amountDueCents: number }
  /** Finished at the provider: captured with `amountCents` (0 = cancelled or expired there). */
  | { kind: 'closed'; amountCents: number; details: PaymentDetails }
  /** The provider refused the payment for good (terminal decline). */
  | { kind: 'declined'; reason: string };

export interface PaymentDetails {
  method?: string | null;
  maskedPan?: string | null;
  authCode?: string | null;
  orderNumber?: string | null;
  slip?: string | null;
}

export interface Captured {
  amountCents: number;
  details: PaymentDetails;
}

export type MoneyBackResult =
  | { outcome: 'succeeded'; slip: string | null }
  | { outcome: 'refused'; code: number | null; description: string };

/**
 * A provider refused a call for good (a 4xx with a meaning): retrying will not help. Any other
 * thrown error means "outcome unknown" — the call may or may not have happened.
 */
export class ProviderRefused extends Error {
  readonly kind = 'ProviderRefused';
  constructor(readonly provider: ProviderKind, readonly code: number | null, message: string) {
    super(message);
  }
}

export const isProviderRefused = (e: unknown): e is ProviderRefused => !!e && typeof e === 'object' && (e as { kind?: unknown }).kind === 'ProviderRefused';

export interface PaymentProvider {
  readonly kind: ProviderKind;
  /** False when the store has none (terminal kind "none"): the kiosk does not offer it. */
  readonly available: boolean;
  /** Creates the payment at the provider. Throws ProviderRefused or an unknown-outcome error. */
  start(p: StartPayment): Promise<Started>;
  /** The provider's current view of the payment (safe to repeat). */
  status(ref: string, paymentId: string): Promise<ProviderStatus>;
  /** Takes the money: close with the amount, once. `rounded` marks a cash-style rounding. */
  capture(ref: string, amountCents: number, opts: { rounded: boolean }): Promise<Captured>;
  /** Releases the payment (close with 0 / abort). */
  cancel(ref: string, paymentId: string): Promise<void>;
  /** Returns captured money; `refundId` is the kiosk's id of this refund. */
  refund(p: { ref: string; paymentId: string; amountCents: number; refundId: string }): Promise<MoneyBackResult>;
  /** Cancels a held payment before capture; null when the provider has no such thing. */
  reverse: ((p: { ref: string; paymentId: string; amountCents: number; refundId: string }) => Promise<MoneyBackResult>) | null;
  /** Total refunded at the provider (for start-up reconciliation of refunds); null if it cannot say. */
  refundedTotal(ref: string, paymentId: string): Promise<number | null>;
}

/** Discount lines of an adjustment list (for VAT spreading and the receipt). */
export function discountsOf(adjustments: Adjustment[]): Discount[] {
  return adjustments.flatMap((a) => (a.kind === 'discount' && a.amountCents > 0 ? [{ description: a.description, amountCents: a.amountCents }] : []));
}

export function roundingOf(adjustments: Adjustment[]): number {
  return adjustments.reduce((s, a) => s + (a.kind === 'rounding' ? a.amountCents : 0), 0);
}
