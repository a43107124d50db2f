/**
 * The loyalty programme on the kiosk: a customer scans their card while shopping (a known card
 * number is taken as the card, before any product lookup), the session remembers it (journaled),
 * the closed order earns points once, and the receipt says how many. Smarts cards: see smarts.ts.
 */
import type { Lang } from '../checkout/lang';
import type { KassaConfig } from '../config/schema';
import type { EngineFeature, KioskEngine } from '../engine/engine';
import type { JournalDb } from '../journal/db';
import type { PaymentRecord } from '../journal/payments';
import type { Log } from '../log';
import { LoyaltyProgramme, maskCard } from '../loyalty/programme';

/** The card number the reference shows in its example; issued (with no holder) in demo mode. */
export const DEMO_LOYALTY_CARD = '22103944833292';

export class LoyaltyFeature implements EngineFeature {
  readonly name = 'loyalty';

  constructor(
    private readonly engine: KioskEngine,
    private readonly programme: LoyaltyProgramme,
    private readonly log: Log,
  ) {}

  interceptScan(raw: string): boolean {
    const e = this.engine;
    // While shopping only, and never past a lock (the engine refuses the scan then).
    if (e.state !== 'shopping' || !e.sessionId || e.isBlocked()) return false;
    const card = this.programme.card(raw.trim());
    if (!card) return false;
    this.programme.attach(e.sessionId, card.cardNumber);
    this.log.info('loyalty card scanned', { card: maskCard(card.cardNumber), sessionId: e.sessionId });
    e.setNotice('loyalty-card', 'success', { card: maskCard(card.cardNumber), points: card.points });
    return true;
  }

  /** Credits a closed order's points (once per order); returns the receipt's loyalty lines. */
  onClosed(rec: PaymentRecord, lang: Lang): string[] {
    const cardNumber = rec.sessionId ? this.programme.cardOfSession(rec.sessionId) : null;
    if (!cardNumber) return [];
    const r = this.programme.earn(rec.merchantOrderId, cardNumber, rec.closeAmountCents ?? rec.paidCents);
    if (!r) return [];
    if (!r.repeated) this.log.info('loyalty points earned', { card: maskCard(cardNumber), merchantOrderId: rec.merchantOrderId, earned: r.earned });
    // Printed in ASCII: the printer's code pages have no "•".
    return [`${LOYALTY_CARD[lang]} ****${cardNumber.slice(-4)}`, POINTS[lang](r.earned, r.balance)];
  }
}

const LOYALTY_CARD: Record<Lang, string> = { en: 'Loyalty card', et: 'Kliendikaart', pl: 'Karta lojalnościowa', ru: 'Карта клиента' };
const POINTS: Record<Lang, (earned: number, balance: number) => string> = {
  en: (e, b) => `Points earned: ${e} (balance ${b})`,
  et: (e, b) => `Teenitud punkte: ${e} (kokku ${b})`,
  pl: (e, b) => `Zdobyte punkty: ${e} (saldo ${b})`,
  ru: (e, b) => `Начислено баллов: ${e} (всего ${b})`,
};

/** The programme (null when `loyalty.enabled` is false), with the configured (and demo) cards issued. */
export function startLoyalty(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: { now(): number }; log: Log }): { programme: LoyaltyProgramme; feature: LoyaltyFeature } | null {
  const lc = o.config.loyalty;
  if (!lc.enabled) return null;
  const programme = new LoyaltyProgramme(o.db, o.clock, { pointsPerEuro: lc.pointsPerEuro });
  for (const n of [...lc.issueCards, ...(o.mode === 'demo' ? [DEMO_LOYALTY_CARD] : [])]) programme.issue(n);
  const feature = new LoyaltyFeature(o.engine, programme, o.log.child('loyalty'));
  o.engine.use(feature);
  return { programme, feature };
}
