/** An engine with the payment flow, a real SWiP client and the SWiP sandbox on loopback. */
import { openJournalDb } from '../../../electron/journal/db';
import { SessionJournal } from '../../../electron/journal/sessions';
import { PaymentJournal } from '../../../electron/journal/payments';
import { OrderNumbers } from '../../../electron/journal/order-numbers';
import { KioskEngine, type ScanParse } from '../../../electron/engine/engine';
import { ManualClock } from '../../../electron/engine/clock';
import { parseBarcode, DEFAULT_WEIGHT_RULES } from '../../../electron/devices/barcode';
import { PaymentFlow } from '../../../electron/payments/checkout-flow';
import { notOffered, SwipProvider, TerminalProvider } from '../../../electron/payments/providers';
import type { PaymentProvider, ProviderKind } from '../../../electron/payments/port';
import type { CardTerminal } from '../../../electron/payments/ports';
import { paymentMessage, providerDiscountLabel } from '../../../electron/payments/messages';
import { RefundDesk } from '../../../electron/payments/refunds';
import { AttentionDesk } from '../../../electron/payments/attention';
import { StaffPayments } from '../../../electron/payments/staff';
import { RefundJournal } from '../../../electron/journal/refunds';
import { SandboxTerminal } from '../../../electron/payments/terminal/sandbox-terminal';
import { SwipClient } from '../../../electron/payments/swip';
import { SwipSandbox, type SwipSandboxOptions } from '../../../electron/sandbox/swip';
import { memoryLog } from '../../../electron/log';
import type { Product } from '../../../electron/checkout/product';
import { withCheckDigit } from '../../../electron/devices/barcode/gtin';

const n = (en: string) => ({ en, et: en, pl: en, ru: en });
export const MILK = withCheckDigit('4740000000010');
export const BREAD = withCheckDigit('4740000000020');
export const APPLES_TEMPLATE = withCheckDigit('2000123000000');
/** 1.234 kg of apples, as a scale label. */
export const APPLES_1234 = withCheckDigit('2000123012340');
const products: Product[] = [
  { sku: 'MILK', barcodes: [MILK], name: n('Milk'), unitPriceCents: 129, vatRateBp: 2400, unit: 'piece', soldByWeight: false, category: 'dairy', ageLimit: null },
  { sku: 'BREAD', barcodes: [BREAD], name: n('Bread'), unitPriceCents: 245, vatRateBp: 900, unit: 'piece', soldByWeight: false, category: 'bakery', ageLimit: null },
  { sku: 'APPLES', barcodes: [APPLES_TEMPLATE], name: n('Apples'), unitPriceCents: 249, vatRateBp: 2400, unit: 'weight', soldByWeight: true, category: 'produce', ageLimit: null },
];

export async function startPaymentHarness(opts: { sandbox?: Partial<SwipSandboxOptions>; cashRoundingCents?: number; terminalAutoApproveMs?: number | null; file?: string; noTerminal?: boolean; fetchImpl?: typeof fetch; closeRetryMs?: number; cardTerminal?: (db: ReturnType<typeof openJournalDb>) => CardTerminal } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 10, 0, 0));
  const sandbox = await SwipSandbox.start({ token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1', clock, ...opts.sandbox });
  const log = memoryLog('pay');
  const db = openJournalDb(opts.file ?? ':memory:');
  const byGtin = new Map(products.flatMap((p) => p.barcodes.map((b) => [b.padStart(14, '0'), p] as const)));
  const engine = new KioskEngine(
    { mode: 'demo', idle: { idleMs: 120_000, promptMs: 30_000, doneMs: 10_000 }, languages: { default: 'en', available: ['en', 'et', 'pl', 'ru'] }, store: { name: 'Test' }, demoSamples: null },
    { clock, log, catalog: { byBarcode: (g) => byGtin.get(g) ?? null }, parse: (raw) => parseBarcode(raw, { rules: DEFAULT_WEIGHT_RULES }) as ScanParse, sessions: new SessionJournal(db) },
  );
  const client = new SwipClient({ baseUrl: sandbox.url, token: 'tok-123456789', merchantId: 'KASS', storeId: 'S1', cashId: 'K01', timeoutMs: 1500, retry: { attempts: 2, baseMs: 5, maxMs: 20 } }, log, opts.fetchImpl);
  const terminal = new SandboxTerminal({ autoApproveMs: opts.terminalAutoApproveMs === undefined ? 10 : opts.terminalAutoApproveMs });
  const providers = {
    swip: new SwipProvider(client, log, { cashier: 'Kiosk K01', cashierId: '6f1c2a7e-0d0b-4a8e-9a51-3c3f0e7b1d21' }),
    terminal: new TerminalProvider(opts.noTerminal ? null : (opts.cardTerminal?.(db) ?? terminal), log, opts.cashRoundingCents ?? 1),
    inpost: notOffered('inpost'),
  } satisfies Record<ProviderKind, PaymentProvider>;
  const journal = new PaymentJournal(db);
  const orderNumbers = new OrderNumbers(db, 'K01', 'Europe/Tallinn');
  const flow = new PaymentFlow(engine, providers, journal, log, {
    paymentTimeoutMs: 90_000,
    cancelMarginMs: 5000,
    pollMs: 15,
    closeRetryMs: opts.closeRetryMs ?? 1500,
    customerMessage: paymentMessage,
    providerDiscountLabel,
    orderNo: (sessionId, at) => orderNumbers.allocate(sessionId, at),
  });
  const refundJournal = new RefundJournal(db);
  const refunds = new RefundDesk(providers, journal, refundJournal, clock, log);
  const staff = new StaffPayments(flow, refunds, new AttentionDesk(flow));
  engine.use(flow);
  const until = async (cond: () => boolean, what: string, ms = 5000) => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; state=${engine.state} payment=${JSON.stringify(engine.view().payment)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    clock, sandbox, engine, flow, journal, terminal, log, db, client, until, providers, refunds, refundJournal, staff,
    async close() {
      flow.stop();
      await sandbox.close();
      db.close();
    },
  };
}
