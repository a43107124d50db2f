import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Lang } from '../checkout/lang';
import { divRound } from '../checkout/money';
import { saleAllowedNow, type ControlRules } from '../checkout/purchase-control';
import { AuditLog } from '../journal/audit';
import type { SmartsPaths } from '../smarts/paths';
import { smartsProductRoutes } from '../smarts/product-routes';
import type { ParseBarcode, SmartsCatalogPort } from '../smarts/products';
import { smartsReceiptRoutes } from '../smarts/receipt-routes';
import { smartsLoyaltyRoutes } from '../smarts/loyalty-routes';
import { PickupBook, PickupError, type StaffPickupStatus } from '../smarts/pickup';
import { smartsPickupRoutes } from '../smarts/pickup-routes';
import type { LoyaltyProgramme } from '../loyalty/programme';
import { SmartsReceiptBook } from '../smarts/receipts';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';
import type { Clock } from '../engine/clock';
import { IntentRefused } from '../engine/engine';
import type { OrderRecordView, PickupOrderView, SmartsCheckView } from '../ipc/view';
import type { Receipt } from '../checkout/receipt';
import { receiptFromSmarts, smartsOrderView } from './smarts-sales';
import type { JournalDb } from '../journal/db';
import type { Log } from '../log';
import { startMerchantNode } from '../node/server';
import { SmartsSandbox } from '../sandbox/smarts/sandbox';
import { PurchaseCheckStore, SMARTS_LOCK_MS } from '../smarts/checks';
import { editCart, type CartEdit } from '../smarts/edits';
import { SmartsGateway } from '../smarts/gateway';
import { SmartsOutbox } from '../smarts/outbox';
import { smartsRoutes } from '../smarts/routes';
import { decideSmarts, productRules, productView, type SmartsVerdict } from './smarts-rules';

export { decideSmarts, type SmartsVerdict };
import type { PurchaseControlCheckRequest } from '../smarts/schemas';

/** What the Smarts part needs of its host: a kiosk's engine, or the store node. */
export interface SmartsHost {
  publish(): unknown;
}

export interface SmartsPart {
  nodeUrl: string;
  store: PurchaseCheckStore;
  /** Merchant-side invoicing (null without a catalog). */
  receipts: SmartsReceiptBook | null;
  pickups: PickupBook;
  outbox: SmartsOutbox;
  /** Demo mode: the Smarts gateway sandbox (it can send checks to the node). */
  sandbox: SmartsSandbox | null;
  /** The supervisor's port (see engine/supervision). */
  port: {
    checks(): SmartsCheckView[];
    resolve(invoiceId: string, status: SmartsVerdict, edits: Array<{ index: number; quantity: number }> | undefined, by: string): void;
    requestResend(invoiceId: string): Promise<void>;
    /** A supervisor opened a pending check (PENDING goes to Smarts once). */
    open(invoiceId: string, by: string): void;
    orders(): OrderRecordView[];
    pickups(): PickupOrderView[];
    setPickupStatus(id: string, status: StaffPickupStatus, by: string): void;
    reprint(institutionInvoiceId: string): void;
    retryFailed(invoiceId: string): void;
  };
  close(): Promise<void>;
}


function definedPaths(paths: Record<string, string | undefined> | undefined): Partial<SmartsPaths> {
  return Object.fromEntries(Object.entries(paths ?? {}).filter(([, v]) => v !== undefined)) as Partial<SmartsPaths>;
}

/** Receipts priced with the catalog and the kiosk's rules; a paid one goes to the audit log. */
function receiptBook(o: { config: KassaConfig; db: JournalDb; clock: Clock; rules: ControlRules; parse?: ParseBarcode; engine: SmartsHost; loyalty?: LoyaltyProgramme | null }, catalog: SmartsCatalogPort, log: Log, audit: AuditLog): SmartsReceiptBook {
  const d = o.config.smarts.receiptDiscount;
  return new SmartsReceiptBook(
    o.db,
    catalog,
    {
      saleAllowed: (p, now) => saleAllowedNow(p, o.rules, now).allowed,
      discounts: (_lines, subtotal) => (d && subtotal >= d.minTotalCents ? [{ description: d.description, amountCents: divRound(subtotal * d.percentBp, 10_000) }] : []),
    },
    o.clock,
    log.child('receipts'),
    {
      ...(o.parse ? { parse: o.parse } : {}),
      invoicePrefix: o.config.smarts.invoicePrefix,
      currency: o.config.store.currency,
      // A paid receipt is a sale: audited, and the staff console's order list is refreshed.
      onConfirmed: (r) => {
        audit.record({
          at: r.confirmedAt ?? o.clock.now(),
          supervisorBadge: 'smarts',
          supervisorName: 'Smarts',
          action: 'smarts.receipt.paid',
          kioskSessionId: null,
          basketBefore: null,
          basketAfter: null,
          detail: { invoiceId: r.receipt.invoiceId, institutionInvoiceId: r.receipt.institutionInvoiceId, totalCents: r.cents.totalCents },
        });
        // Points for the customer's loyalty card, if it is registered to them (once per receipt).
        const card = r.cents.loyaltyCard ? o.loyalty?.card(r.cents.loyaltyCard) : null;
        if (card && card.personId === r.receipt.customerId) o.loyalty!.earn(`smarts:${r.receipt.institutionInvoiceId}`, card.cardNumber, r.cents.totalCents);
        o.engine.publish();
      },
    },
  );
}

/** Reads a PEM file named in the configuration; the error names the field, never the content. */
function readConfigFile(path: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ConfigError(`configuration field "${field}": cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}


export async function startSmarts(o: {
  config: KassaConfig;
  mode: 'demo' | 'store';
  /** Told after every change staff should see (the kiosk's engine, or the store node's broadcaster). */
  engine: SmartsHost;
  db: JournalDb;
  clock: Clock;
  log: Log;
  rules: ControlRules;
  /** The store's catalog, for product search and receipts (without it those routes are not served). */
  catalog?: SmartsCatalogPort;
  /** The kiosk's barcode parser (weight and price labels). */
  parse?: ParseBarcode;
  defaultLang?: Lang;
  /** Prints a receipt (a copy if that order was printed before); null without a printer. */
  print?: ((orderRef: string, receipt: Receipt) => void) | null;
  /** The store's loyalty programme: card registration and bonus for Smarts, points on paid receipts. */
  loyalty?: LoyaltyProgramme | null;
  /** Other integrations' routes on the same node (InPost Pay), and the prefixes they authenticate themselves. */
  extraRoutes?: { routes: Array<(app: FastifyInstance) => void>; selfAuthenticated: string[] };
  /** Added to the node's health and version answers (the store node: lanes online, backlogs). */
  report?: () => Record<string, unknown>;
}): Promise<SmartsPart | null> {
  const sc = o.config.smarts;
  if (!sc.enabled) return null;
  const log = o.log.child('smarts');
  const nodeToken = sc.nodeToken ?? (o.mode === 'demo' || o.config.sandboxes ? randomBytes(18).toString('hex') : undefined);
  if (!nodeToken) throw new ConfigError('configuration field "smarts.nodeToken" is required (or set KASSA_SMARTS_NODE_TOKEN, or smarts.enabled: false)');
  const store = new PurchaseCheckStore(o.db, o.clock, log, sc.results ?? {});
  const audit = new AuditLog(o.db);
  const receipts = o.catalog ? receiptBook(o, o.catalog, log, audit) : null;
  const commerceRoutes = () =>
    o.catalog && receipts
      ? [
          smartsProductRoutes({ catalog: o.catalog, rules: productRules(o.rules), ...(o.parse ? { parse: o.parse } : {}), defaultLang: o.defaultLang ?? 'et', imageUrlTemplate: sc.imageUrlTemplate ?? null, paths: definedPaths(sc.paths), ...(sc.nameSearchLimit ? { nameSearchLimit: sc.nameSearchLimit } : {}) }),
          smartsReceiptRoutes({ book: receipts, paths: definedPaths(sc.paths) }),
        ]
      : [];
  const pickups = new PickupBook(o.db, o.clock, log.child('pickup'), () => o.engine.publish());
  const loyaltyRoutes = o.loyalty ? [smartsLoyaltyRoutes({ loyalty: o.loyalty, paths: definedPaths(sc.paths) })] : [];
  const tls = sc.tls ? { cert: readConfigFile(sc.tls.certFile, 'smarts.tls.certFile'), key: readConfigFile(sc.tls.keyFile, 'smarts.tls.keyFile') } : undefined;
  const node = await startMerchantNode({
    ...(tls ? { tls } : {}),
    ...(sc.rateLimit ? { rateLimit: sc.rateLimit } : {}),
    host: sc.nodeHost,
    port: sc.nodePort,
    inboundToken: nodeToken,
    log: log.child('node'),
    routes: [smartsRoutes({ store, decide: (req) => decideSmarts(req, o.rules, o.clock.now()) }), ...commerceRoutes(), ...loyaltyRoutes, smartsPickupRoutes({ book: pickups, paths: definedPaths(sc.paths) }), ...(o.extraRoutes?.routes ?? [])],
    ...(o.extraRoutes ? { selfAuthenticated: o.extraRoutes.selfAuthenticated } : {}),
    ...(o.report ? { report: o.report } : {}),
  });
  let sandbox: SmartsSandbox | null = null;
  let gatewayUrl = sc.gatewayUrl;
  let gatewayToken = sc.gatewayToken;
  if (!gatewayUrl) {
    if (o.mode === 'store' && !o.config.sandboxes) throw new ConfigError('configuration field "smarts.gatewayUrl" is required in store mode (or set KASSA_SMARTS_GATEWAY_URL, "smarts.enabled": false, or "sandboxes": true)');
    if (o.mode === 'store') log.warn('sandboxes: true — Smarts results go to the local Smarts sandbox');
    gatewayToken = randomBytes(18).toString('hex');
    sandbox = await SmartsSandbox.start({ accessToken: gatewayToken, nodeUrl: node.url, nodeToken, institutionId: sc.institutionId, ...(sc.paths ? { nodePaths: definedPaths(sc.paths) } : {}) });
    gatewayUrl = sandbox.url;
    // Demo: a person can try the Smarts journey on the simulator's phone page (its own throwaway key).
    if (o.mode === 'demo') log.info('Smarts app (simulator) for a phone-sized browser window', { url: sandbox.phoneUrl });
  }
  if (!gatewayToken) throw new ConfigError('configuration field "smarts.gatewayToken" is required with smarts.gatewayUrl (or set KASSA_SMARTS_GATEWAY_TOKEN)');
  const gateway = new SmartsGateway({ baseUrl: gatewayUrl, accessToken: gatewayToken, resultPath: sc.resultPath, resendPath: sc.resendPath, pickupStatusPath: sc.pickupStatusPath, log: log.child('gateway') });
  const decide = (req: PurchaseControlCheckRequest) => decideSmarts(req, o.rules, o.clock.now());
  const outbox = new SmartsOutbox(o.db, gateway, log.child('outbox'), o.clock, {
    // Refused for good: the console shows it with a retry (SmartsCheckView.delivery).
    onFailed: () => o.engine.publish(),
    // The resend answer carried the check: stored (and re-decided if its cart changed) like a POST /control/check.
    onResent: (check) => store.receive(check, decide),
  });
  outbox.start();
  const stopExpiry = store.startExpiryTimer();
  const unsubscribe = store.onChange(() => {
    outbox.wake();
    o.engine.publish();
  });
  log.info('Smarts merchant node listening', { url: node.url });

  const unreadable = new Set<string>();
  const port: SmartsPart['port'] = {
    // Built row by row: a stored check that cannot be shown (e.g. written by an older version
    // without range checks) is listed as "cannot be displayed" and logged once, never breaking the console.
    checks: () =>
      store.recentRows().map((row): SmartsCheckView => {
        const base = row.ok ? row.check : row;
        const head = { invoiceId: base.invoiceId, status: base.status as SmartsCheckView['status'], decision: base.decision, receivedAt: base.receivedAt, expiresAt: base.receivedAt + SMARTS_LOCK_MS };
        const last = head.status === 'pending' || head.status === 'not-required' ? null : outbox.lastResult(head.invoiceId);
        const delivery = last ? { delivery: { status: String((last.body as { status?: unknown }).status ?? ''), state: last.state === 'pending' ? ('sending' as const) : last.state, error: last.state === 'failed' ? last.lastError : null } } : {};
        try {
          if (!row.ok) throw row.error;
          return { ...head, ...delivery, products: row.check.products.map((p, index) => productView(p, index)) };
        } catch (e) {
          if (!unreadable.has(head.invoiceId)) {
            unreadable.add(head.invoiceId);
            log.error('Smarts check cannot be displayed', { invoiceId: head.invoiceId, error: e as Error });
          }
          return { ...head, ...delivery, products: [], unreadable: true };
        }
      }),
    resolve(invoiceId, status, edits, by) {
      if (!store.summary(invoiceId)) throw new IntentRefused('not-found', `no Smarts check ${invoiceId}`);
      try {
        // Only edits need the products; a check that cannot be displayed can still be passed or failed.
        let products = null;
        if (edits?.length) {
          const check = store.get(invoiceId)!;
          const cartEdits: CartEdit[] = edits.map((e) => {
            const p = check.products[e.index];
            if (!p) throw new IntentRefused('invalid-products', `no product #${e.index} in check ${invoiceId}`);
            return e.quantity === 0 ? { productId: p.id, remove: true } : { productId: p.id, quantity: e.quantity };
          });
          products = editCart(check.products, cartEdits);
        }
        store.resolve(invoiceId, status === 'PASSED' ? 'passed' : status === 'FAILED_ALLOW_PAYMENT' ? 'failed_allow_payment' : 'failed', status === 'CANCEL_SHOPPING' ? null : products, by);
      } catch (e) {
        if (e instanceof IntentRefused) throw e;
        // PurchaseCheckError (expired, already-resolved…) and CartEditError carry a code for the UI.
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string') throw IntentRefused.passOn(code, (e as Error).message);
        throw new IntentRefused('unreadable', `check ${invoiceId} cannot be edited: its stored data is invalid`);
      }
      outbox.wake();
    },
    open(invoiceId, by) {
      store.open(invoiceId, by);
    },
    orders: () => receipts?.confirmed(15).map(smartsOrderView) ?? [],
    pickups: () => pickups.list(),
    setPickupStatus(id, status, by) {
      try {
        pickups.setStatus(id, status, by);
      } catch (e) {
        if (e instanceof PickupError) throw new IntentRefused(e.code, e.message);
        throw e;
      }
      outbox.wake();
    },
    reprint(institutionInvoiceId) {
      const sale = receipts?.byInstitutionInvoiceId(institutionInvoiceId);
      if (!sale || sale.status !== 'confirmed') throw new IntentRefused('not-found', `no paid Smarts receipt ${institutionInvoiceId}`);
      if (!o.print) throw new IntentRefused('not-available', 'this kiosk has no printer');
      o.print(`smarts:${institutionInvoiceId}`, receiptFromSmarts(sale, o.config));
    },
    retryFailed(invoiceId) {
      const last = outbox.lastResult(invoiceId);
      if (!last || last.state !== 'failed' || !outbox.retryFailed(last.id)) throw new IntentRefused('not-failed', `no refused result to retry for ${invoiceId}`);
    },
    async requestResend(invoiceId) {
      const check = store.summary(invoiceId);
      if (!check) throw new IntentRefused('not-found', `no Smarts check ${invoiceId}`);
      outbox.enqueueResend({ invoiceId, institutionId: check.institutionId });
      outbox.wake();
    },
  };
  return {
    nodeUrl: node.url,
    store,
    receipts,
    pickups,
    outbox,
    sandbox,
    port,
    async close() {
      unsubscribe();
      stopExpiry();
      outbox.stop();
      await node.close();
      await sandbox?.close();
    },
  };
}
