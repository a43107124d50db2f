import type { IntentResult, KassaApi } from '../../electron/ipc/contract';

/** Answers every intent with "not connected" and never pushes: the store's api until one is attached. */
export const DETACHED_API: KassaApi = {
  invoke: () => Promise.resolve<IntentResult>({ ok: false, error: { code: 'disconnected', message: 'no api attached' } }),
  on: () => () => undefined,
};

let current: KassaApi = DETACHED_API;

/** The api the store's actions call. Set once at start-up (or per test). */
export function attachApi(api: KassaApi): void {
  current = api;
}

export function currentApi(): KassaApi {
  return current;
}
