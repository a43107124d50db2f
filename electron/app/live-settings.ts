/**
 * Store settings applied while the kiosk runs. A new valid entry from the store node (received and
 * kept in the data folder by catalog-follower.ts) is applied at a safe moment: at once when the
 * kiosk is idle (attract screen, no session, no lock, no staff at it), otherwise as soon as the
 * current session ends — never during a sale or a payment. So a purchase check already raised
 * keeps the rules it was raised under, and a customer's language never changes under them. The
 * entry applies over the configuration file's values, exactly as at a start
 * (store-settings.ts `applyStoreSettings`). Each application is audited (`store-settings-applied`,
 * the version and when) and the version is in the lane snapshot (`settingsVersion`).
 */
import type { ControlRules } from '../checkout/purchase-control';
import type { KassaConfig } from '../config/schema';
import type { KioskEngine } from '../engine/engine';
import type { AuditLog } from '../journal/audit';
import type { Log } from '../log';
import { applyStoreSettings, type StoreSettingsEntry } from '../store/store-settings';
import { controlRulesFrom } from './supervision';

export interface LiveSettingsOptions {
  /** The configuration file's values (store settings apply over these). */
  base: KassaConfig;
  /** The configuration in force at start (the kept settings over `base`). */
  config: KassaConfig;
  /** The kept entry applied at start, or null. */
  started: StoreSettingsEntry | null;
  engine: KioskEngine;
  log: Log;
  now: () => number;
}

export class LiveSettings {
  private config: KassaConfig;
  private controlRules: ControlRules;
  /** The version in force (null: the configuration file's alone). */
  private applied: string | null;
  private pending: StoreSettingsEntry | null = null;
  private audit: AuditLog | null = null;
  private scheduled = false;
  private stopView: (() => void) | null = null;

  constructor(private readonly o: LiveSettingsOptions) {
    this.config = o.config;
    this.controlRules = controlRulesFrom(o.config);
    this.applied = o.started?.sha256 || null;
  }

  /** The purchase-control rules in force (read at every decision). */
  rules(): ControlRules {
    return this.controlRules;
  }

  /** May the attendant console approve an age check (store setting `remoteAgeCheck`)? */
  remoteAgeCheck(): boolean {
    return this.config.attendant.remoteAgeCheck;
  }

  /** The version (sha-256) of the store settings in force, or null (the configuration file's alone). */
  version(): string | null {
    return this.applied;
  }

  /** Starts applying: entries offered before wait until now (the audit log exists from here). */
  start(audit: AuditLog): void {
    this.audit = audit;
    // View pushes happen inside the engine's publish: apply after it, never re-entrantly.
    this.stopView = this.o.engine.onView(() => {
      if (!this.pending || this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.poke();
      });
    });
    this.poke();
  }

  stop(): void {
    this.stopView?.();
    this.stopView = null;
  }

  /** A new valid entry from the store: applied now if the kiosk is idle, else when its session ends. */
  offer(entry: StoreSettingsEntry): void {
    if (entry.sha256 === this.applied) {
      this.pending = null;
      return;
    }
    this.pending = entry;
    this.poke();
  }

  /** True while no customer or staff member uses the kiosk. */
  private idle(): boolean {
    const e = this.o.engine;
    return e.state === 'attract' && e.sessionId === null && !e.isBlocked();
  }

  private poke(): void {
    const entry = this.pending;
    if (!entry || !this.audit || !this.idle()) return;
    const log = this.o.log;
    let config: KassaConfig;
    let rules: ControlRules;
    try {
      config = applyStoreSettings(this.o.base, entry.settings, log);
      rules = controlRulesFrom(config);
    } catch (e) {
      this.pending = null;
      return void log.warn('store settings not applied: the kiosk keeps its settings', { sha256: entry.sha256, reason: (e as Error).message });
    }
    const at = this.o.now();
    const keys = Object.keys(entry.settings);
    try {
      // Journal first: the audit entry (and through it the store stream) says which version applies from when.
      this.audit.record({ at, supervisorBadge: 'store-node', supervisorName: 'store settings', action: 'store-settings-applied', kioskSessionId: null, basketBefore: null, basketAfter: null, detail: { sha256: entry.sha256, publishedAt: entry.publishedAt ?? null, previous: this.version(), keys } });
    } catch (e) {
      return void log.error('store settings not applied: the audit entry failed; retried at the next change', { sha256: entry.sha256, error: e as Error });
    }
    const e = this.o.engine;
    const oldDefault = e.opts.languages.default;
    e.opts.idle = config.idle;
    e.opts.languages = { ...e.opts.languages, default: config.languages.default };
    // A language the customer picked on the attract screen stays; the old default follows the new one.
    if (e.lang === oldDefault) e.lang = config.languages.default;
    this.config = config;
    this.controlRules = rules;
    this.applied = entry.sha256;
    this.pending = null;
    log.info('store settings applied without a restart', { sha256: entry.sha256, keys });
    e.publish();
  }
}
