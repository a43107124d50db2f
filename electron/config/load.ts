import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BAUD_RATES, configSchema, type KassaConfig } from './schema';

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

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Environment variables that name a file, folder or device: non-empty when set. */
const PATH_VARS = ['KASSA_DATA_DIR', 'KASSA_CONFIG', 'KASSA_CATALOG', 'KASSA_SCANNER_PORT', 'KASSA_PRINTER_PORT', 'KASSA_SCALE_PORT'] as const;
/** Environment variables that carry a secret: never echoed in a message. */
const SECRET_VARS = ['KASSA_SWIP_TOKEN', 'KASSA_SMARTS_NODE_TOKEN', 'KASSA_SMARTS_GATEWAY_TOKEN', 'KASSA_TERMINAL_API_KEY', 'KASSA_TERMINAL_KEY_PASSPHRASE', 'KASSA_INPOST_CLIENT_SECRET', 'KASSA_NATS_PASSWORD'] as const;
/** KASSA_DEMO_STORE: which demo store starts without a configuration file. */
const DEMO_STORES = ['ee', 'pl'] as const;

/** The Polish demo store (KASSA_DEMO_STORE=pl): złoty, Polish first, InPost Pay offered. */
const POLISH_DEMO = {
  store: { name: 'Kassa Sklep Demo', address: ['ul. Marszałkowska 10', '00-590 Warszawa'], kioskId: 'K01', timeZone: 'Europe/Warsaw', cashRoundingCents: 1, currency: 'PLN' },
  languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] },
};
const TEXT_VARS = ['KASSA_SWIP_MERCHANT_ID', 'KASSA_SWIP_STORE_ID', 'KASSA_SWIP_CASH_ID', 'KASSA_TERMINAL_POIID', 'KASSA_TERMINAL_KEY_ID'] as const;

/** URLs may carry credentials (`https://user:password@host`): their values are not shown either. */
const URL_VARS = ['KASSA_SWIP_URL', 'KASSA_SMARTS_GATEWAY_URL', 'KASSA_TERMINAL_URL'] as const;

/** A value for a message: short, and never a secret. */
function shown(name: string, v: string): string {
  if ((SECRET_VARS as readonly string[]).includes(name) || (URL_VARS as readonly string[]).includes(name)) return '(value not shown)';
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

function set(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined ? undefined : v;
}

function portFromEnv(env: Env, name: string): number | undefined {
  const v = set(env, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,5}$/.test(v) || Number(v) > 65535) throw new ConfigError(`${name} must be a port number 0–65535, got ${shown(name, v)}`);
  return Number(v);
}

function baudFromEnv(env: Env, name: string): number | undefined {
  const v = set(env, name);
  if (v === undefined) return undefined;
  const n = /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(BAUD_RATES as readonly number[]).includes(n)) throw new ConfigError(`${name} must be one of ${BAUD_RATES.join(', ')}, got ${shown(name, v)}`);
  return n;
}

/** KASSA_TERMINAL_KEY_VERSION: the shared key's version, an integer 0–2147483647. */
function keyVersionFromEnv(env: Env): number | undefined {
  const v = set(env, 'KASSA_TERMINAL_KEY_VERSION');
  if (v === undefined) return undefined;
  if (!/^\d{1,10}$/.test(v) || Number(v) > 2_147_483_647) throw new ConfigError(`KASSA_TERMINAL_KEY_VERSION must be an integer 0–2147483647, got ${shown('KASSA_TERMINAL_KEY_VERSION', v)}`);
  return Number(v);
}

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Checks every KASSA_* variable Kassa reads before any is used: ports are integers 0–65535,
 * baud rates from BAUD_RATES, the log level one of LOG_LEVELS, paths and ids non-empty, URLs
 * http(s). Messages name the variable; a secret's value is never shown.
 */
export function validateEnv(env: Env): void {
  const level = set(env, 'KASSA_LOG_LEVEL');
  if (level !== undefined && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`KASSA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${shown('KASSA_LOG_LEVEL', level)}`);
  }
  for (const name of [...PATH_VARS, ...TEXT_VARS, ...SECRET_VARS]) {
    const v = set(env, name);
    if (v !== undefined && v.trim() === '') throw new ConfigError(`${name} is set but empty`);
  }
  for (const name of URL_VARS) {
    const v = set(env, name);
    if (v !== undefined && !isHttpUrl(v)) throw new ConfigError(`${name} must be an http:// or https:// URL, got ${shown(name, v)}`);
  }
  const demo = set(env, 'KASSA_DEMO_STORE');
  if (demo !== undefined && !(DEMO_STORES as readonly string[]).includes(demo)) throw new ConfigError(`KASSA_DEMO_STORE must be one of ${DEMO_STORES.join(', ')}, got ${shown('KASSA_DEMO_STORE', demo)}`);
  portFromEnv(env, 'KASSA_WEB_PORT');
  portFromEnv(env, 'KASSA_NODE_PORT');
  portFromEnv(env, 'KASSA_ATTENDANT_PORT');
  keyVersionFromEnv(env);
  baudFromEnv(env, 'KASSA_SCANNER_BAUD');
  baudFromEnv(env, 'KASSA_PRINTER_BAUD');
  baudFromEnv(env, 'KASSA_SCALE_BAUD');
}

/**
 * The offset of the first JSON syntax error in `text` (text.length when it ends early), or -1
 * when it is valid. A small scanner of its own: the parser's messages quote the text around
 * the error (which may be a secret) and not all of them carry a position.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  class At extends Error {
    constructor(readonly at: number) {
      super('json');
    }
  }
  const fail = (): never => {
    throw new At(Math.min(i, n));
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const str = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) {
          i = n;
          fail();
        }
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail();
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e!)) i += 2;
        else {
          i++;
          fail();
        }
      } else i++;
    }
    fail();
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += m![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    ws();
    if (i >= n) fail();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') str();
    else if (c === '-' || (c! >= '0' && c! <= '9')) num();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < n) fail();
    return -1;
  } catch (e) {
    if (e instanceof At) return e.at;
    throw e;
  }
}

/** Where the JSON syntax error in `text` is, as "line L, column C": never the text around it. */
export function jsonErrorPlace(text: string): string {
  const pos = jsonErrorOffset(text);
  if (pos < 0 || pos >= text.length) return 'the text ends before the JSON is complete';
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `syntax error at line ${line}, column ${pos - lineStart + 1}`;
}

/**
 * Reads the configuration: the file named by KASSA_CONFIG (or `<dataDir>/kassa.config.json`
 * if present), then environment overrides. No file means demo mode.
 */
export function loadConfig(env: Env, defaultDataDir: () => string): LoadedConfig {
  validateEnv(env);
  const dataDir = resolve(env.KASSA_DATA_DIR || defaultDataDir());
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (e) {
    throw new ConfigError(`cannot create the data folder ${dataDir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const candidate = env.KASSA_CONFIG || join(dataDir, 'kassa.config.json');
  const configFile = existsSync(candidate) ? candidate : null;
  if (env.KASSA_CONFIG && !configFile) throw new ConfigError(`KASSA_CONFIG names a file that does not exist: ${env.KASSA_CONFIG}`);
  let raw: Record<string, unknown> = {};
  if (configFile) {
    let text: string;
    try {
      text = readFileSync(configFile, 'utf8');
    } catch (e) {
      throw new ConfigError(`cannot read the configuration file ${configFile}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      raw = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // The parser's own message quotes the text around the error, which may be a secret.
      throw new ConfigError(`${configFile} is not valid JSON: ${jsonErrorPlace(text)}`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${configFile} must hold a JSON object`);
  }
  if (!configFile && env.KASSA_DEMO_STORE === 'pl') raw = structuredClone(POLISH_DEMO) as Record<string, unknown>;
  const scanner = { ...((raw.scanner as object) ?? {}) } as Record<string, unknown>;
  if (env.KASSA_SCANNER_PORT) {
    scanner.kind = 'serial';
    scanner.path = env.KASSA_SCANNER_PORT;
  }
  const baud = baudFromEnv(env, 'KASSA_SCANNER_BAUD');
  if (baud !== undefined) scanner.baudRate = baud;
  const web = { ...((raw.web as object) ?? {}) } as Record<string, unknown>;
  const port = portFromEnv(env, 'KASSA_WEB_PORT');
  if (port !== undefined) web.port = port;
  const attendant = { ...((raw.attendant as object) ?? {}) } as Record<string, unknown>;
  const attendantPort = portFromEnv(env, 'KASSA_ATTENDANT_PORT');
  if (attendantPort !== undefined) attendant.port = attendantPort;
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
  const pbaud = baudFromEnv(env, 'KASSA_PRINTER_BAUD');
  if (pbaud !== undefined) printer.baudRate = pbaud;
  const scale = { ...((raw.scale as object) ?? {}) } as Record<string, unknown>;
  if (env.KASSA_SCALE_PORT) {
    scale.kind = 'serial';
    scale.path = env.KASSA_SCALE_PORT;
  }
  const sbaud = baudFromEnv(env, 'KASSA_SCALE_BAUD');
  if (sbaud !== undefined) scale.baudRate = sbaud;
  const smarts = { ...((raw.smarts as object) ?? {}) } as Record<string, unknown>;
  const nodePort = portFromEnv(env, 'KASSA_NODE_PORT');
  if (nodePort !== undefined) smarts.nodePort = nodePort;
  for (const [envName, key] of [['KASSA_SMARTS_NODE_TOKEN', 'nodeToken'], ['KASSA_SMARTS_GATEWAY_URL', 'gatewayUrl'], ['KASSA_SMARTS_GATEWAY_TOKEN', 'gatewayToken']] as const) {
    if (env[envName]) smarts[key] = env[envName];
  }
  const terminal = { ...((raw.terminal as object) ?? {}) } as Record<string, unknown>;
  for (const [envName, key] of [['KASSA_TERMINAL_URL', 'url'], ['KASSA_TERMINAL_POIID', 'poiId'], ['KASSA_TERMINAL_API_KEY', 'apiKey'], ['KASSA_TERMINAL_KEY_ID', 'keyIdentifier'], ['KASSA_TERMINAL_KEY_PASSPHRASE', 'keyPassphrase']] as const) {
    if (env[envName]) terminal[key] = env[envName];
  }
  const keyVersion = keyVersionFromEnv(env);
  if (keyVersion !== undefined) terminal.keyVersion = keyVersion;
  const storeBus = raw.storeBus && typeof raw.storeBus === 'object' ? ({ ...(raw.storeBus as object) } as Record<string, unknown>) : undefined;
  if (storeBus && env.KASSA_NATS_PASSWORD) storeBus.password = env.KASSA_NATS_PASSWORD;
  const merged = { ...raw, scanner, web, attendant, catalog, swip, printer, scale, smarts, terminal, ...(storeBus ? { storeBus } : {}) };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new ConfigError(`configuration field "${field}": ${issue?.message ?? 'invalid'}${configFile ? ` (in ${configFile})` : ''}`);
  }
  // A file means store mode unless it asks for demo mode explicitly ("mode": "demo").
  const mode = !configFile || parsed.data.mode === 'demo' ? 'demo' : 'store';
  return { config: parsed.data, mode, dataDir, configFile };
}

/** A fresh temporary data folder (the browser host's default in demo mode). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kassa-'));
}
