/**
 * The staff words for a payment waiting for staff, per provider (SWiP, the card terminal,
 * InPost Pay). Each reason has provider-neutral words, `<scope>.reason.<reason>`, which may name
 * the provider (`{{provider}}`, from `<scope>.provider.<kind>`); where a reason means something
 * else for one provider (the card terminal refuses a close only when it has no approved
 * payment) it has that provider's own words, `<reason>_<kind>` (i18next context). A provider
 * this build does not know (a newer kiosk on the store bus) is named neutrally (`provider.other`),
 * and an unknown reason keeps its code.
 *
 * Which provider can produce which reason (electron/payments/settle.ts, live-payment.ts):
 * close-refused, cancel-refused, close-unknown: all three; pay-at-till and charged-order-gone:
 * SWiP only (the customer chose the card terminal in the SWiP app); create-refused: none yet.
 */
import type { TFunction } from 'i18next';
import type { ProviderKind } from '../../electron/payments/port';

/** The kiosk's staff console (Orders tab) and the attendant console's lane payments. */
export type AttentionScope = 'supervisor.orders' | 'console.payments';

/** The closed list (electron/payments/port.ts PROVIDER_KINDS): a kind added there fails to compile here until it is listed (and test/unit/renderer/refusals.test.ts wants its words). */
const KINDS = { swip: true, terminal: true, inpost: true } satisfies Record<ProviderKind, true>;

export function providerKind(p: string): ProviderKind | null {
  return Object.hasOwn(KINDS, p) ? (p as ProviderKind) : null;
}

export function attentionWords(t: TFunction, scope: AttentionScope, reason: string, provider: string): string {
  const kind = providerKind(provider);
  const name = t(`${scope}.provider.${kind ?? 'other'}`);
  return t(`${scope}.reason.${reason}`, { provider: name, ...(kind ? { context: kind } : {}), defaultValue: reason });
}
