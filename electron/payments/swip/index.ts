/** Entry point of the SWiP POS API v3 client. */
export { SwipClient, newMerchantOrderId } from './client';
export {
  SwipError,
  SwipCode,
  SWIP_ERROR_CODES,
  isSwipError,
  isSwipErrorCode,
  type SwipErrorCode,
  type SwipErrorName,
  type SwipErrorType,
  type SwipFieldError,
  type SwipMessageKey,
} from './errors';
export { swipCustomerMessage, SWIP_MESSAGES } from './messages';
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, RETRY_AFTER_CAP_FACTOR } from './transport';
export type {
  SwipConfig,
  SwipRetryConfig,
  SwipPurchase,
  SwipUnit,
  SwipOrder,
  SwipOrderStatus,
  SwipCreateOrder,
  SwipOperationResult,
  SwipLoyaltyResult,
  SwipLoyaltyLine,
} from './types';
