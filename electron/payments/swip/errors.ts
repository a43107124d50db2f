/**
 * SwipError: the one error type the SWiP client throws. Carries a discriminating `type`,
 * the documented SWiP error code when the server sent one, and an i18n key for the customer.
 */

/** SWiP error codes from the POS API v3 document ("Error codes and description"). */
export const SWIP_ERROR_CODES = {
  1: 'INTERNAL_SERVER_ERROR',
  2: 'AUTHENTICATION_ERROR',
  4: 'ACCESS_DENIED',
  5: 'VALIDATION_FAILED',
  6: 'ILLEGAL_STATE',
  7: 'METHOD_NOT_SUPPORTED',
  8: 'DUPLICATE',
  9: 'NOT_FOUND',
  10: 'UNSUPPORTED_MESSAGE',
  11: 'ORDER_FLOW_VIOLATION',
  13: 'OPERATION_TIMED_OUT',
  27: 'REVERSE_UNAVAILABLE',
  28: 'ORDER_ALREADY_EXISTS',
  29: 'ORDER_ALREADY_REFUNDED',
  30: 'ORDER_ALREADY_CONFIRMED',
  31: 'ORDER_NOT_PAID',
  32: 'EXCESS_TOTAL_AMOUNT',
} as const;

export type SwipErrorCode = keyof typeof SWIP_ERROR_CODES;
export type SwipErrorName = (typeof SWIP_ERROR_CODES)[SwipErrorCode];

/** The same table by name, for readable comparisons: `err.code === SwipCode.ORDER_ALREADY_EXISTS`. */
export const SwipCode = Object.fromEntries(
  Object.entries(SWIP_ERROR_CODES).map(([code, name]) => [name, Number(code)]),
) as { readonly [K in SwipErrorCode as (typeof SWIP_ERROR_CODES)[K]]: K };

export function isSwipErrorCode(n: unknown): n is SwipErrorCode {
  return typeof n === 'number' && Object.prototype.hasOwnProperty.call(SWIP_ERROR_CODES, n);
}

/**
 * Text error codes from the document's HTTP table ("unauthorized", "not_found", ...), mapped to
 * the numeric code they correspond to, in case a server sends the text form.
 */
const TEXT_CODES: Record<string, SwipErrorCode> = {
  internal_server_error: 1,
  unauthorized: 2,
  forbidden: 4,
  not_found: 9,
  method_not_allowed: 7,
};

export function codeFromWire(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string') {
    if (/^\d+$/.test(raw.trim())) return Number(raw.trim());
    return TEXT_CODES[raw.trim().toLowerCase()];
  }
  return undefined;
}

export type SwipErrorType = 'api' | 'http' | 'timeout' | 'network' | 'invalid-response';

export interface SwipFieldError {
  field: string;
  message: string;
  objectName?: string;
}

/** Keys of the customer messages in messages.ts. */
export type SwipMessageKey =
  | 'swip.error.network'
  | 'swip.error.timeout'
  | 'swip.error.server'
  | 'swip.error.busy'
  | 'swip.error.unavailable'
  | 'swip.error.notPaid'
  | 'swip.error.order'
  | 'swip.error.response'
  | 'swip.error.unknown';

export interface SwipErrorInit {
  type: SwipErrorType;
  method: string;
  path: string;
  httpStatus?: number;
  rawCode?: number;
  description?: string;
  fieldErrors?: SwipFieldError[];
  detail?: string;
  cause?: unknown;
}

export class SwipError extends Error {
  readonly kind = 'SwipError' as const;
  readonly type: SwipErrorType;
  /** HTTP status when the server answered. */
  readonly httpStatus?: number;
  /** The documented SWiP code (1–32) when the server sent one we know. */
  readonly code?: SwipErrorCode;
  /** The code exactly as the server sent it (also unknown ones). */
  readonly rawCode?: number;
  /** The server's own description (for logs and staff; never shown to customers). */
  readonly description?: string;
  readonly fieldErrors: SwipFieldError[];
  /** The condition is transient (network, timeout, 5xx, 429): trying again later may succeed. */
  readonly retryable: boolean;
  /** i18n key of the customer message (see messages.ts). */
  readonly messageKey: SwipMessageKey;
  readonly method: string;
  readonly path: string;

  constructor(init: SwipErrorInit) {
    const code = isSwipErrorCode(init.rawCode) ? init.rawCode : undefined;
    super(describe(init, code), init.cause !== undefined ? { cause: init.cause } : undefined);
    this.name = 'SwipError';
    this.type = init.type;
    this.httpStatus = init.httpStatus;
    this.code = code;
    this.rawCode = init.rawCode;
    this.description = init.description;
    this.fieldErrors = init.fieldErrors ?? [];
    this.method = init.method;
    this.path = init.path;
    this.retryable = isTransient(init.type, init.httpStatus, code);
    this.messageKey = messageKeyFor(init.type, init.httpStatus, code);
  }

  /** The documented name of `code`, e.g. "ORDER_ALREADY_EXISTS". */
  get codeName(): SwipErrorName | undefined {
    return this.code === undefined ? undefined : SWIP_ERROR_CODES[this.code];
  }
}

export function isSwipError(e: unknown): e is SwipError {
  return e instanceof SwipError;
}

function describe(init: SwipErrorInit, code: SwipErrorCode | undefined): string {
  const where = `SWiP ${init.method} ${init.path}`;
  switch (init.type) {
    case 'timeout':
      return `${where}: no answer in time${init.detail ? ` (${init.detail})` : ''}`;
    case 'network':
      return `${where}: network error${init.detail ? ` (${init.detail})` : ''}`;
    case 'invalid-response':
      return `${where}: invalid response: ${init.detail ?? 'unreadable body'}`;
    case 'http':
      return `${where}: HTTP ${init.httpStatus ?? '?'} without a SWiP error body`;
    case 'api': {
      const name = code === undefined ? 'UNKNOWN_CODE' : SWIP_ERROR_CODES[code];
      const fields = (init.fieldErrors ?? []).map((f) => `${f.field}: ${f.message}`).join('; ');
      return `${where}: HTTP ${init.httpStatus ?? '?'} code ${init.rawCode ?? '?'} ${name}` +
        `${init.description ? `: ${init.description}` : ''}${fields ? ` [${fields}]` : ''}`;
    }
  }
}

function isTransient(type: SwipErrorType, status: number | undefined, code: SwipErrorCode | undefined): boolean {
  if (type === 'network' || type === 'timeout') return true;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return code === 1 || code === 13;
}

function messageKeyFor(type: SwipErrorType, status: number | undefined, code: SwipErrorCode | undefined): SwipMessageKey {
  if (type === 'network') return 'swip.error.network';
  if (type === 'timeout') return 'swip.error.timeout';
  if (type === 'invalid-response') return 'swip.error.response';
  if (status === 429) return 'swip.error.busy';
  if (code === 2 || code === 4 || code === 10 || status === 401 || status === 403) return 'swip.error.unavailable';
  if (code === 31) return 'swip.error.notPaid';
  if (code === 1 || code === 13 || (status !== undefined && status >= 500)) return 'swip.error.server';
  if (code !== undefined) return 'swip.error.order';
  return 'swip.error.unknown';
}
