/**
 * Transport security of the store bus over real nats-servers on loopback: TLS verified against
 * the store's CA (certificates made with openssl), kiosks signing in with a user nkey seed file
 * (no password on the kiosk), the leaf link and head office's consumer over TLS.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { exitCodeFor } from '../../../electron/app/startup';
import { ConfigError, loadConfig } from '../../../electron/config/load';
import { memoryLog } from '../../../electron/log';
import { toBytes } from '../../../electron/store/bus';
import { connectOptions, createSeedFile, readSeedFile, readTls } from '../../../electron/store/nats-auth';
import { NatsBus } from '../../../electron/store/nats-bus';
import { hubServerConfig, storeServerConfig } from '../../../electron/store/nats-config';
import { startStoreNode, type StoreNode } from '../../../electron/store/store-node';
import { subjects } from '../../../electron/store/subjects';
import { makeCa, makeCert, type CertFiles } from '../../../tools/certs';
import { storeConfigFromSpec } from '../../../tools/store-nats-spec';
import { freePort, startNats, type NatsProcess } from '../../support/nats';
import { STORE, until } from './harness';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const NODE = { user: 'store-node', password: 'store-node-secret-1' };
const LEAF = { user: 'leaf-s1', password: 'leaf-secret-123' };
const log = memoryLog('tls');
let dir: string;
let certs: { caFile: string; otherCaFile: string; server: CertFiles };
let seedFile: string;
let hub: NatsProcess;
let nats: NatsProcess;
let node: StoreNode | null = null;
let kiosk: Kiosk | null = null;
const tlsUrl = () => nats.url.replace('nats://', 'tls://');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-tls-'));
  // Certificates made with openssl: the store's CA, the server's for 127.0.0.1, and an unrelated CA.
  const ca = makeCa(dir, 'ca', 2);
  certs = { caFile: ca.certFile, otherCaFile: makeCa(dir, 'other-ca', 2).certFile, server: makeCert(dir, 'server', ca, { hosts: ['127.0.0.1', 'localhost'], days: 2 }) };
  seedFile = join(dir, 'K01.nk');
  const k01 = createSeedFile(seedFile);
  const leafPort = await freePort();
  const hqKey = createSeedFile(join(dir, 'hq.nk'));
  hub = await startNats((js, port) => hubServerConfig({ port, leafPort, storeDir: js, leaf: LEAF, clients: [{ user: 'hq', nkey: hqKey }], tls: certs.server }));
  // The store's server configuration as `npm run store:nats` writes it from a description.
  nats = await startNats((js, port) =>
    storeConfigFromSpec({
      storeId: STORE,
      host: '127.0.0.1',
      port,
      storeDir: js,
      tls: { ...certs.server, caFile: certs.caFile },
      storeNode: NODE,
      kiosks: [{ laneId: 'K01', nkey: k01 }],
      leaf: { url: `127.0.0.1:${leafPort}`, ...LEAF, tls: { caFile: certs.caFile } },
    }),
  );
}, 30_000);
afterAll(async () => {
  await kiosk?.close().catch(() => undefined);
  await node?.close().catch(() => undefined);
  await nats?.kill();
  await hub?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A data folder with this configuration (the kiosk's or the store node's). */
function folder(name: string, storeBus: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'kassa.config.json'), JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, storeBus: { storeId: STORE, natsUrl: [tlsUrl()], heartbeatMs: 500, ...storeBus }, ...extra }));
  return d;
}

describe('TLS and nkeys on the store bus', () => {
  it('the store node (password) and a kiosk (nkey seed file, no password) connect over TLS; the kiosk lane reaches the store node', async () => {
    const nd = folder('node', { user: NODE.user, tls: { caFile: certs.caFile } });
    node = await startStoreNode({ env: { KASSA_DATA_DIR: nd, KASSA_NATS_PASSWORD: NODE.password }, defaultDataDir: () => nd, log: log.child('node') });
    const kd = folder('K01', { user: 'kiosk-K01', nkeySeedFile: seedFile, tls: { caFile: certs.caFile } }, { store: { kioskId: 'K01' }, terminal: { kind: 'sandbox', autoApproveMs: 50 } });
    kiosk = await startKiosk({ env: { KASSA_DATA_DIR: kd }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => kd, log: log.child('K01') });
    await until(() => node!.registry.list().some((l) => l.laneId === 'K01' && l.status !== 'offline'), 'K01 registered over TLS');
    expect(JSON.stringify(log.lines)).not.toContain(readFileSync(seedFile, 'utf8').trim());
  });

  it('an nkey kiosk stays within its permissions: another lane is refused', async () => {
    const k = await NatsBus.connect({ storeId: STORE, servers: [tlsUrl()], user: 'kiosk-K01', nkeySeed: readSeedFile(seedFile, 'seed'), tls: readTls({ caFile: certs.caFile }, 'tls'), name: 'k1', log, background: false });
    try {
      await expect(k.append(subjects(STORE).event('K02', 'audit'), toBytes({}), 'forged-tls-1')).rejects.toThrow();
      await k.append(subjects(STORE).event('K01', 'audit'), toBytes({}), 'own-tls-1');
    } finally {
      await k.close();
    }
  });

  it('a seed the server does not list is refused; a garbled or world-readable seed file is a configuration error without the seed', async () => {
    const other = join(dir, 'other.nk');
    createSeedFile(other);
    const seed = readFileSync(other, 'utf8').trim();
    const wrong = NatsBus.connect({ storeId: STORE, servers: [tlsUrl()], user: 'kiosk-K01', nkeySeed: readSeedFile(other, 'seed'), tls: readTls({ caFile: certs.caFile }, 'tls'), name: 'x', log, background: false });
    await expect(wrong).rejects.toThrow(/cannot connect to NATS.*Authorization/i);
    await wrong.catch((e: Error) => expect(e.message).not.toContain(seed));
    const garbled = join(dir, 'garbled.nk');
    writeFileSync(garbled, `${seed.slice(0, 20)}${seed[20] === 'A' ? 'B' : 'A'}${seed.slice(21)}\n`, { mode: 0o600 });
    for (const [file, why] of [[garbled, /does not hold a user nkey seed/], [join(dir, 'none.nk'), /cannot read .*ENOENT/]] as const) {
      const d = folder(`bad-${why.source.length}`, { user: 'kiosk-K01', nkeySeedFile: file, tls: { caFile: certs.caFile } }, { store: { kioskId: 'K01' } });
      const e = await startKiosk({ env: { KASSA_DATA_DIR: d }, resourcesDir: join(REPO, 'resources'), defaultDataDir: () => d, log: memoryLog() }).catch((x: Error) => x);
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/storeBus\.nkeySeedFile/);
      expect((e as Error).message).toMatch(why);
      expect((e as Error).message).not.toContain(seed.slice(2, 40));
    }
    chmodSync(other, 0o644);
    expect(() => readSeedFile(other, 'storeBus.nkeySeedFile')).toThrow(/storeBus\.nkeySeedFile.*0600/);
  });

  it('a client that does not trust the store CA, a client without TLS and a plain-text connection are refused', async () => {
    await expect(NatsBus.connect({ storeId: STORE, servers: [tlsUrl()], ...NODE, tls: readTls({ caFile: certs.otherCaFile }, 'tls'), name: 'x', log, background: false })).rejects.toThrow(/cannot connect to NATS/);
    await expect(connect({ servers: nats.url, ...NODE, tls: null, reconnect: false })).rejects.toThrow(/tls/i);
    // Plain text on the wire: the server answers the CONNECT with an error and closes.
    const answer = await new Promise<string>((done) => {
      let text = '';
      const s = tcp(nats.port, '127.0.0.1', () => s.write(`CONNECT {"user":"${NODE.user}","pass":"${NODE.password}","verbose":false}\r\nPING\r\n`));
      s.on('data', (d) => (text += d.toString()));
      s.on('close', () => done(text));
      s.on('error', () => undefined);
    });
    expect(answer).toMatch(/"tls_required":true/);
    expect(answer).not.toMatch(/PONG/);
  });

  it('with verify the server also demands a client certificate its CA signed', async () => {
    const client = makeCert(dir, 'client', { certFile: certs.caFile, keyFile: certs.caFile.replace(/\.pem$/, '.key') }, { days: 2 });
    const strict = await startNats((js, port) => storeServerConfig({ storeId: STORE, port, storeDir: js, tls: { ...certs.server, caFile: certs.caFile, verify: true }, storeNode: NODE, kiosks: [] }));
    try {
      const url = strict.url.replace('nats://', 'tls://');
      // Without a certificate the server ends the handshake (the client may only notice at its connect timeout).
      await expect(connect({ servers: url, ...connectOptions({ ...NODE, tls: readTls({ caFile: certs.caFile }, 'tls') }), timeout: 1500, reconnect: false })).rejects.toThrow();
      const ok = await NatsBus.connect({ storeId: STORE, servers: [url], ...NODE, tls: readTls({ caFile: certs.caFile, ...client }, 'tls'), name: 'y', log, background: false });
      expect(ok.connected()).toBe(true);
      await ok.close();
    } finally {
      await strict.kill();
    }
  });

  it('the configuration refuses TLS with nats:// URLs, a certificate without its key, and a password with a seed file', () => {
    const bus = { storeId: STORE, natsUrl: ['tls://127.0.0.1:4222'], user: 'kiosk-K01', nkeySeedFile: seedFile, tls: { caFile: certs.caFile } };
    for (const [bad, field] of [
      [{ ...bus, natsUrl: ['nats://127.0.0.1:4222'] }, 'storeBus.natsUrl'],
      [{ ...bus, tls: { caFile: certs.caFile, certFile: certs.server.certFile } }, 'storeBus.tls.certFile'],
      [{ ...bus, tls: { caFile: 'x'.repeat(4097) } }, 'storeBus.tls.caFile'],
      [{ ...bus, password: 'kiosk-secret-1' }, 'storeBus.nkeySeedFile'],
    ] as const) {
      const d = join(dir, 'cfg');
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'kassa.config.json'), JSON.stringify({ storeBus: bad }));
      expect(() => loadConfig({ KASSA_DATA_DIR: d }, () => d)).toThrow(new RegExp(`"${field.replace(/\./g, '\\.')}"`));
    }
    // The server's description (npm run store:nats): a kiosk key that is not a public user nkey, a missing certificate.
    const spec = { storeId: STORE, storeDir: dir, storeNode: NODE, kiosks: [{ laneId: 'K01', nkey: 'SU-not-a-public-key' }] };
    expect(() => storeConfigFromSpec(spec)).toThrow(/"kiosks\.0\.nkey"/);
    expect(() => storeConfigFromSpec({ ...spec, kiosks: [{ laneId: 'K01', password: 'kiosk-secret-1' }], tls: { certFile: join(dir, 'nope.pem'), keyFile: certs.server.keyFile } })).toThrow(/"tls\.certFile": no such file/);
  });

  it('a missing CA file stops the store node at start, naming the field (exit code 2)', async () => {
    const d = folder('node-bad', { user: NODE.user, tls: { caFile: join(dir, 'missing-ca.pem') } });
    const e = await startStoreNode({ env: { KASSA_DATA_DIR: d, KASSA_NATS_PASSWORD: NODE.password }, defaultDataDir: () => d, log: memoryLog() }).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/storeBus\.tls\.caFile.*cannot read/);
    expect(exitCodeFor(e)).toBe(2);
  });

  it('the leaf link to head office runs over TLS; head office reads over TLS, signed in with an nkey', async () => {
    const hq = await connect({ servers: hub.url.replace('nats://', 'tls://'), ...connectOptions({ nkeySeed: readSeedFile(join(dir, 'hq.nk'), 'hq'), tls: readTls({ caFile: certs.caFile }, 'hq') }) });
    try {
      const got = new Promise<string>((r) => hq.subscribe(`kassa.${STORE}.tls-probe`, { callback: (_e, m) => r(m.string()) }));
      await hq.flush();
      // The leaf connection comes up asynchronously: publish until head office hears it.
      const bus = await NatsBus.connect({ storeId: STORE, servers: [tlsUrl()], ...NODE, tls: readTls({ caFile: certs.caFile }, 'tls'), name: 'probe', log, background: false });
      const t = setInterval(() => bus.publish(`kassa.${STORE}.tls-probe`, new TextEncoder().encode('over-tls')), 100);
      try {
        expect(await got).toBe('over-tls');
      } finally {
        clearInterval(t);
        await bus.close();
      }
    } finally {
      await hq.close();
    }
  }, 20_000);
});
