/**
 * Smarts loyalty cards (integrations.md §1.6): card registration `POST /card/loyalty` [V] and the
 * bonus endpoint (path, request and response unknown [N/A]: configurable, default
 * `POST /card/loyalty/bonus`). The store's programme is injected (electron/loyalty via the app).
 * Answers (shapes unknown in the reference, ours): `{ cardNumber, personId, points, created }`
 * for a registration, `{ cardNumber, points, pointsPerEuro }` for the bonus.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { noteForLog, parseBody } from '../node/validate';
import { DEFAULT_SMARTS_PATHS, type SmartsPaths } from './paths';
import { safeText } from './schemas';

/** What the routes need of the store's loyalty programme. */
export interface SmartsLoyaltyPort {
  register(r: { cardNumber: string; personId: string; name?: string | null; email?: string | null }): { card: { cardNumber: string; personId: string | null; points: number }; created: boolean };
  card(cardNumber: string): { cardNumber: string; personId: string | null; points: number } | null;
  readonly pointsPerEuro: number;
}

const cardNumber = z.string().regex(/^\d{6,20}$/, 'a card number is 6 to 20 digits');

/** LoyaltyCardRegistrationRequest [V-ex]: `{ loyaltyCard: BonusLoyaltyCard, value, personId, personEmail, personName }`. */
export const LoyaltyCardRegistrationRequest = z.looseObject({
  loyaltyCard: z.looseObject({ id: safeText(200).nullish(), type: safeText(40).nullish() }).nullish(),
  value: cardNumber,
  personId: safeText(200, 1),
  personEmail: safeText(320).nullish(),
  personName: safeText(200).nullish(),
});

/** LoyaltyCardBonusRequest [N/A], our reading: the card (`value` or `cardNumber`) and the person. */
export const LoyaltyCardBonusRequest = z
  .looseObject({ value: cardNumber.optional(), cardNumber: cardNumber.optional(), personId: safeText(200, 1) })
  .refine((b) => b.value !== undefined || b.cardNumber !== undefined, { message: 'value or cardNumber is required', path: ['value'] });

export function smartsLoyaltyRoutes(opts: { loyalty: SmartsLoyaltyPort; paths?: Partial<SmartsPaths> }): (app: FastifyInstance) => void {
  const paths = { ...DEFAULT_SMARTS_PATHS, ...opts.paths };
  return (app) => {
    app.post(paths.loyaltyRegistration, async (req, reply) => {
      const body = parseBody(LoyaltyCardRegistrationRequest, req, reply);
      if (!body) return undefined;
      noteForLog(req, { card: `••${body.value.slice(-4)}` });
      try {
        const r = opts.loyalty.register({ cardNumber: body.value, personId: body.personId, name: body.personName ?? null, email: body.personEmail ?? null });
        return { cardNumber: r.card.cardNumber, personId: r.card.personId, points: r.card.points, created: r.created };
      } catch (e) {
        if ((e as { code?: unknown }).code === 'registered-to-another') return reply.code(409).send({ error: 'registered-to-another', message: 'this card is registered to another customer' });
        throw e;
      }
    });

    app.post(paths.loyaltyBonus, async (req, reply) => {
      const body = parseBody(LoyaltyCardBonusRequest, req, reply);
      if (!body) return undefined;
      const number = (body.value ?? body.cardNumber)!;
      noteForLog(req, { card: `••${number.slice(-4)}` });
      const card = opts.loyalty.card(number);
      // Another person's card is answered like an unknown one: a balance is private.
      if (!card || card.personId !== body.personId) return reply.code(404).send({ error: 'card-not-found', message: 'no such card for this customer' });
      return { cardNumber: card.cardNumber, points: card.points, pointsPerEuro: opts.loyalty.pointsPerEuro };
    });
  };
}
