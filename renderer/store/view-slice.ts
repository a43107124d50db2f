import type { StateCreator } from 'zustand';
import type { KioskView } from '../../electron/ipc/view';
import type { KassaState } from './index';
import { overlayChange } from './overlay-policy';
import { A11Y_DEFAULTS } from './a11y-slice';

/** Where the link to the engine stands: the first connect, up, or lost and retrying. */
export type Connection = 'connecting' | 'open' | 'reconnecting';

export interface ViewSlice {
  /** The latest engine snapshot; null until the first push. */
  view: KioskView | null;
  connection: Connection;
  /** A notice from the previous screen, hidden here until the engine's dismissal arrives. */
  staleNotice: number | null;
  /** Takes a pushed (or returned) view unless it is older than the one shown. Returns true when taken. */
  applyView(v: KioskView): boolean;
  setConnection(c: Connection): void;
}

export const createViewSlice: StateCreator<KassaState, [], [], ViewSlice> = (set, get) => ({
  view: null,
  connection: 'connecting',
  staleNotice: null,
  applyView(v) {
    const cur = get().view;
    // Equal seq is a re-send of the same snapshot (e.g. after reconnect): take it, it is not older.
    if (cur && v.seq < cur.seq) return false;
    // The overlay policy (overlay-policy.ts): a screen change closes the scan panel and ends a notice from before.
    const change = overlayChange(cur, v);
    // Reach, text size and speech belong to one customer: a session that ended takes them along.
    const sessionEnded = !!cur?.sessionId && cur.sessionId !== v.sessionId;
    set({
      ...(sessionEnded ? A11Y_DEFAULTS : {}),
      view: v,
      ...(change.closeScanPanel ? { scanPanelOpen: false } : {}),
      ...(change.dismissNotice !== null ? { staleNotice: change.dismissNotice } : {}),
    });
    if (change.dismissNotice !== null) void get().dismissNotice(change.dismissNotice).catch(() => undefined);
    return true;
  },
  setConnection(c) {
    set({ connection: c });
  },
});
