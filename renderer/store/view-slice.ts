import type { StateCreator } from 'zustand';
import type { KioskView } from '../../electron/ipc/view';
import type { KassaState } from './index';

/** Where the link to the engine stands: the first connect, up, or lost and retrying. */
export type Connection = 'connecting' | 'open' | 'reconnecting';

export interface ViewSlice {
  /** The latest engine snapshot; null until the first push. */
  view: KioskView | null;
  connection: Connection;
  /** Takes a pushed (or returned) view unless it is older than the one shown. Returns true when taken. */
  applyView(v: KioskView): boolean;
  setConnection(c: Connection): void;
}

export const createViewSlice: StateCreator<KassaState, [], [], ViewSlice> = (set, get) => ({
  view: null,
  connection: 'connecting',
  applyView(v) {
    const cur = get().view;
    // Equal seq is a re-send of the same snapshot (e.g. after reconnect): take it, it is not older.
    if (cur && v.seq < cur.seq) return false;
    set({ view: v });
    return true;
  },
  setConnection(c) {
    set({ connection: c });
  },
});
