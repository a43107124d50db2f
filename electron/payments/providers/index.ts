/** The payment providers, one adapter per kind (add InPost Pay here and in ProviderKind). */
import { ProviderRefused, type PaymentProvider, type ProviderKind } from '../port';

/** Every kind has an adapter; build it as an object literal `satisfies Providers`. */
export type Providers = Record<ProviderKind, PaymentProvider>;

export { SwipProvider, statusOf, loyaltyAdjustments, SWIP_OPEN_LIMIT_MS } from './swip';
export { TerminalProvider } from './terminal';
export { InpostProvider } from './inpost';

/** A way of paying the store does not offer: never available, every call refused. */
export function notOffered(kind: ProviderKind): PaymentProvider {
  const no = async (): Promise<never> => {
    throw new ProviderRefused(kind, null, `${kind} is not offered here`);
  };
  return { kind, available: false, start: no, status: no, capture: no, cancel: no, refund: no, reverse: null, refundedTotal: async () => null };
}
