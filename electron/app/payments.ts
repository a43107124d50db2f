import { randomBytes } from 'node:crypto';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import type { JournalDb } from '../journal/db';
import { PaymentJournal } from '../journal/payments';
import type { Log } from '../log';
import { PaymentFlow } from '../payments/checkout-flow';
import type { Lang } from '../checkout/lang';
import { SwipClient, swipCustomerMessage } from '../payments/swip';
import { SandboxTerminal } from '../payments/terminal/sandbox-terminal';
import { SwipSandbox } from '../sandbox/swip';

export interface PaymentsPart {
  flow: PaymentFlow;
  journal: PaymentJournal;
  /** Demo mode only: the local SWiP sandbox (tests and the demo wallet use it). */
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

/**
 * Builds the payment side: the SWiP client (or, in demo mode without SWiP credentials, a
 * local SWiP sandbox on loopback), the card terminal, the journal and the checkout flow.
 */
export async function startPayments(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; env: Record<string, string | undefined> }): Promise<PaymentsPart> {
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
  const client = new SwipClient({ ...cfg, posType: 'SELF_CHECKOUT', timeoutMs: s.timeoutMs }, log.child('swip'));
  let terminal: SandboxTerminal | null = null;
  if (config.terminal.kind === 'sandbox') {
    terminal = new SandboxTerminal({ autoApproveMs: config.terminal.autoApproveMs });
    if (sandbox) {
      // In the demo the customer "chooses the terminal in the SWiP app" when the terminal approves
      // (scenario 2), which is what lets the kiosk close the unpaid order with the amount.
      const sb = sandbox;
      const approve = terminal.approve.bind(terminal);
      terminal.approve = (ref: string) => {
        try {
          sb.markTerminal(ref);
        } catch (e) {
          log.warn('sandbox could not mark the terminal payment', { error: e as Error });
        }
        return approve(ref);
      };
    }
  }
  const journal = new PaymentJournal(o.db, crashPointFromEnv(o.env, log));
  const flow = new PaymentFlow(o.engine, client, terminal, journal, log.child('payments'), {
    paymentTimeoutMs: s.paymentTimeoutMs,
    pollMs: s.pollMs,
    cashRoundingCents: config.store.cashRoundingCents,
    kioskId: config.store.kioskId,
    customerMessage: (err, lang) => (isTerminalDecline(err) ? TERMINAL_DECLINED[lang] : swipCustomerMessage(err, lang)),
  });
  o.engine.use(flow);
  o.engine.devices.payments = 'ok';
  return {
    flow,
    journal,
    sandbox,
    terminal,
    async close() {
      flow.stop();
      await sandbox?.close();
    },
  };
}

const isTerminalDecline = (e: unknown) => !!e && typeof e === 'object' && (e as { kind?: string }).kind === 'TerminalDeclined';
const TERMINAL_DECLINED: Record<Lang, string> = {
  en: 'The card payment was declined. Try again, pay with SWiP, or call for help.',
  et: 'Kaardimakse lükati tagasi. Proovige uuesti, makske SWiPiga või kutsuge abi.',
  pl: 'Płatność kartą została odrzucona. Spróbuj ponownie, zapłać przez SWiP lub poproś o pomoc.',
  ru: 'Оплата картой отклонена. Попробуйте ещё раз, оплатите через SWiP или позовите помощь.',
};
