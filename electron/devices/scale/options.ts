import type { SerialScaleOptions } from './types';

/** Thrown by `scaleOptionsFrom` when a value cannot work; `field` names the option. */
export class ScaleOptionsError extends Error {
  readonly code = 'invalid-scale-option' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`scale option ${field}: ${message}`);
    this.name = 'ScaleOptionsError';
  }
}

const DEFAULTS: Omit<SerialScaleOptions, 'path'> = {
  baudRate: 9600,
  dataBits: 7,
  parity: 'even',
  protocol: 'nci',
  responseTimeoutMs: 1000,
  reconnect: { initialMs: 250, maxMs: 5000, factor: 2 },
  watchMs: 250,
};

function check(field: string, v: unknown, ok: (n: number) => boolean, rule: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new ScaleOptionsError(field, `must be ${rule}, got ${String(v)}`);
}

/** Fills defaults (9600 7E1, NCI, 1000 ms answer timeout, 250→5000 ms ×2 backoff, 250 ms watch) and validates. */
export function scaleOptionsFrom(p: Partial<SerialScaleOptions> & { path: string }): SerialScaleOptions {
  if (typeof p.path !== 'string' || p.path.length === 0) throw new ScaleOptionsError('path', 'must be a non-empty string');
  const o: SerialScaleOptions = {
    path: p.path,
    baudRate: p.baudRate ?? DEFAULTS.baudRate,
    dataBits: p.dataBits ?? DEFAULTS.dataBits,
    parity: p.parity ?? DEFAULTS.parity,
    protocol: p.protocol ?? DEFAULTS.protocol,
    responseTimeoutMs: p.responseTimeoutMs ?? DEFAULTS.responseTimeoutMs,
    reconnect: { ...DEFAULTS.reconnect, ...p.reconnect },
    watchMs: p.watchMs ?? DEFAULTS.watchMs,
  };
  check('baudRate', o.baudRate, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  if (o.dataBits !== 7 && o.dataBits !== 8) throw new ScaleOptionsError('dataBits', 'must be 7 or 8');
  if (!['even', 'odd', 'none'].includes(o.parity)) throw new ScaleOptionsError('parity', 'must be even, odd or none');
  if (o.protocol !== 'nci') throw new ScaleOptionsError('protocol', `unknown protocol ${String(o.protocol)}`);
  check('responseTimeoutMs', o.responseTimeoutMs, (n) => n >= 50 && n <= 10_000, '50–10000');
  check('watchMs', o.watchMs, (n) => n >= 0, '≥ 0');
  check('reconnect.initialMs', o.reconnect.initialMs, (n) => n >= 1, '≥ 1');
  check('reconnect.maxMs', o.reconnect.maxMs, (n) => n >= o.reconnect.initialMs, '≥ reconnect.initialMs');
  check('reconnect.factor', o.reconnect.factor, (n) => n >= 1, '≥ 1');
  return o;
}
