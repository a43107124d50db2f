import type { Log } from '../../log';

type Listener = (...args: never[]) => void;

/**
 * A small typed emitter. A listener that throws is logged and skipped, so a faulty
 * subscriber can never break the serial data path or the other subscribers.
 */
export class TypedEvents<E extends { [K in keyof E]: Listener }> {
  readonly #listeners = new Map<keyof E, Set<E[keyof E]>>();

  constructor(private readonly log: Log) {}

  on<K extends keyof E>(ev: K, cb: E[K]): () => void {
    let set = this.#listeners.get(ev);
    if (!set) {
      set = new Set();
      this.#listeners.set(ev, set);
    }
    set.add(cb);
    return () => {
      set.delete(cb);
    };
  }

  emit<K extends keyof E>(ev: K, ...args: Parameters<E[K]>): void {
    const set = this.#listeners.get(ev);
    if (!set) return;
    for (const cb of [...set]) {
      try {
        (cb as (...a: Parameters<E[K]>) => void)(...args);
      } catch (err) {
        this.log.error('scanner listener threw', { event: String(ev), error: err instanceof Error ? err : String(err) });
      }
    }
  }
}
