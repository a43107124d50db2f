/**
 * Head office: each store's nats-server is a leaf node of head office's hub, with its own
 * JetStream domain. A head-office stream per store sources the store stream through that domain
 * (nats-server 2.9: `external.api` = `$JS.<domain>.API`), so JetStream copies every event, resumes
 * after an outage and de-duplicates — no home-made replication. `followEvents` reads them.
 */
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from './subjects';
import { busEventSchema, type BusEvent } from './wire';

export const hqStream = (storeId: string) => `HQ-${storeId}`;

/** Creates (or keeps) the head-office copy of each store's stream. */
export async function ensureHeadOffice(nc: NatsConnection, stores: Array<{ storeId: string; domain: string }>): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const st of stores) {
    const name = hqStream(st.storeId);
    const exists = await jsm.streams.info(name).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await jsm.streams.add({ name, subjects: [], sources: [{ name: subjects(st.storeId).stream, external: { api: `$JS.${st.domain}.API`, deliver: '' } }], max_age: 30 * 24 * 3600 * 1e9 });
  }
}

/**
 * Calls `onEvent` for every event of the given stores' head-office streams (from the first, or
 * only new ones), and `onInvalid` for a message that is not a valid event. Returns stop.
 */
export async function followEvents(nc: NatsConnection, storeIds: string[], onEvent: (e: BusEvent, store: string, seq: number) => void, opts: { fromStart?: boolean; onInvalid?: (store: string, seq: number) => void } = {}): Promise<() => void> {
  const js = jetstream(nc);
  const stops: Array<() => void> = [];
  for (const storeId of storeIds) {
    const c = await js.consumers.get(hqStream(storeId), { deliver_policy: opts.fromStart === false ? DeliverPolicy.New : DeliverPolicy.All });
    const msgs = await c.consume();
    stops.push(() => void msgs.stop());
    void (async () => {
      for await (const m of msgs) {
        let parsed: ReturnType<typeof busEventSchema.safeParse> | null;
        try {
          parsed = busEventSchema.safeParse(m.json());
        } catch {
          parsed = null; // not JSON
        }
        if (parsed?.success) onEvent(parsed.data, storeId, m.seq);
        else opts.onInvalid?.(storeId, m.seq);
      }
    })().catch(() => undefined);
  }
  return () => stops.forEach((s) => s());
}
