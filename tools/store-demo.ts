/**
 * Writes a multi-kiosk demo store (`npm run store:demo -- [folder] [--hq] [--pl]`): a nats-server
 * configuration with a user and password per role (random, written only to the files, which are
 * 0600), the store node's configuration and two kiosks' (K01 on port 5173, K02 on 5174, each its
 * own data folder), the store's catalog (a copy of the demo catalog, published by the store
 * node to the kiosks), and prints the commands to run. `--hq` adds head office: a hub
 * configuration, the store server as its leaf node, and the `npm run hq` command. `--secure`:
 * TLS everywhere (a demo CA and a server certificate for 127.0.0.1 made with openssl, in tls/)
 * and the kiosks and the store node sign in with nkey seed files instead of passwords.
 * `--pl` makes it a Polish store (złoty): the store node serves InPost Pay (its simulator) for both kiosks.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSeedFile } from '../electron/store/nats-auth';
import { hubServerConfig, storeServerConfig, type Credential } from '../electron/store/nats-config';
import { makeCa, makeCert } from './certs';

const args = process.argv.slice(2);
const withHq = args.includes('--hq');
const secure = args.includes('--secure');
// --pl: a Polish store (złoty, Polish first): the store node then serves InPost Pay with its simulator.
const pl = args.includes('--pl');
const plStore = pl ? { currency: 'PLN', timeZone: 'Europe/Warsaw' } : {};
const plLangs = pl ? { languages: { default: 'pl', available: ['pl', 'en', 'et', 'ru'] } } : {};
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'store-demo');
const STORE = 'S1';
const secret = () => randomBytes(12).toString('hex');
const lanes = [
  { laneId: 'K01', web: 5173 },
  { laneId: 'K02', web: 5174 },
];
const file = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
};
/** --secure: a seed file in the client's folder, whose public key the server lists; else a random password. */
const signIn = (user: string, folder: string): { cred: Credential; bus: Record<string, string> } => {
  if (!secure) {
    const password = secret();
    return { cred: { user, password }, bus: { user, password } };
  }
  mkdirSync(join(dir, folder), { recursive: true });
  const seedFile = join(dir, folder, 'nats.nk');
  return { cred: { user, nkey: createSeedFile(seedFile) }, bus: { user, nkeySeedFile: seedFile } };
};
const node = signIn('store-node', 'node');
const kiosks = lanes.map((l) => ({ laneId: l.laneId, ...signIn(`kiosk-${l.laneId}`, l.laneId) }));
const leaf = { user: 'leaf-s1', password: secret() };
const hq = { user: 'hq', password: secret() };
// --secure: the demo CA signs the servers' certificate (both servers run on this machine).
const ca = secure ? makeCa(join(dir, 'tls'), 'demo-ca') : null;
const server = ca ? makeCert(join(dir, 'tls'), 'server', ca, { hosts: ['127.0.0.1', 'localhost'] }) : null;
const clientTls = ca ? { tls: { caFile: ca.certFile } } : {};
const scheme = secure ? 'tls' : 'nats';
const natsUrl = [`${scheme}://127.0.0.1:4222`];

file(join(dir, 'nats', 'store.conf'), storeServerConfig({ storeId: STORE, port: 4222, storeDir: join(dir, 'nats', 'store-js'), domain: `kassa-${STORE}`, storeNode: node.cred, kiosks: kiosks.map((k) => ({ laneId: k.laneId, ...k.cred })), ...(server ? { tls: server } : {}), ...(withHq ? { leaf: { url: '127.0.0.1:7422', ...leaf, ...(ca ? { tls: { caFile: ca.certFile } } : {}) } } : {}) }));
if (withHq) file(join(dir, 'nats', 'hub.conf'), hubServerConfig({ port: 4223, leafPort: 7422, storeDir: join(dir, 'nats', 'hub-js'), leaf, clients: [hq], ...(server ? { tls: server } : {}) }));
// The store's catalog (a copy of the demo catalog): edit it and the store node publishes it to both kiosks.
const catalogFile = join(dir, 'catalog.json');
mkdirSync(dir, { recursive: true });
copyFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'catalog', 'demo-catalog.json'), catalogFile);
file(join(dir, 'node', 'kassa.config.json'), JSON.stringify({ mode: 'demo', ...(pl ? { store: plStore, ...plLangs } : {}), smarts: { nodePort: 8088 }, storeBus: { storeId: STORE, natsUrl, ...node.bus, ...clientTls, catalogFile } }, null, 2));
for (const [i, l] of lanes.entries()) {
  file(join(dir, l.laneId, 'kassa.config.json'), JSON.stringify({ mode: 'demo', store: { kioskId: l.laneId, ...plStore }, ...plLangs, web: { host: '127.0.0.1', port: l.web }, storeBus: { storeId: STORE, natsUrl, ...kiosks[i]!.bus, ...clientTls } }, null, 2));
}
const out = [
  `Demo store ${STORE} written to ${dir} (${secure ? 'TLS with the demo CA tls/demo-ca.pem; kiosks and store node sign in with nkey seed files nats.nk' : 'passwords only in its files'}; the store's catalog: ${catalogFile}). In separate terminals:`,
  ...(withHq ? [`  nats-server -c ${join(dir, 'nats', 'hub.conf')}                # head office hub`] : []),
  `  nats-server -c ${join(dir, 'nats', 'store.conf')}              # the store's bus`,
  `  KASSA_DATA_DIR=${join(dir, 'node')} npm run store`,
  ...lanes.map((l) => `  npm run build && KASSA_DATA_DIR=${join(dir, l.laneId)} npm run host:only   # ${l.laneId}: http://127.0.0.1:${l.web}`),
  ...(withHq ? [`  ${ca ? `KASSA_HQ_CA_FILE=${ca.certFile} ` : ''}KASSA_HQ_URL=${scheme}://127.0.0.1:4223 KASSA_HQ_USER=hq KASSA_HQ_PASSWORD=$(grep -o '"hq", password: "[^"]*' ${join(dir, 'nats', 'hub.conf')} | cut -d'"' -f4) npm run hq -- ${STORE}`] : []),
];
process.stdout.write(out.join('\n') + '\n');
