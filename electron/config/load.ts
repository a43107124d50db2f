import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configSchema, type KassaConfig } from './schema';

export class ConfigError extends Error {
  readonly kind = 'ConfigError';
}

export interface LoadedConfig {
  config: KassaConfig;
  /** 'demo' when no configuration file was given: sandboxes, demo catalog, scan panel. */
  mode: 'demo' | 'store';
  dataDir: string;
  configFile: string | null;
}

type Env = Record<string, string | undefined>;

function intFromEnv(env: Env, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new ConfigError(`${name} must be a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

/**
 * Reads the configuration: the file named by KASSA_CONFIG (or `<dataDir>/kassa.config.json`
 * if present), then environment overrides. No file means demo mode.
 */
export function loadConfig(env: Env, defaultDataDir: () => string): LoadedConfig {
  const dataDir = resolve(env.KASSA_DATA_DIR || defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const candidate = env.KASSA_CONFIG || join(dataDir, 'kassa.config.json');
  const configFile = existsSync(candidate) ? candidate : null;
  if (env.KASSA_CONFIG && !configFile) throw new ConfigError(`KASSA_CONFIG names a file that does not exist: ${env.KASSA_CONFIG}`);
  let raw: Record<string, unknown> = {};
  if (configFile) {
    try {
      raw = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new ConfigError(`${configFile} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${configFile} must hold a JSON object`);
  }
  const scanner = { ...((raw.scanner as object) ?? {}) } as Record<string, unknown>;
  if (env.KASSA_SCANNER_PORT) {
    scanner.kind = 'serial';
    scanner.path = env.KASSA_SCANNER_PORT;
  }
  const baud = intFromEnv(env, 'KASSA_SCANNER_BAUD');
  if (baud !== undefined) scanner.baudRate = baud;
  const web = { ...((raw.web as object) ?? {}) } as Record<string, unknown>;
  const port = intFromEnv(env, 'KASSA_WEB_PORT');
  if (port !== undefined) web.port = port;
  const catalog = { ...((raw.catalog as object) ?? {}) } as Record<string, unknown>;
  if (env.KASSA_CATALOG) catalog.importOnStart = env.KASSA_CATALOG;

  const swip = { ...((raw.swip as object) ?? {}) } as Record<string, unknown>;
  for (const [envName, key] of [['KASSA_SWIP_URL', 'baseUrl'], ['KASSA_SWIP_TOKEN', 'token'], ['KASSA_SWIP_MERCHANT_ID', 'merchantId'], ['KASSA_SWIP_STORE_ID', 'storeId'], ['KASSA_SWIP_CASH_ID', 'cashId']] as const) {
    if (env[envName]) swip[key] = env[envName];
  }
  const printer = { ...((raw.printer as object) ?? {}) } as Record<string, unknown>;
  if (env.KASSA_PRINTER_PORT) {
    printer.kind = 'serial';
    printer.path = env.KASSA_PRINTER_PORT;
  }
  const pbaud = intFromEnv(env, 'KASSA_PRINTER_BAUD');
  if (pbaud !== undefined) printer.baudRate = pbaud;
  const smarts = { ...((raw.smarts as object) ?? {}) } as Record<string, unknown>;
  const nodePort = intFromEnv(env, 'KASSA_NODE_PORT');
  if (nodePort !== undefined) smarts.nodePort = nodePort;
  for (const [envName, key] of [['KASSA_SMARTS_NODE_TOKEN', 'nodeToken'], ['KASSA_SMARTS_GATEWAY_URL', 'gatewayUrl'], ['KASSA_SMARTS_GATEWAY_TOKEN', 'gatewayToken']] as const) {
    if (env[envName]) smarts[key] = env[envName];
  }
  const terminal = { ...((raw.terminal as object) ?? {}) } as Record<string, unknown>;
  for (const [envName, key] of [['KASSA_TERMINAL_URL', 'url'], ['KASSA_TERMINAL_POIID', 'poiId'], ['KASSA_TERMINAL_API_KEY', 'apiKey']] as const) {
    if (env[envName]) terminal[key] = env[envName];
  }
  const merged = { ...raw, scanner, web, catalog, swip, printer, smarts, terminal };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new ConfigError(`configuration field "${field}": ${issue?.message ?? 'invalid'}${configFile ? ` (in ${configFile})` : ''}`);
  }
  return { config: parsed.data, mode: configFile ? 'store' : 'demo', dataDir, configFile };
}

/** A fresh temporary data folder (the browser host's default in demo mode). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kassa-'));
}
