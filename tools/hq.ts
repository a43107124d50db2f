/**
 * Head office's event console (`npm run hq -- S1 S2:kassa-S2`): prints every event of one or
 * many stores as head office received it (JetStream sources each store's stream into HQ-<store>
 * through the leaf node), one line per event. A store is `<storeId>` or `<storeId>:<domain>`
 * (default domain `kassa-<storeId>`). `--new`: only events from now on.
 * Connection: KASSA_HQ_URL (default nats://127.0.0.1:4222), KASSA_HQ_USER, KASSA_HQ_PASSWORD.
 */
import { connect } from '@nats-io/transport-node';
import { ensureHeadOffice, followEvents } from '../electron/store/hq';
import { idSchema } from '../electron/store/subjects';

const args = process.argv.slice(2);
const fromStart = !args.includes('--new');
const stores = args.filter((a) => !a.startsWith('--')).map((a) => {
  const [storeId = '', domain] = a.split(':');
  if (!idSchema.safeParse(storeId).success) {
    process.stderr.write(`hq: "${storeId}" is not a store id (letters, digits, "-" or "_")\n`);
    process.exit(2);
  }
  return { storeId, domain: domain ?? `kassa-${storeId}` };
});
if (!stores.length) {
  process.stderr.write('usage: npm run hq -- <storeId>[:<domain>] … [--new]\n');
  process.exit(2);
}
const url = process.env.KASSA_HQ_URL ?? 'nats://127.0.0.1:4222';
const nc = await connect({ servers: url, user: process.env.KASSA_HQ_USER, pass: process.env.KASSA_HQ_PASSWORD, maxReconnectAttempts: -1 }).catch((e: Error) => {
  process.stderr.write(`hq: cannot connect to head office NATS at ${url}: ${e.message}\n`);
  process.exit(1);
});
await ensureHeadOffice(nc, stores);
process.stdout.write(`hq: following ${stores.map((s) => s.storeId).join(', ')} on ${url}\n`);
const summary = (b: Record<string, unknown>) =>
  Object.entries(b)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')
    .slice(0, 160);
await followEvents(
  nc,
  stores.map((s) => s.storeId),
  (e, store, seq) => process.stdout.write(`${new Date(e.at).toISOString()} ${store}/${e.laneId} #${seq} ${e.kind.padEnd(7)} ${summary(e.body)}\n`),
  { fromStart, onInvalid: (store, seq) => process.stderr.write(`hq: ${store} #${seq} is not a valid event (skipped)\n`) },
);
const stop = () => void nc.drain().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
