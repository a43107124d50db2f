/**
 * Head office's event console (`npm run hq -- S1 S2:kassa-S2`): prints every event of one or
 * many stores as head office received it (JetStream sources each store's stream into HQ-<store>
 * through the leaf node), one line per event. A store is `<storeId>` or `<storeId>:<domain>`
 * (default domain `kassa-<storeId>`). `--new`: only events from now on.
 * Connection: KASSA_HQ_URL (default nats://127.0.0.1:4222), KASSA_HQ_USER, KASSA_HQ_PASSWORD or
 * KASSA_HQ_NKEY_SEED_FILE (a user nkey seed file, 0600); TLS: KASSA_HQ_CA_FILE (the hub's CA, PEM;
 * the URL is then tls://…), KASSA_HQ_CERT_FILE + KASSA_HQ_KEY_FILE when the hub asks for a client certificate.
 */
import { connect } from '@nats-io/transport-node';
import { ConfigError } from '../electron/config/load';
import { connectOptions, readSeedFile, readTls, type NatsAuth } from '../electron/store/nats-auth';
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
const env = process.env;
const url = env.KASSA_HQ_URL ?? 'nats://127.0.0.1:4222';
let auth: Omit<NatsAuth, 'user'> & { user?: string };
try {
  auth = {
    ...(env.KASSA_HQ_USER ? { user: env.KASSA_HQ_USER } : {}),
    ...(env.KASSA_HQ_NKEY_SEED_FILE ? { nkeySeed: readSeedFile(env.KASSA_HQ_NKEY_SEED_FILE, 'KASSA_HQ_NKEY_SEED_FILE') } : env.KASSA_HQ_PASSWORD !== undefined ? { password: env.KASSA_HQ_PASSWORD } : {}),
    ...(env.KASSA_HQ_CA_FILE ? { tls: readTls({ caFile: env.KASSA_HQ_CA_FILE, ...(env.KASSA_HQ_CERT_FILE ? { certFile: env.KASSA_HQ_CERT_FILE } : {}), ...(env.KASSA_HQ_KEY_FILE ? { keyFile: env.KASSA_HQ_KEY_FILE } : {}) }, '', { caFile: 'KASSA_HQ_CA_FILE', certFile: 'KASSA_HQ_CERT_FILE', keyFile: 'KASSA_HQ_KEY_FILE' }) } : url.startsWith('tls://') ? { tls: true as const } : {}),
  };
} catch (e) {
  process.stderr.write(`hq: ${e instanceof ConfigError ? e.message.replace(/^configuration field /, '') : (e as Error).message}\n`);
  process.exit(2);
}
const nc = await connect({ servers: url, ...connectOptions(auth), maxReconnectAttempts: -1 }).catch((e: Error) => {
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
