/** Where the engine gets time from. Injected, so every timeout is testable without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: for tests and the test-only host channel. */
export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 23, 10, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}
