/** Entry point of the SWiP sandbox. */
export { SwipSandbox } from './server';
export type { StoredOrder } from './order-model';
export { calculateLoyalty, type LoyaltyOutcome } from './loyalty';
export type {
  SwipSandboxOptions,
  LoyaltyProgram,
  Fault,
  PayOptions,
  PaymentMethod,
  SandboxClock,
  SandboxLedgerEntry,
  LedgerEvent,
  LedgerEventType,
} from './types';
