/**
 * The payment state machine, one for every provider. Each state is a journal step written
 * BEFORE the side effect it announces (…-requested, creating, collecting) or right after the
 * provider confirmed it. Pure: no I/O, no clock.
 *
 *   requested → creating → created (awaiting the customer) → paid → close-requested → closed
 *                              │            │                                   │
 *                              │            └→ collecting (pay another way) → paid
 *                              └→ cancel-requested → cancelled | expired         └→ needs-attention
 *   declined (terminal refused), abandoned (never reached the provider), needs-attention
 *   (a definitive refusal or an unknown outcome staff must look at).
 */
export type PaymentState =
  | 'requested'
  | 'creating'
  | 'created'
  | 'collecting'
  | 'paid'
  | 'close-requested'
  | 'closed'
  | 'cancel-requested'
  | 'cancelled'
  | 'expired'
  | 'declined'
  | 'abandoned'
  | 'needs-attention';

const MOVES: Record<PaymentState, readonly PaymentState[]> = {
  requested: ['creating', 'abandoned'],
  creating: ['created', 'abandoned', 'needs-attention'],
  created: ['paid', 'collecting', 'cancel-requested', 'closed', 'cancelled', 'expired', 'declined', 'needs-attention'],
  collecting: ['paid', 'closed', 'cancel-requested', 'cancelled', 'expired', 'needs-attention'],
  // expired / cancelled: the provider released the hold on its own (its expiry) before our close.
  paid: ['close-requested', 'closed', 'expired', 'cancelled', 'needs-attention'],
  'close-requested': ['closed', 'cancelled', 'expired', 'needs-attention'],
  closed: [],
  'cancel-requested': ['cancelled', 'closed', 'expired', 'needs-attention'],
  cancelled: [],
  expired: [],
  declined: [],
  abandoned: [],
  // Staff decide: retry (close-requested / cancel-requested), resolve as paid (closed), refund, cancel.
  'needs-attention': ['close-requested', 'cancel-requested', 'closed', 'cancelled', 'expired'],
};

/** States after which nothing more happens to the payment itself (refunds are separate). */
export const FINAL_STATES: ReadonlySet<PaymentState> = new Set<PaymentState>(['closed', 'cancelled', 'expired', 'declined', 'abandoned']);

export class PaymentStateError extends Error {
  readonly kind = 'PaymentStateError';
  constructor(readonly from: PaymentState, readonly to: PaymentState) {
    super(`payment cannot go from ${from} to ${to}`);
  }
}

export function canMovePayment(from: PaymentState, to: PaymentState): boolean {
  return from === to || MOVES[from].includes(to);
}

export function assertPaymentMove(from: PaymentState, to: PaymentState): void {
  if (!canMovePayment(from, to)) throw new PaymentStateError(from, to);
}

/** Journal steps written by older versions, read as the state they meant. */
export function stateOfStep(step: string): PaymentState {
  switch (step) {
    case 'loyalty':
      return 'requested';
    case 'refunded':
    case 'reversed':
      return 'closed';
    default:
      return step as PaymentState;
  }
}
