import { articleCount, isQuantityAdjustable, lineTotal } from '../checkout/basket';
import { idleVerdict } from '../checkout/session';
import { DEFAULT_CURRENCY } from '../checkout/currency';
import { basketTotals, type Discount } from '../checkout/totals';
import type { KioskView } from '../ipc/view';
import type { KioskEngine } from './engine';

/** Discounts and rounding a feature (payments) wants shown in the basket. */
export interface BasketAdjustments {
  discounts: Discount[];
  roundToCents: number;
}

/** The renderer's snapshot. All money here, in cents; names in the session language. */
export function buildView(e: KioskEngine, now: number, seq: number, adj: BasketAdjustments = { discounts: [], roundToCents: 1 }): KioskView {
  const totals = basketTotals(e.basket, adj.discounts, adj.roundToCents);
  const idle = idleVerdict(e.state, e.lastActivityAt, now, e.opts.idle);
  return {
    seq,
    mode: e.opts.mode,
    state: e.state,
    sessionId: e.sessionId,
    lang: e.lang,
    languages: e.opts.languages.available,
    basket: {
      lines: e.basket.lines.map((l) => ({
        id: l.id,
        sku: l.sku,
        name: l.name[e.lang] || l.name.en,
        measure: l.measure,
        unitPriceCents: l.unitPriceCents,
        totalCents: totals.lineTotals[l.id] ?? lineTotal(l),
        vatRateBp: l.vatRateBp,
        adjustable: isQuantityAdjustable(l),
        ageLimit: l.ageLimit,
        ageApproved: e.ageApproved.has(l.id),
      })),
      subtotalCents: totals.subtotalCents,
      discounts: adj.discounts,
      roundingCents: totals.roundingCents,
      totalCents: totals.totalCents,
      vat: totals.vat,
      articleCount: articleCount(e.basket),
      editable: e.state === 'shopping' && !e.isBlocked(),
    },
    notice: e.notice,
    idle: idle.kind === 'prompt' && !e.isBlocked() ? { secondsLeft: idle.secondsLeft } : null,
    devices: { ...e.devices },
    outOfOrder: e.outOfOrder,
    assistance: e.assistance.view(),
    payment: null,
    lock: null,
    supervisor: null,
    receipt: null,
    recovering: e.recovering,
    demo: e.opts.demoSamples ? { samples: e.opts.demoSamples } : null,
    store: { name: e.opts.store.name, currency: e.opts.store.currency ?? DEFAULT_CURRENCY, timeZone: e.opts.store.timeZone ?? 'Europe/Tallinn' },
  };
}
