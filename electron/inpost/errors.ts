/** The merchant's documented answers to InPost (integrations.md 2.0): { error_code, error_message }. */
export type InpostErrorCode =
  | 'BAD_REQUEST' | 'MALFORMED_REQUEST' | 'UNAUTHORIZED' | 'INVALID_SIGNATURE'
  | 'BASKET_NOT_FOUND' | 'ORDER_NOT_FOUND' | 'PRODUCT_NOT_FOUND'
  | 'BASKET_NOT_UPDATE' | 'ORDER_NOT_CREATE' | 'ORDER_NOT_UPDATE' | 'ORDER_EXISTS' | 'OUT_OF_STOCK'
  | 'INTERNAL_SERVER_ERROR' | 'SERVICE_UNAVAILABLE';

const STATUS: Record<InpostErrorCode, number> = {
  BAD_REQUEST: 400, MALFORMED_REQUEST: 400, UNAUTHORIZED: 401, INVALID_SIGNATURE: 401,
  BASKET_NOT_FOUND: 404, ORDER_NOT_FOUND: 404, PRODUCT_NOT_FOUND: 404,
  BASKET_NOT_UPDATE: 409, ORDER_NOT_CREATE: 409, ORDER_NOT_UPDATE: 409, ORDER_EXISTS: 409, OUT_OF_STOCK: 409,
  INTERNAL_SERVER_ERROR: 500, SERVICE_UNAVAILABLE: 503,
};

export class InpostRouteError extends Error {
  readonly kind = 'InpostRouteError';
  readonly status: number;
  constructor(readonly code: InpostErrorCode, message: string) {
    super(message);
    this.status = STATUS[code];
  }
  get body() {
    return { error_code: this.code, error_message: this.message };
  }
}
