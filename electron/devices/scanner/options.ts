import type { Framing, SerialScannerOptions } from './types';

/** Thrown by `scannerOptionsFrom` when a value cannot work; `field` names the offending option. */
export class ScannerOptionsError extends Error {
  readonly code = 'invalid-scanner-option' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`scanner option ${field}: ${message}`);
    this.name = 'ScannerOptionsError';
  }
}

export const DEFAULT_SILENCE_GAP_MS = 30;

const DEFAULTS: Omit<SerialScannerOptions, 'path'> = {
  baudRate: 9600,
  framing: { kind: 'suffix', suffix: 'CRLF' },
  maxFrameLength: 128,
  debounceMs: 1000,
  reconnect: { initialMs: 250, maxMs: 5000, factor: 2 },
  watchMs: 250,
};

function requireNumber(field: string, v: number, ok: (n: number) => boolean, rule: string): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) throw new ScannerOptionsError(field, `must be ${rule}, got ${String(v)}`);
}

function framingFrom(f: Partial<Framing> | undefined): Framing {
  if (!f || f.kind === undefined) return DEFAULTS.framing;
  if (f.kind === 'silence') {
    const gapMs = 'gapMs' in f && f.gapMs !== undefined ? f.gapMs : DEFAULT_SILENCE_GAP_MS;
    requireNumber('framing.gapMs', gapMs, (n) => n >= 1, 'at least 1 ms');
    return { kind: 'silence', gapMs };
  }
  if (f.kind === 'suffix') {
    const suffix = 'suffix' in f && f.suffix !== undefined ? f.suffix : 'CRLF';
    if (!['CR', 'LF', 'CRLF', 'TAB'].includes(suffix)) throw new ScannerOptionsError('framing.suffix', `unknown suffix ${String(suffix)}`);
    return { kind: 'suffix', suffix };
  }
  throw new ScannerOptionsError('framing.kind', `unknown framing ${String((f as { kind: unknown }).kind)}`);
}

/** Fills defaults (9600 baud, suffix CRLF = any of CR, LF, CR LF, 128 bytes, 1000 ms debounce, 250→5000 ms ×2 backoff, 250 ms watch) and validates. */
export function scannerOptionsFrom(partial: Partial<SerialScannerOptions> & { path: string }): SerialScannerOptions {
  if (typeof partial.path !== 'string' || partial.path.length === 0) throw new ScannerOptionsError('path', 'must be a non-empty string');
  const reconnect = { ...DEFAULTS.reconnect, ...partial.reconnect };
  const opts: SerialScannerOptions = {
    path: partial.path,
    baudRate: partial.baudRate ?? DEFAULTS.baudRate,
    framing: framingFrom(partial.framing),
    maxFrameLength: partial.maxFrameLength ?? DEFAULTS.maxFrameLength,
    debounceMs: partial.debounceMs ?? DEFAULTS.debounceMs,
    reconnect,
    watchMs: partial.watchMs ?? DEFAULTS.watchMs,
  };
  if (partial.clock) opts.clock = partial.clock;
  requireNumber('baudRate', opts.baudRate, (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  requireNumber('maxFrameLength', opts.maxFrameLength, (n) => Number.isInteger(n) && n >= 1, 'an integer ≥ 1');
  requireNumber('debounceMs', opts.debounceMs, (n) => n >= 0, '≥ 0');
  requireNumber('watchMs', opts.watchMs!, (n) => n >= 0, '≥ 0');
  requireNumber('reconnect.initialMs', reconnect.initialMs, (n) => n >= 1, '≥ 1');
  requireNumber('reconnect.maxMs', reconnect.maxMs, (n) => n >= reconnect.initialMs, '≥ reconnect.initialMs');
  requireNumber('reconnect.factor', reconnect.factor, (n) => n >= 1, '≥ 1');
  return opts;
}

/** Delay in ms before the `retry`-th reopen (1-based): initialMs × factor^(retry−1), capped at maxMs. */
export function backoffMs(reconnect: SerialScannerOptions['reconnect'], retry: number): number {
  const raw = reconnect.initialMs * Math.pow(reconnect.factor, Math.max(0, retry - 1));
  return Math.min(reconnect.maxMs, Math.round(raw));
}
