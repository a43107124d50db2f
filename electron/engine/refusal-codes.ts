import type { BasketErrorCode } from '../checkout/basket';
import type { PurchaseCheckErrorCode } from '../smarts/checks';
import type { CartEditError } from '../smarts/edits';
import type { PickupError } from '../smarts/pickup';

// Every code an `IntentRefused` may carry, in two lists: the ones a supervisor can meet on the
// kiosk's staff console (`supervisor/*` intents; each has words in renderer/i18n
// `supervisor.refusals`, checked by test/unit/renderer/refusals.test.ts) and the others.
// `IntentRefused` accepts only these codes, so a new code does not compile until it is listed
// here, and a new staff code fails the test until it has words in en, et, pl and ru.

/** Every member of T exactly: a missing member, or one that is not in T, does not compile. */
const allOf =
  <T extends string>() =>
  <const A extends readonly T[]>(...codes: A & ([T] extends [A[number]] ? unknown : never)): A =>
    codes;

/** The basket edit refusals (`BasketError`), staff void and quantity changes. */
export const BASKET_REFUSALS = allOf<BasketErrorCode>()('LINE_NOT_FOUND', 'QUANTITY_OUT_OF_RANGE', 'QUANTITY_FIXED', 'BASKET_FULL', 'BAD_MEASURE');
/** A Smarts purchase check's own refusals, passed on by the kiosk's and the store node's Smarts port. */
export const SMARTS_CHECK_REFUSALS = allOf<PurchaseCheckErrorCode>()('not-found', 'expired', 'already-resolved', 'not-required', 'invalid-products');
export const SMARTS_EDIT_REFUSALS = allOf<CartEditError['code']>()('unknown-product', 'bad-quantity');
export const SMARTS_PICKUP_REFUSALS = allOf<PickupError['code']>()('not-found', 'final', 'bad-status');

/** What a supervisor can meet on the kiosk's staff console, by code. */
export const STAFF_REFUSAL_CODES = [
  // any intent: the carrier (electron/ipc/contract.ts), the engine, a missing port, a fault
  'invalid-intent', 'unknown-intent', 'not-available', 'internal',
  // the staff session (staff-sign-in.ts)
  'supervisor-required', 'not-your-session',
  // checks and help (check-lock.ts, staff-help.ts)
  'not-locked', 'locked', 'no-assistance', 'already-acknowledged', 'invalid',
  // basket edits (staff-basket.ts)
  'payment-in-progress', 'basket-locked', ...BASKET_REFUSALS,
  // payments needing attention (payments/attention.ts), refund and reverse (payments/refunds.ts)
  'busy', 'not-needing-attention', 'not-allowed', 'refund-first', 'paid', 'refund-failed',
  'not-refundable', 'not-reversible', 'refund-too-large', 'refund-in-flight', 'refund-unknown',
  // Smarts checks, receipts and pickups (app/smarts.ts), through the store node (store/smarts-remote.ts)
  'unreadable', 'not-failed', 'store-timeout', 'store-offline', 'store-invalid',
  ...SMARTS_CHECK_REFUSALS, ...SMARTS_EDIT_REFUSALS, ...SMARTS_PICKUP_REFUSALS,
] as const;
export type StaffRefusalCode = (typeof STAFF_REFUSAL_CODES)[number];

/**
 * Codes staff never read by code on the kiosk's console: the customer's intents (their screens
 * show notices), the PIN pad's (it shows `view.supervisor.pinError`), and the attendant console's
 * actions (the lane answers them as `refused` with the kiosk's words, electron/store/lane-agent.ts).
 */
export const OTHER_REFUSAL_CODES = [
  'no-badge', 'login-backoff', 'wrong-pin', 'unknown-badge', 'inactive',
  'no-purchase-check', 'no-age-check', 'age-check', 'no-session',
  'out-of-order', 'language-unavailable', 'product-not-found', 'not-sold-by-weight', 'sold-by-weight', 'lookup-closed', 'unknown-category',
  'not-shopping', 'basket-empty', 'terminal-unavailable', 'no-payment', 'payment-finishing', 'not-now', 'not-done',
  'scale-place-item', 'scale-wait-still', 'scale-remove-and-zero', 'scale-too-heavy', 'scale-unavailable',
] as const;

export type RefusalCode = StaffRefusalCode | (typeof OTHER_REFUSAL_CODES)[number];
