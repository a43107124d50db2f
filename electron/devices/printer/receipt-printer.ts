/** The printer port the print queue talks to; SerialPrinter is the real adapter. */
import type { PrinterState, PrinterStatus } from './status';

export type PrintResult =
  | { ok: true }
  | { ok: false; reason: Exclude<PrinterState, 'ready'> | 'write-error'; message: string };

export interface ReceiptPrinter {
  /** Asks the printer now (DLE EOT); never throws: a dead link is 'no-reply'. */
  status(): Promise<PrinterStatus>;
  /** Sends one job; ok only if the printer was ready before and still reports no error after. */
  print(bytes: Uint8Array): Promise<PrintResult>;
  on(event: 'status', listener: (s: PrinterStatus) => void): unknown;
  off(event: 'status', listener: (s: PrinterStatus) => void): unknown;
}
