/** Smarts pickup orders (§1.7): receive order [V] and receive order update ([N/A], path configurable). Both answer 200 with no body ("response void"). */
import type { FastifyInstance } from 'fastify';
import { noteForLog, parseBody } from '../node/validate';
import { DEFAULT_SMARTS_PATHS, type SmartsPaths } from './paths';
import { PickupError, PickupOrder, type PickupBook } from './pickup';

export function smartsPickupRoutes(opts: { book: Pick<PickupBook, 'receive' | 'update'>; paths?: Partial<SmartsPaths> }): (app: FastifyInstance) => void {
  const paths = { ...DEFAULT_SMARTS_PATHS, ...opts.paths };
  return (app) => {
    app.post(paths.pickupOrder, async (req, reply) => {
      const body = parseBody(PickupOrder, req, reply);
      if (!body) return undefined;
      noteForLog(req, { pickupOrder: body.id, products: body.products.length });
      const r = opts.book.receive(body);
      noteForLog(req, { created: r.created });
      return reply.code(200).send();
    });

    app.post(paths.pickupOrderUpdate, async (req, reply) => {
      const body = parseBody(PickupOrder, req, reply);
      if (!body) return undefined;
      noteForLog(req, { pickupOrder: body.id });
      try {
        opts.book.update(body);
      } catch (e) {
        if (e instanceof PickupError) return reply.code(404).send({ error: 'order-not-found', message: e.message });
        throw e;
      }
      return reply.code(200).send();
    });
  };
}
