/** The customer's payment panel, built from the live payment. */
import type { Lang } from '../checkout/lang';
import { basketTotals } from '../checkout/totals';
import type { KioskEngine } from '../engine/engine';
import type { KioskView } from '../ipc/view';
import type { Live } from './checkout-flow';
import { discountsOf, roundingOf } from './port';

export function paymentView(v: KioskView, c: Live, e: KioskEngine, message: (err: unknown, lang: Lang) => string, terminalPage: string | null = null): void {
  const discounts = discountsOf(c.adjustments);
  const t = basketTotals(e.basket, discounts);
  const rounding = roundingOf(c.adjustments);
  v.basket.discounts = discounts;
  v.basket.roundingCents = rounding;
  v.basket.totalCents = c.amountDueCents;
  v.basket.vat = t.vat;
  const now = e.deps.clock.now();
  v.payment = {
    method: c.kind,
    phase: c.phase === 'starting' ? 'creating' : c.phase,
    qrText: c.kind === 'swip' || c.kind === 'inpost' ? c.qrText : null,
    secondsLeft: c.phase === 'waiting' || c.phase === 'collecting' ? Math.max(0, Math.ceil((c.deadline - now) / 1000)) : 0,
    totalCents: c.amountDueCents,
    basketTotalCents: c.basketTotalCents,
    adjustments: c.adjustments.map((a) => (a.kind === 'discount' ? { kind: 'discount', description: a.description, amountCents: a.amountCents } : { kind: 'rounding', description: '', amountCents: a.amountCents })),
    declined: c.declined ? { message: message({ kind: 'AppDeclined' }, e.lang), reason: c.declined } : null,
    attention: c.attention,
    ...(c.checking ? { checking: true } : {}),
    ...(c.kind === 'terminal' && terminalPage ? { terminalPage } : {}),
    ...(c.customer ? { customer: c.customer } : {}),
    error: c.error,
  };
}
