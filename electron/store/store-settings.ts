/**
 * Store-wide settings the store node may set for every kiosk: a small whitelist that is safe to
 * change centrally and holds no secrets (idle timings, the default language, purchase-control
 * rules, whether the attendant console may approve an age check). The store node publishes a
 * JSON file (`storeBus.settingsFile`) under the key `settings` of `kassa-<store>-config`; a kiosk
 * validates it (this schema; purchase-control rules with their own parser), keeps it in its data
 * folder (`store-settings.json`, applied at every start) and applies it while running at a safe
 * moment (electron/app/live-settings.ts), over its own configuration file. Anything else in the
 * entry refuses the whole entry.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ControlRulesError, parseControlRules } from '../checkout/control-rules';
import { LANGS } from '../checkout/lang';
import type { LoadedConfig } from '../config/load';
import type { KassaConfig } from '../config/schema';
import type { Log } from '../log';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_FILE = 'store-settings.json';
/** A settings entry is small; anything larger is refused before parsing. */
export const MAX_SETTINGS_BYTES = 64 * 1024;

export const storeSettingsSchema = z
  .object({
    idle: z
      .object({
        idleMs: z.number().int().min(5_000).max(3_600_000),
        promptMs: z.number().int().min(3_000).max(600_000),
        doneMs: z.number().int().min(2_000).max(600_000),
      })
      .strict()
      .partial()
      .optional(),
    languages: z.object({ default: z.enum(LANGS) }).strict().optional(),
    purchaseControl: z.unknown().optional(),
    remoteAgeCheck: z.boolean().optional(),
  })
  .strict();
export type StoreSettings = z.infer<typeof storeSettingsSchema>;

/** The published entry: the settings and the sha-256 of their JSON text (the version). */
export const settingsEntrySchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), publishedAt: z.number().int().min(0), settings: z.unknown() }).strict();

/** Validated settings, or an Error naming the first problem (nothing of a refused entry is used). */
export function parseStoreSettings(input: unknown): StoreSettings | Error {
  const r = storeSettingsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    return new Error(`store settings refused: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  if (r.data.purchaseControl !== undefined) {
    try {
      parseControlRules(r.data.purchaseControl);
    } catch (e) {
      if (e instanceof ControlRulesError) return new Error(`store settings refused: purchaseControl: ${e.message}`);
      throw e;
    }
  }
  return r.data;
}

/** Keeps the settings in the kiosk's data folder (atomic replace) for its next start. */
export function saveStoreSettings(dataDir: string, entry: { sha256: string; settings: StoreSettings }): void {
  const file = join(dataDir, SETTINGS_FILE);
  writeFileSync(`${file}.part`, JSON.stringify({ sha256: entry.sha256, savedAt: Date.now(), settings: entry.settings }, null, 1));
  renameSync(`${file}.part`, file);
}

/** The version (sha-256) of the settings kept in the data folder, or null. */
export function savedSettingsVersion(dataDir: string): string | null {
  try {
    const v = (JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as { sha256?: unknown }).sha256;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** A validated settings entry: its version (sha-256) and, when it came from the bus, when the store node published it. */
export interface StoreSettingsEntry {
  sha256: string;
  publishedAt?: number;
  settings: StoreSettings;
}

/** The settings kept in the data folder, validated; null when none. An unreadable or invalid file is logged and ignored. */
export function keptStoreSettings(dataDir: string, log: Log): StoreSettingsEntry | null {
  let raw: { sha256?: unknown; settings?: unknown };
  try {
    raw = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as typeof raw;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('store settings file unreadable: ignored', { error: e as Error });
    return null;
  }
  const s = parseStoreSettings(raw?.settings);
  if (s instanceof Error) {
    log.warn('store settings file invalid: ignored', { reason: s.message });
    return null;
  }
  return { sha256: typeof raw.sha256 === 'string' ? raw.sha256 : '', settings: s };
}

/**
 * The configuration file's values with the store settings over them: the same at a start and
 * when a running kiosk applies a new entry (a key the entry leaves out keeps the file's value).
 */
export function applyStoreSettings(c: KassaConfig, s: StoreSettings, log: Log): KassaConfig {
  const lang = s.languages?.default;
  const config = {
    ...c,
    idle: { ...c.idle, ...s.idle },
    languages: lang && c.languages.available.includes(lang) ? { ...c.languages, default: lang } : c.languages,
    ...(s.purchaseControl !== undefined ? { purchaseControl: s.purchaseControl } : {}),
    attendant: s.remoteAgeCheck !== undefined ? { ...c.attendant, remoteAgeCheck: s.remoteAgeCheck } : c.attendant,
  };
  if (lang && lang !== config.languages.default) log.warn('store settings: default language not among this kiosk\'s languages: kept', { lang });
  return config;
}

/**
 * At a kiosk's start (with a store bus): the kept store settings over the configuration file's
 * values. A missing file changes nothing; an unreadable or invalid one is logged and ignored.
 */
export function withStoreSettings(loaded: LoadedConfig, log: Log): LoadedConfig {
  if (!loaded.config.storeBus) return loaded;
  const kept = keptStoreSettings(loaded.dataDir, log);
  if (!kept) return loaded;
  log.info('store settings applied', { sha256: kept.sha256, keys: Object.keys(kept.settings) });
  return { ...loaded, config: applyStoreSettings(loaded.config, kept.settings, log) };
}
