import type { StateCreator } from 'zustand';
import type { KassaState } from './index';

/** Text size steps: 0 normal, 1 large (×1.2), 2 largest (×1.4). */
export type TextStep = 0 | 1 | 2;
export const TEXT_STEPS: readonly TextStep[] = [0, 1, 2];

/**
 * The customer's accessibility choices: reach (low) mode, text size and spoken guidance. They
 * belong to one customer: kept for the session (also across screens) and reset when it ends.
 */
export interface A11ySlice {
  reach: boolean;
  textStep: TextStep;
  speech: boolean;
  toggleReach(): void;
  /** Next text size, wrapping from the largest back to normal. */
  nextTextStep(): void;
  toggleSpeech(): void;
  resetA11y(): void;
}

export const A11Y_DEFAULTS = { reach: false, textStep: 0 as TextStep, speech: false };

export const createA11ySlice: StateCreator<KassaState, [], [], A11ySlice> = (set, get) => ({
  ...A11Y_DEFAULTS,
  toggleReach() {
    set({ reach: !get().reach });
  },
  nextTextStep() {
    set({ textStep: ((get().textStep + 1) % TEXT_STEPS.length) as TextStep });
  },
  toggleSpeech() {
    set({ speech: !get().speech });
  },
  resetA11y() {
    set(A11Y_DEFAULTS);
  },
});
