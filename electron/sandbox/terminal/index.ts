/** Entry point of the card-terminal simulator (nexo Retailer Sale-to-POI, Terminal API JSON). */
export { TerminalSimulator, NEXO_PATH } from './server';
export type {
  TerminalSimulatorOptions,
  Outcome,
  DeclineReason,
  AutoAct,
  LedgerEntry,
  LedgerEvent,
  LedgerEventType,
  TransactionState,
  TerminalView,
  OfflineMode,
  Stage,
  SimClock,
} from './types';
