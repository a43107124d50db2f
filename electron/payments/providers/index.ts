/** The payment providers, one adapter per kind (add InPost Pay here and in ProviderKind). */
import type { PaymentProvider, ProviderKind } from '../port';

/** Every kind has an adapter; build it as an object literal `satisfies Providers`. */
export type Providers = Record<ProviderKind, PaymentProvider>;

export { SwipProvider, statusOf, loyaltyAdjustments, SWIP_OPEN_LIMIT_MS } from './swip';
export { TerminalProvider } from './terminal';
