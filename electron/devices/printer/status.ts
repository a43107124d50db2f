/**
 * ESC/POS real-time status (DLE EOT n), per the Epson command reference: every reply is
 * one byte with bits 1 and 4 set and bits 0 and 7 clear (0b0xx1_xx10).
 *   n=1 printer:     bit 3 offline
 *   n=2 offline:     bit 2 cover open, bit 3 paper fed by button, bit 5 stopped by paper end, bit 6 error
 *   n=3 error:       bit 3 autocutter error, bit 5 unrecoverable, bit 6 auto-recoverable
 *   n=4 paper roll:  bits 2+3 near end, bits 5+6 paper end (not present)
 */
export const DLE_EOT = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** What a printer reports, as the virtual printer and tests set it. */
export interface PrinterStatusFlags {
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  offline: boolean;
}

export type PrinterState = 'ready' | 'paper-out' | 'cover-open' | 'offline' | 'no-reply';

export interface PrinterStatus {
  state: PrinterState;
  /** Paper roll near its end: still printing, but staff should change it soon. */
  paperNearEnd: boolean;
}

export const READY_FLAGS: PrinterStatusFlags = { paperOut: false, paperNearEnd: false, coverOpen: false, offline: false };
const BASE = 0x12;

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === BASE;
}

/** The byte a printer with these flags answers to DLE EOT n. */
export function statusByte(n: number, f: PrinterStatusFlags): number {
  // A printer with its cover open or out of paper is offline (it stops printing).
  const offline = f.offline || f.coverOpen || f.paperOut;
  switch (n) {
    case 1: return BASE | (offline ? 0x08 : 0);
    case 2: return BASE | (f.coverOpen ? 0x04 : 0) | (f.paperOut ? 0x20 : 0);
    case 3: return BASE;
    case 4: return BASE | (f.paperNearEnd || f.paperOut ? 0x0c : 0) | (f.paperOut ? 0x60 : 0);
    default: return BASE;
  }
}

/** Replies to DLE EOT 1, 2 and 4 → the state Kassa acts on. Cover open wins over paper out (an open cover also reads as no paper). */
export function statusFromReplies(r: { printer: number; offlineCause: number; paper: number }): PrinterStatus {
  const paperNearEnd = (r.paper & 0x0c) !== 0;
  const paperOut = (r.paper & 0x60) !== 0 || (r.offlineCause & 0x20) !== 0;
  if (r.offlineCause & 0x04) return { state: 'cover-open', paperNearEnd };
  if (paperOut) return { state: 'paper-out', paperNearEnd };
  if (r.printer & 0x08 || r.offlineCause & 0x40) return { state: 'offline', paperNearEnd };
  return { state: 'ready', paperNearEnd };
}
