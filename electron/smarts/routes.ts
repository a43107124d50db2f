/** Smarts' inbound routes on the merchant node: POST /control/check. */
import type { FastifyInstance } from 'fastify';
import { noteForLog, parseBody } from '../node/validate';
import type { DecidePurchaseCheck, PurchaseCheckStore } from './checks';
import { PurchaseControlCheckRequest, type PurchaseControlCheckResponse } from './schemas';

export interface SmartsRoutesOptions {
  store: Pick<PurchaseCheckStore, 'receive'>;
  /** The purchase-control rules (electron/checkout/purchase-control.ts, wired by the engine). */
  decide: DecidePurchaseCheck;
}

/** Registers the Smarts routes; pass the result in startMerchantNode({ routes }). */
export function smartsRoutes(opts: SmartsRoutesOptions): (app: FastifyInstance) => void {
  return (app) => {
    app.post('/control/check', async (req, reply): Promise<PurchaseControlCheckResponse | undefined> => {
      const body = parseBody(PurchaseControlCheckRequest, req, reply);
      if (!body) return undefined;
      noteForLog(req, { invoiceId: body.invoiceId, products: body.products.length });
      const r = opts.store.receive(body, opts.decide);
      noteForLog(req, { decision: r.decision, repeated: r.repeated });
      return { decision: r.decision };
    });
  };
}
