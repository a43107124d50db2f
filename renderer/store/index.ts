/**
 * The renderer's one store: typed slices (view from the engine, actions that send intents,
 * local UI state). Fed by the engine's `view` push outside React (see ../start.ts).
 * Components read it with narrow selectors (`useKassa(s => s.x)`) or `useShallow`.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createViewSlice, type ViewSlice } from './view-slice';
import { createActionsSlice, type ActionsSlice } from './actions-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createA11ySlice, type A11ySlice } from './a11y-slice';
import { attachApi, DETACHED_API } from './api';

export type KassaState = ViewSlice & ActionsSlice & UiSlice & A11ySlice;

export const kassaStore = createStore<KassaState>()((...a) => ({
  ...createViewSlice(...a),
  ...createActionsSlice(...a),
  ...createUiSlice(...a),
  ...createA11ySlice(...a),
}));

const initialState = kassaStore.getState();

/** Back to the first state with no api attached (tests, and the preview between fixtures). */
export function resetKassaStore(): void {
  kassaStore.setState(initialState, true);
  attachApi(DETACHED_API);
}

/** React hook: a narrow selector on the store. */
export function useKassa<T>(selector: (s: KassaState) => T): T {
  return useStore(kassaStore, selector);
}

export { attachApi } from './api';
export type { Connection } from './view-slice';
export type { SupervisorTab } from './ui-slice';
export { SUPERVISOR_TABS, PIN_MAX, PIN_MIN } from './ui-slice';
export type { TextStep } from './a11y-slice';

/** One shared empty list for selectors, so "no items" never looks like a change. */
export const NONE: readonly never[] = Object.freeze([]);
