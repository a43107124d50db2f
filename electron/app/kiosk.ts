import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog, CatalogImportError } from '../catalog';
import { ConfigError, loadConfig, type LoadedConfig } from '../config/load';
import { parseBarcode, DEFAULT_WEIGHT_RULES, validateRules, WeightRuleError, type WeightRule } from '../devices/barcode';
import { SerialScanner, scannerOptionsFrom } from '../devices/scanner';
import { startScale, type ScalePart } from './scale';
import { KioskEngine, type ScanParse } from '../engine/engine';
import { systemClock, ManualClock, type Clock } from '../engine/clock';
import { parseIntent, type IntentContext, type IntentResult } from '../ipc/contract';
import { openJournalDb, type JournalDb } from '../journal/db';
import { SessionJournal } from '../journal/sessions';
import { LookupUsage } from '../journal/lookup-usage';
import type { Log } from '../log';
import { startPayments, type PaymentsPart } from './payments';
import { startReceipts, type ReceiptsPart } from './receipts';
import { DigitalReceipts } from './digital-receipts';
import { ReceiptLinks } from '../journal/receipt-links';
import { startSupervision, type SupervisionPart } from './supervision';
import { startSmarts, type SmartsPart } from './smarts';
import { startLoyalty } from './loyalty';
import type { Lang } from '../checkout/lang';
import type { PaymentRecord } from '../journal/payments';
import { startInpost, type InpostPart } from './inpost';
import { lockDataDir } from './data-lock';
import { listenFailure, StartupError } from './startup';
import { applyStoreSettings, keptStoreSettings } from '../store/store-settings';
import { LiveSettings } from './live-settings';
import { startStoreLink, type StoreLink } from '../store/kiosk-link';
import type { LaneAgent } from '../store/lane';
import { createLaneAgent } from '../store/lane-agent';

/** Everything the kiosk is made of, built once, in order. Shared by Electron main and the browser host. */
export interface Kiosk {
  loaded: LoadedConfig;
  /** Set when the catalog file given at start was refused and the previous catalog stayed in force. */
  catalogNotice: { reason: string } | null;
  engine: KioskEngine;
  db: JournalDb;
  catalog: Catalog;
  clock: Clock;
  payments: PaymentsPart;
  receipts: ReceiptsPart | null;
  /** The digital receipt page's links and receipts (served by the browser host at /r/<token>). */
  digitalReceipts: DigitalReceipts;
  supervision: SupervisionPart;
  /** The kiosk's own Smarts merchant node (null on a store bus: the store node hosts it). */
  smarts: SmartsPart | null;
  /** The link to the store: bus, event outbox, lane registry, store-wide Smarts checks. */
  store: StoreLink;
  /** The store settings in force (applied at start and, when a new entry arrives, at a safe moment). */
  settings: LiveSettings;
  /** This kiosk's lane: its snapshot for the store and the attendant's remote actions. */
  lane: LaneAgent & { close(): void };
  /** InPost Pay: the merchant backend's book, the provider, the simulator in demo mode. */
  inpost: InpostPart;
  /** The scale (and in demo mode its simulator). */
  scale: ScalePart;
  /** What the staff console's Devices tab shows (devices, the Smarts node, a refused catalog file). */
  deviceStatus(): Record<string, string>;
  /** Validates a renderer message against the contract, then runs it on behalf of `ctx.client`. */
  handle(channel: unknown, payload: unknown, ctx: IntentContext): Promise<IntentResult>;
  close(): Promise<void>;
}

export interface StartOptions {
  env: Record<string, string | undefined>;
  resourcesDir: string;
  defaultDataDir: () => string;
  log: Log;
  /** Test hooks: a manual clock the test host can advance. Never in production windows. */
  manualClock?: boolean;
  tickMs?: number;
}

/** How long one undo step of a failed start may take. */
const UNDO_STEP_MS = 3000;

export async function startKiosk(o: StartOptions): Promise<Kiosk> {
  // Parts already started are closed again (newest first) if a later phase fails.
  const undo: Array<() => unknown> = [];
  try {
    return await compose(o, undo);
  } catch (e) {
    // A part that does not close within UNDO_STEP_MS is left behind: a failed start must end.
    for (const f of undo.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.resolve().then(f).catch(() => undefined), new Promise((r) => (timer = setTimeout(r, UNDO_STEP_MS)))]);
      clearTimeout(timer);
    }
    throw e;
  }
}

async function compose(o: StartOptions, undo: Array<() => unknown>): Promise<Kiosk> {
  const log = o.log;
  // Phase 1: configuration (a bad file stops start-up with the field named).
  // With a store bus, the store-wide settings the store node sent last apply over the file's (store-settings.ts).
  const fromFile = loadConfig(o.env, o.defaultDataDir);
  const kept = fromFile.config.storeBus ? keptStoreSettings(fromFile.dataDir, log) : null;
  if (kept) log.info('store settings applied', { sha256: kept.sha256, keys: Object.keys(kept.settings) });
  const loaded = kept ? { ...fromFile, config: applyStoreSettings(fromFile.config, kept.settings, log) } : fromFile;
  const { config, mode, dataDir } = loaded;
  log.info('configuration loaded', { mode, dataDir, configFile: loaded.configFile });
  // Test hooks start the clock at a fixed daytime instant, so sale-hour rules are deterministic.
  const clock: Clock = o.manualClock ? new ManualClock(Date.parse(o.env.KASSA_TEST_NOW ?? '2026-11-23T10:00:00Z')) : systemClock;

  // Phase 2: the data folder's lock (one kiosk per folder), journal and catalog.
  const lock = lockDataDir(dataDir, (stale) => log.warn('took over a stale data folder lock', { dataDir, stalePid: stale.pid }));
  undo.push(() => lock.release());
  const db = openJournalDb(join(dataDir, 'journal.db'));
  undo.push(() => db.close());
  // Basket snapshots: same file, own connection without an fsync per scan (see journal/db.ts).
  const sessionDb = openJournalDb(join(dataDir, 'journal.db'), { synchronous: 'NORMAL' });
  undo.push(() => sessionDb.close());
  const catalog = Catalog.open(join(dataDir, 'catalog.db'), log.child('catalog'));
  undo.push(() => catalog.close());
  const importPath = config.catalog.importOnStart ?? (mode === 'demo' && catalog.count() === 0 ? join(o.resourcesDir, 'catalog', 'demo-catalog.json') : undefined);
  let catalogNotice: Kiosk['catalogNotice'] = null;
  let importedAtStart = false;
  if (importPath) {
    try {
      const report = catalog.importFile(importPath);
      importedAtStart = true;
      log.info('catalog imported', { source: importPath, rows: report.imported, ms: report.ms });
    } catch (e) {
      if (!(e instanceof CatalogImportError)) throw e;
      // A refused file changes nothing: the previous catalog (if any) stays in force.
      const previous = catalog.count();
      if (previous === 0) throw new StartupError(`${e.message} (and there is no previous catalog in ${dataDir} to keep)`);
      catalogNotice = { reason: e.message };
      log.warn('catalog file refused at start: the previous catalog stays in force', { source: importPath, products: previous, reason: e.message });
    }
  }

  // Phase 3: the engine.
  let rules: WeightRule[] = DEFAULT_WEIGHT_RULES;
  try {
    if (config.barcodeRules) rules = validateRules(config.barcodeRules);
  } catch (e) {
    if (e instanceof WeightRuleError) throw new ConfigError(`configuration field "barcodeRules.${e.ruleIndex}": ${e.reason}`);
    throw e;
  }
  const parse = (raw: string): ScanParse => parseBarcode(raw.trim(), { rules, aimPrefix: config.scanner.aimPrefix, maxLength: config.scanner.maxFrameLength }) as ScanParse;
  const engine = new KioskEngine(
    {
      mode,
      idle: config.idle,
      languages: config.languages,
      store: { name: config.store.name, timeZone: config.store.timeZone, currency: config.store.currency },
      demoSamples: mode === 'demo' ? demoSamples(o.resourcesDir) : null,
    },
    { clock, log: log.child('engine'), catalog, parse, sessions: new SessionJournal(sessionDb) },
  );
  engine.restore();
  const settings = new LiveSettings({ base: fromFile.config, config, started: kept, engine, log: log.child('settings'), now: () => clock.now() });

  // Phase 4: payments (SWiP, terminal), receipts, Smarts node, supervision.
  const inpost = await startInpost({ config, mode, engine, db, clock, log, env: o.env });
  undo.push(() => inpost.close());
  const payments = await startPayments({ config, mode, engine, db, clock, log, env: o.env, dataDir, inpost: inpost.provider });
  undo.push(() => payments.close());
  inpost.attach(payments.flow);
  const digitalReceipts = new DigitalReceipts(new ReceiptLinks(db), config, payments.journal, clock);
  const receipts = await startReceipts({ config, mode, engine, db, log, resourcesDir: o.resourcesDir, dataDir, digital: digitalReceipts });
  if (receipts) undo.push(() => receipts.close());
  // Loyalty points are credited before the receipt is queued, so the receipt can show them.
  const loyalty = startLoyalty({ config, mode, engine, db, clock, log });
  const loyaltyLines = (rec: PaymentRecord) => loyalty?.feature.onClosed(rec, (rec.details as { lang?: Lang }).lang ?? config.languages.default) ?? [];
  if (receipts) payments.flow.onClosed.push((rec) => receipts.onClosed(rec, loyaltyLines(rec)));
  else if (loyalty) payments.flow.onClosed.push((rec) => void loyaltyLines(rec));
  const controlRules = settings.rules();
  const store = await startStoreLink({ config, db, engine, log, now: () => clock.now(), catalog, dataDir, catalogImportedAtStart: importedAtStart });
  undo.push(() => store.close());
  // On a store bus InPost's calls come through the store node, which also calls InPost for the kiosk.
  if (config.storeBus) inpost.attachStore({ bus: store.bus, laneId: store.laneId });
  // On a store bus the store node hosts the merchant node; the kiosk asks it over the bus.
  const smarts = config.storeBus ? null : await startSmarts({ config, mode, engine, db, clock, log, rules: controlRules, catalog, parse, defaultLang: config.languages.default, print: receipts ? (ref, r) => void receipts.service.printOrCopy(ref, r) : null, loyalty: loyalty?.programme ?? null, extraRoutes: inpost }).catch((e: unknown) => {
    throw listenFailure(e, 'the Smarts merchant node', 'KASSA_NODE_PORT / smarts.nodePort', config.smarts.nodeHost, config.smarts.nodePort);
  });
  if (smarts) undo.push(() => smarts.close());
  if (smarts) inpost.nodeStarted(smarts.nodeUrl);
  const deviceStatus = (): Record<string, string> => ({
    ...engine.devices,
    ...(payments.terminalHealth() ? { cardTerminal: payments.terminalHealth()! } : {}),
    ...(smarts ? { smartsNode: smarts.nodeUrl } : {}),
    ...(config.storeBus ? { storeBus: store.bus.connected() ? 'ok' : 'disconnected' } : {}),
    ...(catalogNotice ? { catalog: 'import-refused', catalogReason: catalogNotice.reason } : {}),
    ...(store.catalog?.notice() ? { catalog: 'import-refused', catalogReason: store.catalog.notice()!.reason } : {}),
  });
  const supervision = startSupervision({
    config,
    mode,
    engine,
    db,
    clock,
    log,
    rules: () => settings.rules(),
    ports: {
      payments: payments.staff,
      receipts: receipts ? { reprintLast: () => void receipts.service.reprintLast() } : null,
      smarts: smarts?.port ?? store.smarts?.port ?? null,
      deviceStatus,
    },
  });
  store.watch({ audit: supervision.audit, onClosed: payments.flow.onClosed });
  // The kiosk's lane (store registry and attendant console): remote actions go through supervision, audited.
  const lane = createLaneAgent({
    laneId: config.store.kioskId,
    storeId: store.storeId,
    engine,
    staff: supervision.supervision,
    attention: () => payments.staff.attention(),
    // The console's retry-payment: the kiosk supervisor's staff path, audited with the attendant.
    paymentRetry: { act: (mid, action, by) => payments.staff.act(mid, action, by), orderNo: (mid) => payments.staff.orderNo(mid), audit: supervision.audit },
    remoteAgeCheck: () => settings.remoteAgeCheck(),
    log: log.child('lane'),
    outboxBacklog: () => store.outbox.backlog(),
    ...(store.catalog ? { catalogVersion: () => store.catalog!.version() } : {}),
    ...(config.storeBus ? { settingsVersion: () => settings.version() } : {}),
  });
  undo.push(() => lane.close());
  store.attachAgent(lane);
  settings.start(supervision.audit);
  store.onSettings((e) => settings.offer(e));
  undo.push(() => settings.stop());
  // Reconcile what a crash left unfinished (receipts and the audit log are hooked in by now).
  if (receipts) payments.refunds.onSlip.push((r, rec) => receipts.onRefund(r, rec));
  payments.refunds.onReconciled.push((r, rec) =>
    supervision.audit.record({ at: clock.now(), supervisorBadge: r.supervisorBadge, supervisorName: '', action: `${r.kind}-reconciled`, kioskSessionId: rec.sessionId, basketBefore: null, basketAfter: null, detail: { refundId: r.refundId, merchantOrderId: r.merchantOrderId, amountCents: r.amountCents, outcome: r.state, reason: r.reason } }),
  );
  payments.flow.recover();
  void payments.refunds.reconcile().catch((e: unknown) => log.warn('refund reconciliation deferred', { error: e as Error }));

  // Phase 5: devices.
  let scanner: SerialScanner | null = null;
  if (config.scanner.kind === 'serial' && config.scanner.path) {
    scanner = new SerialScanner(
      scannerOptionsFrom({ path: config.scanner.path, baudRate: config.scanner.baudRate, framing: config.scanner.framing, debounceMs: config.scanner.debounceMs, maxFrameLength: config.scanner.maxFrameLength }),
      log.child('scanner'),
    );
    let everReady = false;
    scanner.on('status', (s) => {
      engine.devices.scanner = s === 'ready' ? 'ok' : s === 'connecting' ? 'connecting' : s === 'stopped' ? 'not-configured' : 'unavailable';
      if (s === 'ready') {
        everReady = true;
        if (engine.outOfOrder?.reason === 'scanner') engine.outOfOrder = null;
      } else if (s === 'unavailable' && !everReady) {
        engine.outOfOrder = { reason: 'scanner' };
      }
      engine.publish();
    });
    scanner.on('frame', (f) => {
      try {
        engine.lastActivityAt = clock.now();
        engine.scan(f.text, 'serial');
      } catch (e) {
        log.info('serial scan refused', { reason: (e as { code?: string }).code ?? (e as Error).message });
      }
      engine.publish();
    });
    await scanner.start();
  } else {
    engine.devices.scanner = config.scanner.kind === 'wedge' ? 'ok' : 'not-configured';
  }

  const scalePart = await startScale({ config, mode, engine, catalog, log, dataDir, usage: new LookupUsage(db) });
  undo.push(() => scalePart.close());

  // Phase 6: time.
  const tick = setInterval(() => engine.tick(), o.tickMs ?? 250);
  tick.unref?.();
  engine.publish();

  return {
    loaded,
    catalogNotice,
    deviceStatus,
    engine,
    db,
    catalog,
    clock,
    payments,
    receipts,
    digitalReceipts,
    supervision,
    smarts,
    store,
    settings,
    lane,
    inpost,
    scale: scalePart,
    async handle(channel, payload, ctx) {
      const parsed = parseIntent(channel, payload);
      if (!parsed.ok) {
        log.warn('intent refused by the contract', { client: ctx.client, error: parsed.error.message });
        return { ok: false, error: parsed.error };
      }
      return engine.dispatch(parsed.channel, parsed.payload, ctx);
    },
    async close() {
      clearInterval(tick);
      settings.stop();
      await scanner?.stop();
      await scalePart.close();
      await payments.close();
      await receipts?.close();
      await smarts?.close();
      await store.close();
      lane.close();
      await inpost.close();
      catalog.close();
      sessionDb.close();
      db.close();
      lock.release();
    },
  };
}

function demoSamples(resourcesDir: string): Array<{ label: string; code: string }> {
  const file = join(resourcesDir, 'catalog', 'demo-samples.json');
  if (!existsSync(file)) return [];
  const s = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const out: Array<{ label: string; code: string }> = [];
  const push = (label: string, code: unknown) => typeof code === 'string' && out.push({ label, code });
  const arr = (x: unknown) => (Array.isArray(x) ? x : []);
  arr(s.piece).slice(0, 5).forEach((c, i) => push(`item ${i + 1}`, c));
  arr(s.weighed).slice(0, 2).forEach((w, i) => push(`weighed ${i + 1}`, (w as { example?: string }).example));
  arr(s.alcohol).slice(0, 1).forEach((c) => push('alcohol 18+', c));
  arr(s.tobacco).slice(0, 1).forEach((c) => push('tobacco 18+', c));
  push('unknown product', s.unknownValid);
  push('invalid barcode', s.invalid);
  return out;
}
