import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KassaConfig } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import type { JournalDb } from '../journal/db';
import { OrderNumbers } from '../journal/order-numbers';
import { PaymentJournal } from '../journal/payments';
import { kioskCashierId, RefundJournal } from '../journal/refunds';
import type { Log } from '../log';
import { AttentionDesk } from '../payments/attention';
import { PaymentFlow } from '../payments/checkout-flow';
import { providerDiscountLabel, paymentMessage } from '../payments/messages';
import type { PaymentProvider, ProviderKind } from '../payments/port';
import { notOffered, SwipProvider, TerminalProvider } from '../payments/providers';
import { RefundDesk } from '../payments/refunds';
import { StaffPayments } from '../payments/staff';
import { SwipClient } from '../payments/swip';
import { SandboxTerminal } from '../payments/terminal/sandbox-terminal';
import { httpPost, NexoSealer, NexoTerminal, sealedPost, type KioskPaymentState, type NexoSharedKey } from '../payments/terminal/nexo';
import type { DeviceState } from '../ipc/view';
import { TerminalJournal } from '../journal/terminal';
import { SwipSandbox } from '../sandbox/swip';
import { TerminalSimulator } from '../sandbox/terminal';

export interface PaymentsPart {
  flow: PaymentFlow;
  journal: PaymentJournal;
  refunds: RefundDesk;
  staff: StaffPayments;
  /** The local SWiP sandbox when no SWiP endpoint is configured (demo, or "sandboxes": true). */
  sandbox: SwipSandbox | null;
  terminal: SandboxTerminal | null;
  /** The nexo Retailer terminal adapter (terminal.kind "nexo"). */
  nexo: NexoTerminal | null;
  /** The local nexo terminal simulator (kind "nexo" without a url, in demo mode or with "sandboxes": true). */
  terminalSim: TerminalSimulator | null;
  /** The simulator's customer page as the kiosk links to it (public host when configured); null without a simulator. */
  terminalPage: string | null;
  /** The card terminal's last Diagnosis for the Devices tab; null without a nexo terminal. */
  terminalHealth(): DeviceState | null;
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
 * The terminal kind in force: configured, else the nexo terminal simulator in demo mode (the
 * customer plays its page); a store must say which (staging with "sandboxes": true defaults to
 * "none", as before).
 */
export function terminalKind(config: KassaConfig, mode: 'demo' | 'store'): 'nexo' | 'sandbox' | 'none' {
  if (mode === 'store' && config.terminal.kind === undefined && config.sandboxes) return 'none';
  if (mode === 'store' && config.terminal.kind === undefined) {
    throw new ConfigError('configuration field "terminal.kind" is required in store mode: "nexo" (a nexo / Terminal API card terminal), "none" (no card payments) or "sandbox" (with "sandboxes": true, for staging)');
  }
  const kind = config.terminal.kind ?? (mode === 'demo' ? 'nexo' : 'sandbox');
  if (kind === 'sandbox' && mode === 'store' && !config.sandboxes) {
    throw new ConfigError('configuration field "terminal.kind": "sandbox" is a simulated terminal that approves by itself; a store sets "nexo", "none" or "sandboxes": true for staging');
  }
  if (kind === 'nexo') {
    const t = config.terminal;
    const simulated = !t.url && (mode === 'demo' || config.sandboxes);
    if (!simulated) {
      const missing = [...(t.url ? [] : ['url']), ...(t.poiId ? [] : ['poiId'])];
      if (missing.length) throw new ConfigError(`configuration field "terminal.${missing[0]}" is required when terminal.kind is "nexo" (missing: ${missing.map((m) => `terminal.${m}`).join(', ')}; or set ${missing.map((m) => (m === 'url' ? 'KASSA_TERMINAL_URL' : 'KASSA_TERMINAL_POIID')).join(', ')})`);
    }
  }
  return kind;
}

/** How the kiosk's payment journal sees a payment the terminal approved (for reversing approvals nobody kept). */
export function kioskPaymentState(journal: PaymentJournal, reference: string): KioskPaymentState {
  const step = journal.get(reference)?.step;
  if (step === undefined) return 'not-paid';
  if (step === 'cancelled' || step === 'abandoned' || step === 'declined' || step === 'expired') return 'not-paid';
  if (step === 'paid' || step === 'close-requested' || step === 'closed' || step === 'needs-attention') return 'paid';
  return 'open';
}

const HEALTH_STATE: Record<string, DeviceState> = { ok: 'ok', busy: 'ok', maintenance: 'attention', 'host-unreachable': 'attention', error: 'attention', offline: 'unavailable' };

/** The shared key of the local message protection: all three settings, or none (start-up names what is missing). */
export function sharedKey(config: KassaConfig): NexoSharedKey | null {
  const t = config.terminal;
  const given = { keyIdentifier: t.keyIdentifier, keyVersion: t.keyVersion, keyPassphrase: t.keyPassphrase };
  const missing = Object.entries(given).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length === 3) return null;
  if (missing.length) {
    const env: Record<string, string> = { keyIdentifier: 'KASSA_TERMINAL_KEY_ID', keyVersion: 'KASSA_TERMINAL_KEY_VERSION', keyPassphrase: 'KASSA_TERMINAL_KEY_PASSPHRASE' };
    throw new ConfigError(`configuration field "terminal.${missing[0]}" is required for the terminal's message protection (missing: ${missing.map((m) => `terminal.${m}`).join(', ')}; or set ${missing.map((m) => env[m]).join(', ')})`);
  }
  return { keyIdentifier: t.keyIdentifier!, keyVersion: t.keyVersion!, passphrase: t.keyPassphrase! };
}

/** Builds the nexo adapter (and the local simulator when no terminal url is configured). */
async function startNexo(o: { config: KassaConfig; db: JournalDb; log: Log; env: Record<string, string | undefined>; onLateApproval: (reference: string, reversed: boolean) => void }): Promise<{ nexo: NexoTerminal; sim: TerminalSimulator | null; page: string | null }> {
  const t = o.config.terminal;
  const saleId = t.saleId ?? o.config.store.kioskId;
  const key = sharedKey(o.config);
  let sim: TerminalSimulator | null = null;
  let page: string | null = null;
  let url = t.url;
  let poiId = t.poiId;
  if (!url) {
    // With a shared key configured the simulator demands protected messages too.
    // A public host (a phone on the shop's Wi-Fi plays the customer) opens the simulator to the LAN, like swip.sandboxPublicHost.
    const pub = t.simulatorPublicHost;
    sim = await TerminalSimulator.start({ ...(poiId ? { poiId } : {}), ...(key ? { sharedKey: key } : {}), host: pub ? '0.0.0.0' : '127.0.0.1', controlFromAnyHost: !!pub, merchantName: o.config.store.name, auto: t.autoApproveMs == null ? null : { outcome: 'approve', afterMs: t.autoApproveMs } });
    url = sim.nexoUrl;
    poiId = sim.poiId;
    page = pub ? `http://${pub.includes(':') ? `[${pub}]` : pub}:${new URL(sim.url).port}/terminal` : `${sim.url}/terminal`;
    o.log.info('nexo terminal simulator started', { url: sim.url, page: `${sim.url}/terminal` });
  }
  let caPem: string | null = null;
  if (t.caFile) {
    try {
      caPem = readFileSync(t.caFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`configuration field "terminal.caFile": cannot read ${t.caFile}: ${(e as Error).message}`);
    }
  }
  // Local HTTPS (no API key): the terminal's certificate names its POIID; the cloud endpoint is checked by host name.
  const plain = httpPost({ url, apiKey: t.apiKey ?? null, caPem, commonName: t.apiKey ? null : poiId! });
  const post = key ? sealedPost(plain, new NexoSealer(key)) : plain;
  const nexo = new NexoTerminal(
    { poiId: poiId!, saleId, currency: t.currency ?? o.config.store.currency, paymentTimeoutMs: t.paymentTimeoutMs, requestTimeoutMs: t.requestTimeoutMs, statusBackoff: { initialMs: t.statusInitialMs, maxMs: t.statusMaxMs } },
    post,
    new TerminalJournal(o.db, crashPointFromEnv(o.env, o.log)),
    o.log.child('nexo'),
    { now: () => Date.now() },
    { lateApproval: o.onLateApproval },
  );
  o.log.info('nexo card terminal', { url: new URL(url).origin, poiId, saleId, apiKey: t.apiKey ? 'set' : 'none', messageProtection: key ? `key ${key.keyIdentifier} v${key.keyVersion}` : 'none' });
  return { nexo, sim, page };
}

/**
 * Builds the payment side: the providers behind the payment port (SWiP — a configured endpoint
 * always wins, else the local sandbox in demo mode or with "sandboxes": true — and the card
 * terminal), the journals, the checkout flow, refunds and the staff actions.
 */
export async function startPayments(o: { config: KassaConfig; mode: 'demo' | 'store'; engine: KioskEngine; db: JournalDb; clock: Clock; log: Log; env: Record<string, string | undefined>; dataDir: string; inpost?: PaymentProvider }): Promise<PaymentsPart> {
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
  const kind = terminalKind(config, o.mode);
  const terminal = kind === 'sandbox' ? new SandboxTerminal({ autoApproveMs: config.terminal.autoApproveMs === undefined ? 2500 : config.terminal.autoApproveMs, ledgerFile: join(o.dataDir, 'sandbox-terminal.json') }) : null;
  let nexoPart: { nexo: NexoTerminal; sim: TerminalSimulator | null; page: string | null } | null = null;
  if (kind === 'nexo') {
    nexoPart = await startNexo({
      config, db: o.db, log, env: o.env,
      onLateApproval: (reference, reversed) => {
        // The customer may still be at the kiosk: say plainly that the money went back (or that
        // staff will see to it) — to that customer only, never to the next one.
        const sameCustomer = !!o.engine.sessionId && journal.get(reference)?.sessionId === o.engine.sessionId;
        if (reversed && sameCustomer && o.engine.state !== 'attract') o.engine.setNotice('payment-reversed', 'info');
        if (!reversed) o.engine.assistanceRequested = true;
        o.engine.publish();
      },
    });
  }
  if (!terminal && !nexoPart) log.info('no card terminal configured: card payments at the kiosk are off');
  const providers = {
    swip: new SwipProvider(client, log.child('swip'), { cashier: `Kiosk ${config.store.kioskId}`, cashierId: kioskCashierId(o.db, randomUUID) }),
    terminal: new TerminalProvider(terminal ?? nexoPart?.nexo ?? null, log.child('terminal'), config.store.cashRoundingCents),
    inpost: o.inpost ?? notOffered('inpost'),
  } satisfies Record<ProviderKind, PaymentProvider>;
  const journal = new PaymentJournal(o.db, crashPointFromEnv(o.env, log));
  const orderNumbers = new OrderNumbers(o.db, config.store.kioskId, config.store.timeZone);
  const flow = new PaymentFlow(o.engine, providers, journal, log.child('payments'), {
    paymentTimeoutMs: s.paymentTimeoutMs,
    cancelMarginMs: s.cancelMarginMs,
    pollMs: s.pollMs,
    closeRetryMs: 20_000,
    customerMessage: paymentMessage,
    providerDiscountLabel,
    // Demo and staging: the simulator's customer page, linked from the kiosk's terminal screen.
    terminalPage: nexoPart?.page ?? null,
    orderNo: (sessionId, at) => orderNumbers.allocate(sessionId, at),
  });
  o.engine.use(flow);
  o.engine.devices.payments = 'ok';
  const refunds = new RefundDesk(providers, journal, new RefundJournal(o.db, crashPointFromEnv(o.env, log)), o.clock, log.child('refunds'));
  const staff = new StaffPayments(flow, refunds, new AttentionDesk(flow));
  // nexo: learn what became of unanswered requests and reverse approvals nobody kept; then keep
  // asking the terminal how it is (Devices tab).
  const timers: NodeJS.Timeout[] = [];
  let health: DeviceState | null = nexoPart ? 'connecting' : null;
  if (nexoPart) {
    const nexo = nexoPart.nexo;
    let busy = false;
    const reconcile = async () => {
      if (busy) return;
      busy = true;
      try {
        const open = await nexo.reconcile((ref) => kioskPaymentState(journal, ref));
        if (open) log.info('terminal reconciliation: outcomes still open', { open });
      } catch (e) {
        log.warn('terminal reconciliation failed', { error: e as Error });
      } finally {
        busy = false;
      }
    };
    const diagnose = async () => {
      const h = await nexo.diagnose();
      const next = HEALTH_STATE[h.state] ?? 'attention';
      if (next !== health) log.info('card terminal health', { state: h.state, detail: h.detail });
      health = next;
    };
    void reconcile();
    void diagnose();
    timers.push(setInterval(() => void reconcile(), 5000), setInterval(() => void diagnose(), config.terminal.diagnosisMs));
    for (const t of timers) t.unref?.();
  }
  return {
    flow,
    journal,
    refunds,
    staff,
    sandbox,
    terminal,
    nexo: nexoPart?.nexo ?? null,
    terminalSim: nexoPart?.sim ?? null,
    terminalPage: nexoPart?.page ?? null,
    terminalHealth: () => health,
    async close() {
      flow.stop();
      for (const t of timers) clearInterval(t);
      nexoPart?.nexo.stop();
      await nexoPart?.sim?.close();
      await sandbox?.close();
    },
  };
}
