/** The nexo Retailer (Adyen Terminal API JSON) card-terminal adapter. See ../README.md. */
export { NexoTerminal, NexoOutcomeUnknown, randomServiceId, type NexoTerminalOptions, type NexoEvents, type KioskPaymentState } from './nexo-terminal';
export { httpPost, NexoTransportError, type Post, type NexoTransportOptions } from './transport';
export * as nexoMessages from './messages';
export { NexoSealer, NexoCryptoError, sealedPost, type NexoSharedKey } from './crypto';
