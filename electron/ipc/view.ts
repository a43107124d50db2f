/**
 * KioskView: the whole screen state, pushed from the engine to the renderer after every change.
 * The renderer renders it and nothing else: all money is computed here, as integer cents.
 * Type-only module: the renderer imports it with `import type`.
 */
import type { Lang } from '../checkout/lang';
import type { Currency } from '../checkout/currency';
import type { LineMeasure } from '../checkout/basket';
import type { SessionState } from '../checkout/session';
import type { VatRow } from '../checkout/totals';
import type { ProviderKind } from '../payments/port';

export type DeviceState = 'ok' | 'connecting' | 'unavailable' | 'attention' | 'not-configured';

/** A short message for the customer. `code` is an i18n key under `notice.`; params fill it. */
export interface Notice {
  id: number;
  code:
    | 'barcode-invalid'
    | 'product-not-found'
    | 'age-restricted'
    | 'not-sold-now'
    | 'quantity-limit'
    | 'basket-locked'
    | 'payment-cancelled'
    | 'payment-reversed'
    | 'pay-now'
    | 'payment-timeout'
    | 'payment-error'
    | 'assistance-called'
    /** A member of staff acknowledged the customer's call: help is on the way. */
    | 'assistance-acknowledged'
    | 'supervisor-badge'
    | 'printer-problem'
    | 'loyalty-card'
    /** The kiosk's scale refused the weight: what the customer should do. */
    | 'scale-place-item'
    | 'scale-wait-still'
    | 'scale-remove-and-zero'
    | 'scale-too-heavy'
    | 'scale-unavailable';
  tone: 'error' | 'info' | 'success';
  params: Record<string, string | number>;
}

/** One product tile of the "Look up item" picker. */
export interface LookupItemView {
  sku: string;
  /** Name in the session language. */
  name: string;
  category: string;
  /** `weight`: priced per kg and weighed on the scale; `piece`: a quantity is asked. */
  unit: 'piece' | 'weight';
  unitPriceCents: number;
  plu: string | null;
  /** The catalog's picture: a bundled path (`fruit/bananas.svg`) or a URL; null = the category's picture. */
  image: string | null;
}

/** The "Look up item" picker while open: category tiles, the products of one category, or search results. */
export interface LookupView {
  categories: Array<{ category: string; count: number }>;
  category: string | null;
  /** The customer's search text ('' = none): name words in any language, or PLU digits. */
  query: string;
  /** The chosen category's items (most used first), or the search results (best first). */
  items: LookupItemView[];
  /** The store's most used look-up items, on the first screen only (empty otherwise). */
  top: LookupItemView[];
  /** False when the scale is not working: weighed tiles are shown as unavailable. */
  scaleReady: boolean;
}

export interface LineView {
  id: string;
  sku: string;
  /** Name in the session language. */
  name: string;
  measure: LineMeasure;
  /** Cents per piece or per kg. */
  unitPriceCents: number;
  totalCents: number;
  vatRateBp: number;
  /** True when +/− may change the quantity (piece items only). */
  adjustable: boolean;
  ageLimit: number | null;
  /** For age-restricted lines: has a supervisor approved the age? */
  ageApproved: boolean;
}

export interface BasketView {
  lines: LineView[];
  subtotalCents: number;
  discounts: Array<{ description: string; amountCents: number }>;
  roundingCents: number;
  totalCents: number;
  vat: VatRow[];
  articleCount: number;
  /** False while an order is open or the kiosk is locked. */
  editable: boolean;
}

export interface PaymentView {
  method: 'swip' | 'terminal' | 'inpost';
  /**
   * creating: asking the provider; waiting: QR or terminal shown; collecting: the customer chose
   * the card terminal in the SWiP app; closing / cancelling: finishing; failed: the message and
   * ways forward; needs-attention: a member of staff is coming (never "thank you").
   */
  phase: 'creating' | 'waiting' | 'collecting' | 'closing' | 'cancelling' | 'failed' | 'needs-attention';
  /** The text to draw as a QR code (SWiP sessionCode), when waiting for the wallet. */
  qrText: string | null;
  secondsLeft: number;
  /** What the provider says the customer owes now (cents). */
  totalCents: number;
  /** The basket before any provider adjustment (cents). */
  basketTotalCents: number;
  /** Every difference between the two, named (discounts positive, rounding signed). */
  adjustments: Array<{ kind: 'discount' | 'rounding'; description: string; amountCents: number }>;
  /** The app refused the payment: a translated message and the provider's reason. */
  declined: { message: string; reason: string } | null;
  /** The terminal's answer was lost or late and the kiosk is asking it what happened. */
  checking?: boolean;
  /** Demo and staging only: the terminal simulator's customer page (the kiosk links to it). */
  terminalPage?: string;
  /** Why staff are needed (needs-attention), e.g. "close-refused", "pay-at-till". */
  attention: string | null;
  error: { code: string; message: string } | null;
  /** InPost Pay: the customer who bound the basket in the app (masked phone, first name). */
  customer?: { name: string | null; maskedPhone: string | null };
}

export interface LockView {
  reason: 'purchase-check' | 'age-check' | 'assistance';
  /** i18n keys under `lockReason.`, for staff. */
  reasons: string[];
  since: number;
}

export interface SmartsCheckView {
  invoiceId: string;
  status: 'pending' | 'passed' | 'failed' | 'failed_allow_payment' | 'expired' | 'not-required';
  decision: 'NO' | 'AGE' | 'FULL';
  receivedAt: number;
  expiresAt: number;
  products: Array<{ index: number; name: string; barcode: string; quantity: number; unit: string; totalCents: number; minAge: number | null }>;
  /** The stored check cannot be shown (invalid data): `products` is empty, staff sees "cannot be displayed". */
  unreadable?: boolean;
  /** Delivery of the newest result to Smarts: `failed` = refused for good (staff may retry); `error` is a sanitized reason. */
  delivery?: { status: string; state: 'sending' | 'sent' | 'failed'; error: string | null };
}

/** A Smarts pickup order (home delivery, §1.7) for the staff console. */
export interface PickupOrderView {
  id: string;
  customerId: string;
  /** ShipmentStatus as Smarts or staff last set it, e.g. WAITING_FOR_CONFIRMATION, CONFIRMED. */
  status: string;
  method: string | null;
  totalCents: number;
  products: Array<{ name: string; amount: number }>;
  receivedAt: number;
}

export interface OrderRecordView {
  merchantOrderId: string;
  /** The kiosk's order number (`K01-0427`), as on the receipt; null for orders from before numbers. */
  orderNumber: string | null;
  at: number;
  totalCents: number;
  paidCents: number;
  refundedCents: number;
  /** What can still be returned (captured − returned − in flight). */
  refundableCents: number;
  state: string;
  method: string;
}

/** A payment staff must look at: what is known and the safe actions. */
export interface AttentionView {
  merchantOrderId: string;
  /** The kiosk's order number (`K01-0427`), if one was given. */
  orderNo: string | null;
  at: number;
  /** The provider the payment is with (the staff words of `reason` depend on it). */
  method: ProviderKind;
  /** Why: close-refused, cancel-refused, close-unknown, pay-at-till, charged-order-gone, create-refused (ATTENTION_REASONS). */
  reason: string;
  /** The provider's code and words, if it refused. */
  code: number | null;
  description: string | null;
  /** Amount owed per the provider, and what the customer paid (held or charged) as far as known. */
  amountDueCents: number;
  paidCents: number;
  basketTotalCents: number;
  actions: Array<'retry' | 'resolve-paid' | 'refund' | 'cancel'>;
}

export interface SupervisorView {
  phase: 'pin' | 'active';
  /** The staff's language for the PIN pad and the console (configuration `languages.staff`). */
  lang?: Lang;
  badge: string;
  name: string | null;
  pinError: { reason: 'wrong-pin' | 'locked' | 'unknown-badge' | 'inactive'; attemptsLeft: number | null; lockedUntil: number | null } | null;
  secondsLeft: number;
  smartsChecks: SmartsCheckView[];
  /** Smarts pickup orders (absent where Smarts is off). */
  pickups?: PickupOrderView[];
  orders: OrderRecordView[];
  attention: AttentionView[];
  devices: Record<string, string>;
  /** The last staff action's confirmation (reprint, refund, reverse, payment actions). */
  done?: StaffDoneView | null;
  /** The basket's product names in the staff's language, by line id (the basket view has the customer's). */
  lineNames?: Record<string, string>;
  /** The customer's call for help (not a lock): how long it has waited and who acknowledged it. */
  help?: { minutes: number; acknowledgedBy: string | null } | null;
}

export interface StaffDoneView {
  action: string;
  outcome: 'succeeded' | 'refused';
  orderNo: string | null;
  amountCents: number | null;
  at: number;
}

export interface ReceiptView {
  /** The payment's internal id (merchantOrderId): never shown to the customer. */
  orderRef: string;
  /** The customer's order number (`K01-0427`), as on the receipt and the staff console. */
  orderNo: string | null;
  printed: 'printed' | 'queued' | 'printing' | 'failed' | 'none';
  /** PNG of the printed receipt as a data: URL (demo virtual printer), if any. */
  imageDataUrl: string | null;
  /** Digital receipt link or order reference to show as a QR when paper failed. */
  digitalQr: string | null;
}

export interface KioskView {
  /** Increases with every push; the renderer ignores older snapshots. */
  seq: number;
  mode: 'demo' | 'store';
  state: SessionState;
  sessionId: string | null;
  lang: Lang;
  languages: Lang[];
  basket: BasketView;
  notice: Notice | null;
  /** "Are you still there?" countdown, when shown. */
  idle: { secondsLeft: number } | null;
  /** `scale`: absent in views built before the scale existed (fixtures). */
  devices: { scanner: DeviceState; printer: DeviceState; payments: DeviceState; scale?: DeviceState };
  /** The "Look up item" picker, when open (absent in views built before it existed). */
  lookup?: LookupView | null;
  /** A fault that stops sales, with an i18n key under `outOfOrder.`. */
  outOfOrder: { reason: string } | null;
  /**
   * The call for staff: `requested` (Help, a lock, a payment needing staff), `acknowledged` once a
   * member of staff has seen it (the customer reads "Help is on the way"), `since` when it was raised.
   */
  assistance: { requested: boolean; acknowledged: boolean; since: number | null };
  payment: PaymentView | null;
  lock: LockView | null;
  supervisor: SupervisorView | null;
  receipt: ReceiptView | null;
  /** Unfinished orders from before a restart are being reconciled. */
  recovering: boolean;
  /** Demo mode only: sample barcodes for the on-screen scan panel. */
  demo: { samples: Array<{ label: string; code: string }> } | null;
  /** The store: name, currency and its IANA time zone (staff times are shown in store time). */
  store: { name: string; currency: Currency; timeZone: string; /** InPost Pay is offered. */ inpostPay?: boolean };
}
