import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import type { JournalDb } from '../journal/db';
import { PaymentJournal } from '../journal/payments';
import { kioskCashierId, RefundJournal } from '../journal/refunds';
import type { Log } from '../log';
import { AttentionDesk } from '../payments/attention';
import { PaymentFlow } from '../payments/checkout-flow';
import { providerDiscountLabel, paymentMessage } from '../payments/messages';
import type { PaymentProvider, ProviderKind } from '../payments/port';
import { SwipProvider, TerminalProvider } from '../payments/providers';
import { RefundDesk } from '../payments/refunds';
import { StaffPayments } from '../payments/staff';
import { SwipClient } from '../payments/swip';
import { SandboxTerminal } from '../payments/terminal/sandbox-terminal';
import { SwipSandbox } from '../sandbox/swip';

export interface PaymentsPart {
  flow: PaymentFlow;
  journal: PaymentJournal;
  refunds: RefundDesk;
  staff: StaffPayments;
  /** The local SWiP sandbox when no SWiP endpoint is configured (demo, or "sandboxes": true). */
  sandbox: SwipSandbox | null;
  terminal: SandboxTerminal | null;
  close(): Promise<void>;
}

/** Loyalty programmes of the demo SWiP sandbox: something every customer sees. */
const DEMO_PROGRAMS = [
  { programId: 101, description: 'SWiP welcome −5 %', kind: 'percent' as const, percentBp: 500, minTotalCents: 1000 },
];

/** A crash point for the kill tests (KASSA_TEST_CRASH_AT=<step>); never set in production. */
export function crashPointFromEnv(env: Record<string, string | undefined>, log: Log): (step: string) => void {
  const at = env.KASSA_TEST_CRASH_AT;
  if (!at) return () => undefined;
  return (step) => {
    if (step === at) {
      log.warn('test crash point reached: killing the process', { step });
      process.kill(process.pid, 'SIGKILL');
    }
  };
}

/** The terminal kind in force: configured, else the sandbox in demo mode and none in a store. */
export function terminalKind(config: KassaConfig, mode: 'demo' | 'store'): 'sandbox' | 'none' {
  const kind = config.terminal.kind ?? (mode === 'demo' ? 'sandbox' : 'none');
  if (kind === 'sandbox' && mode === 'store' && !config.sandboxes) {
    throw new ConfigError('configuration field "terminal.kind": "sandbox" is a simulated terminal that approves by itself; a store sets "none" (until a real terminal is configured) or "sandboxes": true for staging');
  }
  return kind;
}

/**
 * Builds the payment side: the providers behind the payment port (SWiP — a configured endpoint
 * always wins, else the local sandbox in demo mode or with "sandboxes": true — and the card
 * terminal), the journals, the checkout flow, refunds and the staff actions.
 */
export async function startPayments(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; env: Record<string, string | undefined>; dataDir: string }): Promise<PaymentsPart> {
  const { config, log } = o;
  const s = config.swip;
  let sandbox: SwipSandbox | null = null;
  let cfg: { baseUrl: string; token: string; merchantId: string; storeId: string; cashId: string };
  if (s.baseUrl) {
    const missing = (['token', 'merchantId', 'storeId'] as const).filter((k) => !s[k]);
    if (missing.length) throw new ConfigError(`configuration field "swip.${missing[0]}" is required when swip.baseUrl is set (or set KASSA_SWIP_${missing[0] === 'token' ? 'TOKEN' : missing[0] === 'merchantId' ? 'MERCHANT_ID' : 'STORE_ID'})`);
    cfg = { baseUrl: s.baseUrl, token: s.token!, merchantId: s.merchantId!, storeId: s.storeId!, cashId: s.cashId ?? config.store.kioskId };
  } else {
    // A store must never take "payments" from a sandbox by accident: that needs an explicit opt-in.
    if (o.mode === 'store' && !config.sandboxes) throw new ConfigError('configuration field "swip.baseUrl" is required in store mode (or set KASSA_SWIP_URL; "sandboxes": true uses the local SWiP sandbox)');
    if (o.mode === 'store') log.warn('sandboxes: true — payments use the local SWiP sandbox');
    const token = randomBytes(18).toString('hex');
    sandbox = await SwipSandbox.start({
      token,
      merchantId: 'DEMO',
      storeId: 'demo-store',
      loyaltyPrograms: DEMO_PROGRAMS,
      merchantName: config.store.name,
      host: s.sandboxPublicHost ? '0.0.0.0' : '127.0.0.1',
      controlFromAnyHost: !!s.sandboxPublicHost,
      ...(s.sandboxPublicHost ? { publicHost: s.sandboxPublicHost } : {}),
    });
    log.info('SWiP sandbox started', { url: sandbox.url });
    cfg = { baseUrl: sandbox.url, token, merchantId: 'DEMO', storeId: 'demo-store', cashId: config.store.kioskId };
  }
  const client = new SwipClient({ ...cfg, timeoutMs: s.timeoutMs, ...(s.posType ? { posType: s.posType } : {}) }, log.child('swip'));
  const terminal = terminalKind(config, o.mode) === 'sandbox' ? new SandboxTerminal({ autoApproveMs: config.terminal.autoApproveMs, ledgerFile: join(o.dataDir, 'sandbox-terminal.json') }) : null;
  if (!terminal) log.info('no card terminal configured: card payments at the kiosk are off');
  const providers = {
    swip: new SwipProvider(client, log.child('swip'), { cashier: `Kiosk ${config.store.kioskId}`, cashierId: kioskCashierId(o.db, randomUUID) }),
    terminal: new TerminalProvider(terminal, log.child('terminal'), config.store.cashRoundingCents),
  } satisfies Record<ProviderKind, PaymentProvider>;
  const journal = new PaymentJournal(o.db, crashPointFromEnv(o.env, log));
  const flow = new PaymentFlow(o.engine, providers, journal, log.child('payments'), {
    paymentTimeoutMs: s.paymentTimeoutMs,
    cancelMarginMs: s.cancelMarginMs,
    pollMs: s.pollMs,
    closeRetryMs: 20_000,
    customerMessage: paymentMessage,
    providerDiscountLabel,
  });
  o.engine.use(flow);
  o.engine.devices.payments = 'ok';
  const refunds = new RefundDesk(providers, journal, new RefundJournal(o.db, crashPointFromEnv(o.env, log)), o.clock, log.child('refunds'));
  const staff = new StaffPayments(flow, refunds, new AttentionDesk(flow));
  return {
    flow,
    journal,
    refunds,
    staff,
    sandbox,
    terminal,
    async close() {
      flow.stop();
      await sandbox?.close();
    },
  };
}
