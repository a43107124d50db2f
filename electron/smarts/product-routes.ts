/** Smarts product search routes on the merchant node (paths from ./paths, configurable). */
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../checkout/lang';
import { type BucketLimit, TokenBuckets } from '../node/buckets';
import { noteForLog, parseBody, parseValue } from '../node/validate';
import { DEFAULT_SMARTS_PATHS, type SmartsPaths } from './paths';
import {
  findByBarcode,
  PageRequest,
  pageOfProducts,
  ProductSearchRequest,
  toSmartsProduct,
  type Pageable,
  type ParseBarcode,
  type ProductRules,
  type SmartsCatalogPort,
} from './products';
import type { SmartsProduct } from './schemas';

export interface ProductRoutesOptions {
  catalog: SmartsCatalogPort;
  rules: ProductRules;
  /** The kiosk's barcode parser (weight/price labels); without it only plain GTINs are found. */
  parse?: ParseBarcode;
  /** Language when a request has no langCode; default "et". */
  defaultLang?: Lang;
  imageUrlTemplate?: string | null;
  /** Most results of a name search; default 50 (at most 200). */
  nameLimit?: number;
  paths?: Partial<SmartsPaths>;
  /**
   * Per-client (IP) limit of name search, which costs ~20 ms of the kiosk's main thread per
   * answer: default 10 per second sustained, 20 at once; `false` turns it off (benchmarks only).
   * Over it: 429 `rate-limited` with `Retry-After`.
   */
  nameSearchLimit?: BucketLimit | false;
  /** Clock of the name-search limit in ms (tests); default performance.now. */
  now?: () => number;
}

export const DEFAULT_NAME_SEARCH_LIMIT: BucketLimit = { perSecond: 10, burst: 20 };

export function smartsProductRoutes(opts: ProductRoutesOptions): (app: FastifyInstance) => void {
  const paths = { ...DEFAULT_SMARTS_PATHS, ...opts.paths };
  const defaultLang = opts.defaultLang ?? 'et';
  const nameLimit = Math.min(200, Math.max(1, opts.nameLimit ?? 50));
  const nameBuckets = opts.nameSearchLimit === false ? null : new TokenBuckets(opts.nameSearchLimit ?? DEFAULT_NAME_SEARCH_LIMIT, opts.now);
  const mapping = {
    rules: opts.rules,
    imageUrlTemplate: opts.imageUrlTemplate ?? null,
    categoryCount: (c: string) => opts.catalog.categories().find((x) => x.category === c)?.count ?? 0,
  };
  const page = (body: PageRequest, category: string | null): Pageable<SmartsProduct> => {
    const lang = body.request.langCode ?? defaultLang;
    const { items, total } = pageOfProducts(opts.catalog, { page: body.page, limit: body.limit, desc: body.orderBy === 'DESC', category });
    return { result: items.map((p) => toSmartsProduct({ product: p }, lang, mapping)), lastPage: Math.ceil(total / body.limit), totalCount: total };
  };

  return (app) => {
    app.post(paths.productSearch, async (req, reply) => {
      const body = parseBody(PageRequest, req, reply);
      if (!body) return undefined;
      noteForLog(req, { page: body.page, limit: body.limit });
      return page(body, body.request.categoryName?.trim() || null);
    });

    app.post(paths.categorySearch, async (req, reply) => {
      // The category search page could not be read: a PageRequest or a bare ProductSearchRequest.
      const raw = req.body as Record<string, unknown> | null;
      const wrapped = raw && typeof raw === 'object' && 'request' in raw ? raw : { request: raw };
      const body = parseValue(PageRequest, wrapped, reply);
      if (!body) return undefined;
      const category = body.request.categoryName?.trim();
      if (!category) return reply.code(400).send({ error: 'invalid-request', issues: [{ path: 'request.categoryName', message: 'categoryName is required' }] });
      noteForLog(req, { category, page: body.page });
      return page(body, category);
    });

    app.post(paths.barcodeSearch, async (req, reply) => {
      const body = parseBody(ProductSearchRequest, req, reply);
      if (!body) return undefined;
      const code = body.barcode?.trim();
      if (!code) return reply.code(400).send({ error: 'invalid-request', issues: [{ path: 'barcode', message: 'barcode is required' }] });
      noteForLog(req, { barcode: code });
      const found = findByBarcode(code, opts.catalog, opts.parse);
      if (!found) return reply.code(404).send({ error: 'product-not-found', message: `no product with barcode ${code}` });
      return toSmartsProduct(found, body.langCode ?? defaultLang, mapping);
    });

    app.post(paths.nameSearch, async (req, reply) => {
      const body = parseBody(ProductSearchRequest, req, reply);
      if (!body) return undefined;
      const name = body.name?.trim();
      if (!name) return reply.code(400).send({ error: 'invalid-request', issues: [{ path: 'name', message: 'name is required' }] });
      // Counted after validation and before the search: only the costly part is limited.
      const waitMs = nameBuckets?.take(req.ip) ?? 0;
      if (waitMs > 0) {
        noteForLog(req, { limited: 'name search' });
        return reply
          .code(429)
          .header('retry-after', String(Math.ceil(waitMs / 1000)))
          .send({ error: 'rate-limited', message: `too many name searches; retry in ${Math.ceil(waitMs / 1000)} s`, retryAfterMs: waitMs });
      }
      const lang = body.langCode ?? defaultLang;
      return opts.catalog.searchByName(name, { limit: nameLimit }).map((p) => toSmartsProduct({ product: p }, lang, mapping));
    });
  };
}
