/**
 * Writes a multi-kiosk demo store (`npm run store:demo -- [folder] [--hq] [--pl]`): a nats-server
 * configuration with a user and password per role (random, written only to the files, which are
 * 0600), the store node's configuration and two kiosks' (K01 on port 5173, K02 on 5174, each its
 * own data folder), the store's catalog (a copy of the demo catalog, published by the store
 * node to the kiosks), and prints the commands to run. `--hq` adds head office: a hub
 * configuration, the store server as its leaf node, and the `npm run hq` command. `--pl` makes it
 * a Polish store (złoty): the store node serves InPost Pay (its simulator) for both kiosks.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hubServerConfig, storeServerConfig } from '../electron/store/nats-config';

const args = process.argv.slice(2);
const withHq = args.includes('--hq');
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
const node = { user: 'store-node', password: secret() };
const kiosks = lanes.map((l) => ({ laneId: l.laneId, user: `kiosk-${l.laneId}`, password: secret() }));
const leaf = { user: 'leaf-s1', password: secret() };
const hq = { user: 'hq', password: secret() };
const file = (path: string, text: string) => {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text, { mode: 0o600 });
};
const natsUrl = ['nats://127.0.0.1:4222'];

file(join(dir, 'nats', 'store.conf'), storeServerConfig({ storeId: STORE, port: 4222, storeDir: join(dir, 'nats', 'store-js'), domain: `kassa-${STORE}`, storeNode: node, kiosks, ...(withHq ? { leaf: { url: '127.0.0.1:7422', ...leaf } } : {}) }));
if (withHq) file(join(dir, 'nats', 'hub.conf'), hubServerConfig({ port: 4223, leafPort: 7422, storeDir: join(dir, 'nats', 'hub-js'), leaf, clients: [hq] }));
// The store's catalog (a copy of the demo catalog): edit it and the store node publishes it to both kiosks.
const catalogFile = join(dir, 'catalog.json');
mkdirSync(dir, { recursive: true });
copyFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'catalog', 'demo-catalog.json'), catalogFile);
file(join(dir, 'node', 'kassa.config.json'), JSON.stringify({ mode: 'demo', ...(pl ? { store: plStore, ...plLangs } : {}), smarts: { nodePort: 8088 }, storeBus: { storeId: STORE, natsUrl, ...node, catalogFile } }, null, 2));
for (const [i, l] of lanes.entries()) {
  file(join(dir, l.laneId, 'kassa.config.json'), JSON.stringify({ mode: 'demo', store: { kioskId: l.laneId, ...plStore }, ...plLangs, web: { host: '127.0.0.1', port: l.web }, storeBus: { storeId: STORE, natsUrl, user: kiosks[i]!.user, password: kiosks[i]!.password } }, null, 2));
}
const out = [
  `Demo store ${STORE} written to ${dir} (passwords only in its files; the store's catalog: ${catalogFile}). In separate terminals:`,
  ...(withHq ? [`  nats-server -c ${join(dir, 'nats', 'hub.conf')}                # head office hub`] : []),
  `  nats-server -c ${join(dir, 'nats', 'store.conf')}              # the store's bus`,
  `  KASSA_DATA_DIR=${join(dir, 'node')} npm run store`,
  ...lanes.map((l) => `  npm run build && KASSA_DATA_DIR=${join(dir, l.laneId)} npm run host:only   # ${l.laneId}: http://127.0.0.1:${l.web}`),
  ...(withHq ? [`  KASSA_HQ_URL=nats://127.0.0.1:4223 KASSA_HQ_USER=hq KASSA_HQ_PASSWORD=$(grep -o '"hq", password: "[^"]*' ${join(dir, 'nats', 'hub.conf')} | cut -d'"' -f4) npm run hq -- ${STORE}`] : []),
];
process.stdout.write(out.join('\n') + '\n');
