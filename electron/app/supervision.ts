import { decidePurchaseCheck, DEFAULT_CONTROL_RULES, keyedSampler, parseControlRules, requiredAge, saleAllowedNow, ControlRulesError, type ControlRules } from '../checkout/purchase-control';
import { ConfigError } from '../config/load';
import type { KassaConfig } from '../config/schema';
import type { Clock } from '../engine/clock';
import type { KioskEngine } from '../engine/engine';
import { Supervision, type SupervisionPorts } from '../engine/supervision';
import { AuditLog } from '../journal/audit';
import type { JournalDb } from '../journal/db';
import { LockJournal } from '../journal/locks';
import type { Log } from '../log';
import { configSupervisorSchema, SupervisorDirectory } from '../supervisor';

/** The demo supervisor (demo mode only; README): scan this badge, then PIN 2468. */
export const DEMO_BADGE = 'SUP-DEMO-01';
export const DEMO_PIN = '2468';

export interface SupervisionPart {
  supervision: Supervision;
  directory: SupervisorDirectory;
  audit: AuditLog;
}

export function controlRulesFrom(config: KassaConfig): ControlRules {
  if (config.purchaseControl === undefined) return { ...DEFAULT_CONTROL_RULES, timeZone: config.store.timeZone };
  try {
    return parseControlRules(config.purchaseControl);
  } catch (e) {
    if (e instanceof ControlRulesError) throw new ConfigError(`configuration field "purchaseControl": ${e.message}`);
    throw e;
  }
}

/**
 * The supervisor directory in `db`, with the configured supervisors (and the demo supervisor in
 * demo mode). Store mode: PINs of at least 6 digits (a shorter one never logs in); demo keeps
 * 2468. The kiosk and the store node (attendant console) build theirs the same way.
 */
export function supervisorDirectory(o: { config: KassaConfig; mode: 'demo' | 'store'; db: JournalDb; clock: Clock; log: Log }): SupervisorDirectory {
  const directory = new SupervisorDirectory(o.db, o.log.child('supervisors'), o.clock, { minPinDigits: o.mode === 'store' ? 6 : 4 });
  const parsed = o.config.supervisors.map((s, i) => {
    const r = configSupervisorSchema.safeParse(s);
    if (!r.success) throw new ConfigError(`configuration field "supervisors.${i}.${r.error.issues[0]?.path.join('.') ?? ''}": ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  });
  if (parsed.length) directory.loadSupervisorsFromConfig(parsed);
  if (o.mode === 'demo' && !directory.isBadge(DEMO_BADGE)) directory.upsert(DEMO_BADGE, 'Demo Supervisor', DEMO_PIN);
  return directory;
}

/**
 * Supervisor directory (config + database), audit log, kiosk locks and the purchase-control
 * rules, composed into the engine's supervision feature.
 */
export function startSupervision(o: {
  config: KassaConfig;
  mode: 'demo' | 'store';
  engine: KioskEngine;
  db: JournalDb;
  clock: Clock;
  log: Log;
  /** The purchase-control rules in force, read at every decision (store settings may replace them between sessions). */
  rules: () => ControlRules;
  ports: Pick<SupervisionPorts, 'payments' | 'receipts' | 'smarts' | 'deviceStatus'>;
}): SupervisionPart {
  const directory = supervisorDirectory(o);
  const audit = new AuditLog(o.db);
  const supervision = new Supervision(
    o.engine,
    {
      directory,
      audit,
      locks: new LockJournal(o.db),
      // One random draw per customer session, so pressing Pay again never re-rolls the sample.
      decide: (input, drawKey) => {
        const rules = o.rules();
        return decidePurchaseCheck(input, rules, keyedSampler(rules.sampling.seed, drawKey));
      },
      saleAllowed: (p, now) => saleAllowedNow(p, o.rules(), now),
      requiredAge: (p) => requiredAge(p, o.rules()),
      // Without `languages.staff` the staff screens follow the customer's language, as before.
      ...(o.config.languages.staff ? { staffLang: o.config.languages.staff } : {}),
      ...o.ports,
    },
    o.log.child('supervision'),
  );
  o.engine.use(supervision);
  return { supervision, directory, audit };
}
