import { randomBytes } from 'node:crypto';
import { decidePurchaseCheck, keyedSampler, type ControlRules } from '../checkout/purchase-control';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';
import type { Clock } from '../engine/clock';
import { IntentRefused, type KioskEngine } from '../engine/engine';
import type { SmartsCheckView } from '../ipc/view';
import type { JournalDb } from '../journal/db';
import type { Log } from '../log';
import { startMerchantNode } from '../node/server';
import { SmartsSandbox } from '../sandbox/smarts/sandbox';
import { PurchaseCheckStore, SMARTS_LOCK_MS } from '../smarts/checks';
import { editCart, type CartEdit } from '../smarts/edits';
import { SmartsGateway } from '../smarts/gateway';
import { SmartsOutbox } from '../smarts/outbox';
import { linePrice, minAgeOf } from '../smarts/prices';
import { smartsRoutes } from '../smarts/routes';
import type { PurchaseControlCheckRequest } from '../smarts/schemas';

export interface SmartsPart {
  nodeUrl: string;
  store: PurchaseCheckStore;
  outbox: SmartsOutbox;
  /** Demo mode: the Smarts gateway sandbox (it can send checks to the node). */
  sandbox: SmartsSandbox | null;
  /** The supervisor's port (see engine/supervision). */
  port: {
    checks(): SmartsCheckView[];
    resolve(invoiceId: string, status: 'PASSED' | 'FAILED' | 'FAILED_ALLOW_PAYMENT', edits: Array<{ index: number; quantity: number }> | undefined, by: string): void;
    requestResend(invoiceId: string): Promise<void>;
  };
  close(): Promise<void>;
}

/** The same purchase-control rules as the kiosk, applied to a Smarts customer's cart. */
export function decideSmarts(req: PurchaseControlCheckRequest, rules: ControlRules, now: number) {
  const lines = req.products.map((p) => ({
    sku: p.id,
    category: p.categories?.[0]?.translatableName?.originalText?.toLowerCase() ?? '',
    ageLimit: minAgeOf([p]),
    quantity: Math.max(1, Math.round(Number(p.quantity.value))),
    totalCents: linePrice(p).totalCents,
    unit: p.weightItem ? ('weight' as const) : ('piece' as const),
  }));
  return decidePurchaseCheck({ lines, basketTotalCents: lines.reduce((s, l) => s + l.totalCents, 0), voidedLines: 0, unknownScans: 0, now }, rules, keyedSampler(rules.sampling.seed, req.invoiceId));
}

export async function startSmarts(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; rules: ControlRules }): Promise<SmartsPart | null> {
  const sc = o.config.smarts;
  if (!sc.enabled) return null;
  const log = o.log.child('smarts');
  const nodeToken = sc.nodeToken ?? (o.mode === 'demo' || o.config.sandboxes ? randomBytes(18).toString('hex') : undefined);
  if (!nodeToken) throw new ConfigError('configuration field "smarts.nodeToken" is required (or set KASSA_SMARTS_NODE_TOKEN, or smarts.enabled: false)');
  const store = new PurchaseCheckStore(o.db, o.clock, log);
  const node = await startMerchantNode({
    host: sc.nodeHost,
    port: sc.nodePort,
    inboundToken: nodeToken,
    log: log.child('node'),
    routes: [smartsRoutes({ store, decide: (req) => decideSmarts(req, o.rules, o.clock.now()) })],
  });
  let sandbox: SmartsSandbox | null = null;
  let gatewayUrl = sc.gatewayUrl;
  let gatewayToken = sc.gatewayToken;
  if (!gatewayUrl) {
    if (o.mode === 'store' && !o.config.sandboxes) throw new ConfigError('configuration field "smarts.gatewayUrl" is required in store mode (or set KASSA_SMARTS_GATEWAY_URL, "smarts.enabled": false, or "sandboxes": true)');
    if (o.mode === 'store') log.warn('sandboxes: true — Smarts results go to the local Smarts sandbox');
    gatewayToken = randomBytes(18).toString('hex');
    sandbox = await SmartsSandbox.start({ accessToken: gatewayToken, nodeUrl: node.url, nodeToken });
    gatewayUrl = sandbox.url;
  }
  if (!gatewayToken) throw new ConfigError('configuration field "smarts.gatewayToken" is required with smarts.gatewayUrl (or set KASSA_SMARTS_GATEWAY_TOKEN)');
  const gateway = new SmartsGateway({ baseUrl: gatewayUrl, accessToken: gatewayToken, resultPath: sc.resultPath, resendPath: sc.resendPath, log: log.child('gateway') });
  const outbox = new SmartsOutbox(o.db, gateway, log.child('outbox'), o.clock);
  outbox.start();
  const stopExpiry = store.startExpiryTimer();
  const unsubscribe = store.onChange(() => o.engine.publish());
  log.info('Smarts merchant node listening', { url: node.url });

  const port: SmartsPart['port'] = {
    checks: () =>
      store.recent().map((c) => ({
        invoiceId: c.invoiceId,
        status: c.status as SmartsCheckView['status'],
        decision: c.decision,
        receivedAt: c.receivedAt,
        expiresAt: c.receivedAt + SMARTS_LOCK_MS,
        products: c.products.map((p, index) => ({
          index,
          name: p.translatableName?.originalText ?? p.id,
          barcode: p.barcode ?? '',
          quantity: Number(p.quantity.value),
          unit: String(p.quantity.unit),
          totalCents: linePrice(p).totalCents,
          minAge: minAgeOf([p]),
        })),
      })),
    resolve(invoiceId, status, edits, by) {
      const check = store.get(invoiceId);
      if (!check) throw new IntentRefused('not-found', `no Smarts check ${invoiceId}`);
      const cartEdits: CartEdit[] = (edits ?? []).map((e) => {
        const p = check.products[e.index];
        if (!p) throw new IntentRefused('invalid-products', `no product #${e.index} in check ${invoiceId}`);
        return e.quantity === 0 ? { productId: p.id, remove: true } : { productId: p.id, quantity: e.quantity };
      });
      try {
        const products = cartEdits.length ? editCart(check.products, cartEdits) : null;
        store.resolve(invoiceId, status === 'PASSED' ? 'passed' : status === 'FAILED' ? 'failed' : 'failed_allow_payment', products, by);
      } catch (e) {
        // PurchaseCheckError (expired, already-resolved…) and CartEditError carry a code for the UI.
        const code = (e as { code?: unknown }).code;
        if (typeof code === 'string') throw new IntentRefused(code, (e as Error).message);
        throw e;
      }
      outbox.wake();
    },
    async requestResend(invoiceId) {
      const check = store.get(invoiceId);
      if (!check) throw new IntentRefused('not-found', `no Smarts check ${invoiceId}`);
      outbox.enqueueResend({ invoiceId, institutionId: check.institutionId });
      outbox.wake();
    },
  };
  return {
    nodeUrl: node.url,
    store,
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
