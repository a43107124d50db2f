/** Smarts merchant-side invoicing routes: create receipt, confirm receipt payment. */
import type { FastifyInstance } from 'fastify';
import { noteForLog, parseBody } from '../node/validate';
import { DEFAULT_SMARTS_PATHS, type SmartsPaths } from './paths';
import { ReceiptConfirmation, ReceiptError, type SmartsReceiptBook } from './receipts';
import { PurchaseControlCheckRequest } from './schemas';

export function smartsReceiptRoutes(opts: { book: Pick<SmartsReceiptBook, 'create' | 'confirm'>; paths?: Partial<SmartsPaths> }): (app: FastifyInstance) => void {
  const paths = { ...DEFAULT_SMARTS_PATHS, ...opts.paths };
  return (app) => {
    app.post(paths.receipt, async (req, reply) => {
      const body = parseBody(PurchaseControlCheckRequest, req, reply);
      if (!body) return undefined;
      noteForLog(req, { invoiceId: body.invoiceId, products: body.products.length });
      try {
        const r = opts.book.create(body);
        noteForLog(req, { institutionInvoiceId: r.receipt.institutionInvoiceId, repeated: r.repeated });
        return r.receipt;
      } catch (e) {
        if (e instanceof ReceiptError) return reply.code(e.status).send({ error: e.code, message: e.message, ...(e.path ? { path: e.path } : {}) });
        throw e;
      }
    });

    app.post(paths.receiptConfirm, async (req, reply) => {
      const body = parseBody(ReceiptConfirmation, req, reply);
      if (!body) return undefined;
      noteForLog(req, { invoiceId: body.invoiceId, institutionInvoiceId: body.institutionInvoiceId });
      try {
        return opts.book.confirm(body).receipt;
      } catch (e) {
        if (e instanceof ReceiptError) return reply.code(e.status).send({ error: e.code, message: e.message });
        throw e;
      }
    });
  };
}
