/**
 * Leading-edge throttle on a caller's clock: `tryFire(now)` answers true at most once per
 * `intervalMs` (the first call always fires). Pure, so it is tested without timers.
 */
export function createThrottle(intervalMs: number): { tryFire(now: number): boolean; reset(): void } {
  let last = -Infinity;
  return {
    tryFire(now) {
      if (now - last < intervalMs) return false;
      last = now;
      return true;
    },
    reset() {
      last = -Infinity;
    },
  };
}
