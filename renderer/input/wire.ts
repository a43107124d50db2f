/**
 * Window-level input for the customer screen: the keyboard wedge (capture phase, so a scan's
 * characters never reach a focused control) and activity reports (throttled to one per 2 s).
 */
import { createThrottle } from './throttle';
import { createWedgeDetector, type WedgeOptions } from './wedge';

/** Marks the one input the wedge detector must leave alone (the demo scan panel's field). */
export const WEDGE_IGNORE_ATTR = 'data-wedge-ignore';

export interface InputHooks {
  onScan(code: string): void;
  onActivity(): void;
}

/** Activity is reported at most once per this many ms. */
export const ACTIVITY_INTERVAL_MS = 2000;

export function wireInput(target: Window, hooks: InputHooks, wedge: WedgeOptions = {}): () => void {
  const detector = createWedgeDetector(wedge);
  const throttle = createThrottle(ACTIVITY_INTERVAL_MS);
  let expiry: ReturnType<typeof setTimeout> | null = null;
  const maxGap = wedge.maxGapMs ?? 35;

  const activity = (): void => {
    if (throttle.tryFire(performance.now())) hooks.onActivity();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    activity();
    const el = e.target as Element | null;
    if (el && typeof el.closest === 'function' && el.closest(`[${WEDGE_IGNORE_ATTR}]`)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const v = detector.feed({ key: e.key, time: e.timeStamp });
    if (v.action !== 'pass') {
      e.preventDefault();
      e.stopPropagation();
    }
    if (v.action === 'scan') hooks.onScan(v.code);
    if (expiry) clearTimeout(expiry);
    if (detector.pending) expiry = setTimeout(() => detector.expire(performance.now()), maxGap + 5);
  };
  const onPointerDown = (): void => activity();

  target.addEventListener('keydown', onKeyDown, { capture: true });
  target.addEventListener('pointerdown', onPointerDown, { capture: true, passive: true });
  return () => {
    if (expiry) clearTimeout(expiry);
    target.removeEventListener('keydown', onKeyDown, { capture: true });
    target.removeEventListener('pointerdown', onPointerDown, { capture: true });
  };
}
