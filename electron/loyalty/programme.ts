/**
 * The store's loyalty programme, kept in the journal database: cards (number, holder, points), a
 * points ledger (one row per sale, unique by its reference, so a replayed sale never earns
 * twice) and the card a kiosk customer scanned in their session. Points: `pointsPerEuro` per
 * full euro paid (default 1). Smarts registers cards (POST /card/loyalty) and reads the balance;
 * a kiosk customer scans their card and their receipt shows the points earned.
 */
import type Database from 'better-sqlite3';
import type { Cents } from '../checkout/money';

export interface LoyaltyCard {
  cardNumber: string;
  personId: string | null;
  name: string | null;
  email: string | null;
  points: number;
  createdAt: number;
}

export type LoyaltyErrorCode = 'bad-card-number' | 'registered-to-another';

export class LoyaltyError extends Error {
  override readonly name = 'LoyaltyError';
  constructor(
    readonly code: LoyaltyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Card numbers: 6 to 20 digits (the reference's example value is "22103944833292"). */
export const CARD_NUMBER = /^\d{6,20}$/;

interface RawCard {
  card_number: string;
  person_id: string | null;
  name: string | null;
  email: string | null;
  points: number;
  created_at: number;
}

const toCard = (r: RawCard): LoyaltyCard => ({ cardNumber: r.card_number, personId: r.person_id, name: r.name, email: r.email, points: r.points, createdAt: r.created_at });

export class LoyaltyProgramme {
  readonly pointsPerEuro: number;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: { now(): number },
    opts: { pointsPerEuro?: number } = {},
  ) {
    this.pointsPerEuro = opts.pointsPerEuro ?? 1;
    db.exec(`CREATE TABLE IF NOT EXISTS loyalty_cards (
        card_number TEXT PRIMARY KEY, person_id TEXT, name TEXT, email TEXT,
        points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0), created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS loyalty_ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT, card_number TEXT NOT NULL, ref TEXT NOT NULL UNIQUE,
        points INTEGER NOT NULL, paid_cents INTEGER NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS loyalty_sessions (session_id TEXT PRIMARY KEY, card_number TEXT NOT NULL, at INTEGER NOT NULL);`);
  }

  card(cardNumber: string): LoyaltyCard | null {
    const r = this.db.prepare('SELECT * FROM loyalty_cards WHERE card_number = ?').get(cardNumber) as RawCard | undefined;
    return r ? toCard(r) : null;
  }

  /**
   * Registers a card to a Smarts person (or issues it, when the number is new). A card already
   * registered to another person is refused; the same person again gets the same card.
   */
  register(r: { cardNumber: string; personId: string; name?: string | null; email?: string | null }): { card: LoyaltyCard; created: boolean } {
    if (!CARD_NUMBER.test(r.cardNumber)) throw new LoyaltyError('bad-card-number', 'a card number is 6 to 20 digits');
    return this.db.transaction(() => {
      const now = this.clock.now();
      const existing = this.card(r.cardNumber);
      if (existing?.personId && existing.personId !== r.personId) throw new LoyaltyError('registered-to-another', 'this card is registered to another customer');
      if (existing) {
        this.db.prepare('UPDATE loyalty_cards SET person_id = ?, name = COALESCE(?, name), email = COALESCE(?, email), updated_at = ? WHERE card_number = ?').run(r.personId, r.name ?? null, r.email ?? null, now, r.cardNumber);
      } else {
        this.db.prepare('INSERT INTO loyalty_cards (card_number, person_id, name, email, points, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)').run(r.cardNumber, r.personId, r.name ?? null, r.email ?? null, now, now);
      }
      return { card: this.card(r.cardNumber)!, created: !existing };
    })();
  }

  /** Issues a card with no holder (store staff, demo); a known number is left as it is. */
  issue(cardNumber: string, points = 0): LoyaltyCard {
    if (!CARD_NUMBER.test(cardNumber)) throw new LoyaltyError('bad-card-number', 'a card number is 6 to 20 digits');
    const now = this.clock.now();
    this.db.prepare('INSERT OR IGNORE INTO loyalty_cards (card_number, person_id, name, email, points, created_at, updated_at) VALUES (?, NULL, NULL, NULL, ?, ?, ?)').run(cardNumber, points, now, now);
    return this.card(cardNumber)!;
  }

  /** Points a payment earns: `pointsPerEuro` per full euro. */
  pointsFor(paidCents: Cents): number {
    return paidCents > 0 ? Math.floor(paidCents / 100) * this.pointsPerEuro : 0;
  }

  /**
   * Credits the points of a sale once per `ref` (a replay returns the first credit). Returns what
   * was earned and the balance after it, or null for an unknown card.
   */
  earn(ref: string, cardNumber: string, paidCents: Cents): { earned: number; balance: number; repeated: boolean } | null {
    return this.db.transaction(() => {
      const card = this.card(cardNumber);
      if (!card) return null;
      const done = this.db.prepare('SELECT points FROM loyalty_ledger WHERE ref = ?').get(ref) as { points: number } | undefined;
      if (done) return { earned: done.points, balance: card.points, repeated: true };
      const earned = this.pointsFor(paidCents);
      const now = this.clock.now();
      this.db.prepare('INSERT INTO loyalty_ledger (card_number, ref, points, paid_cents, at) VALUES (?, ?, ?, ?, ?)').run(cardNumber, ref, earned, paidCents, now);
      this.db.prepare('UPDATE loyalty_cards SET points = points + ?, updated_at = ? WHERE card_number = ?').run(earned, now, cardNumber);
      return { earned, balance: card.points + earned, repeated: false };
    })();
  }

  /** What a sale earned, if it was credited. */
  earned(ref: string): { cardNumber: string; earned: number } | null {
    const r = this.db.prepare('SELECT card_number, points FROM loyalty_ledger WHERE ref = ?').get(ref) as { card_number: string; points: number } | undefined;
    return r ? { cardNumber: r.card_number, earned: r.points } : null;
  }

  /** The card a kiosk customer scanned in a session (kept across a restart). */
  attach(sessionId: string, cardNumber: string): void {
    this.db.prepare('INSERT OR REPLACE INTO loyalty_sessions (session_id, card_number, at) VALUES (?, ?, ?)').run(sessionId, cardNumber, this.clock.now());
  }

  cardOfSession(sessionId: string): string | null {
    const r = this.db.prepare('SELECT card_number FROM loyalty_sessions WHERE session_id = ?').get(sessionId) as { card_number: string } | undefined;
    return r?.card_number ?? null;
  }
}

/** "••3292": a card number as it may be shown or printed. */
export function maskCard(cardNumber: string): string {
  return `••${cardNumber.slice(-4)}`;
}
