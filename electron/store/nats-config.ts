/**
 * Writes the store's nats-server configuration (and head office's): every way in is a user with
 * a password and permissions for its role. The store node manages the stream and the bucket; a
 * kiosk may only publish its own lane's events and snapshot, ask the store node about Smarts
 * checks and answer actions addressed to its own lane. See README.md ("NATS authentication").
 * Passwords are written to the file (keep it 0600); they are never logged.
 */
import { inboxPrefix, subjects } from './subjects';

export interface Credential {
  user: string;
  password: string;
}

/**
 * What a kiosk needs to read (never write) the catalog: the config bucket's entries by direct get,
 * the object store's stream information, its meta messages and an ephemeral consumer delivering
 * the chunks (with its flow control replies). No `$KV.`/`$O.` publish, no stream create/update/purge.
 */
function catalogReader(s: ReturnType<typeof subjects>): string[] {
  const kv = `KV_${s.configBucket}`;
  const obj = `OBJ_${s.catalogBucket}`;
  return [
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.${kv}`,
    `$JS.API.STREAM.MSG.GET.${kv}`,
    `$JS.API.DIRECT.GET.${kv}`,
    `$JS.API.DIRECT.GET.${kv}.>`,
    `$JS.API.STREAM.INFO.${obj}`,
    `$JS.API.STREAM.MSG.GET.${obj}`,
    `$JS.API.DIRECT.GET.${obj}`,
    `$JS.API.DIRECT.GET.${obj}.>`,
    `$JS.API.CONSUMER.CREATE.${obj}`,
    `$JS.API.CONSUMER.CREATE.${obj}.>`,
    `$JS.API.CONSUMER.DELETE.${obj}.>`,
    `$JS.FC.${obj}.>`,
  ];
}

const q = (s: string) => JSON.stringify(s);
const list = (xs: string[]) => `[${xs.map(q).join(', ')}]`;

export function storeServerConfig(o: {
  storeId: string;
  host?: string;
  port: number;
  storeDir: string;
  /** JetStream domain of the store (head office sources the stream through it). */
  domain?: string;
  storeNode: Credential;
  kiosks: Array<Credential & { laneId: string }>;
  /** Head office hub to link to as a leaf node. */
  leaf?: { url: string } & Credential;
  monitorPort?: number;
}): string {
  const s = subjects(o.storeId);
  const users = [
    `{ user: ${q(o.storeNode.user)}, password: ${q(o.storeNode.password)}, permissions: { publish: ${list([`${s.prefix}.>`, '$JS.API.>', '$JS.ACK.>', '$JS.FC.>', `$KV.${s.bucket}.>`, `$KV.${s.configBucket}.>`, `$O.${s.catalogBucket}.>`])}, subscribe: ${list([`${s.prefix}.>`, `${inboxPrefix(o.storeNode.user)}.>`])}, allow_responses: true } }`,
    ...o.kiosks.map(
      (k) =>
        `{ user: ${q(k.user)}, password: ${q(k.password)}, permissions: { publish: { allow: ${list([`${s.prefix}.ev.${k.laneId}.>`, s.lanePut(k.laneId), `${s.checks}.*`, s.inpostCall(k.laneId), ...catalogReader(s)])} }, subscribe: ${list([s.act(k.laneId), s.inpostRelay(k.laneId), s.checks, s.configNotify, `${inboxPrefix(k.user)}.>`])}, allow_responses: true } }`,
    ),
  ];
  const leaf = o.leaf ? `leafnodes { remotes: [ { url: ${q(`nats-leaf://${encodeURIComponent(o.leaf.user)}:${encodeURIComponent(o.leaf.password)}@${o.leaf.url.replace(/^nats(-leaf)?:\/\//, '')}`)} } ] }\n` : '';
  return `# Kassa store ${o.storeId}: written by electron/store/nats-config.ts
server_name: ${q(`kassa-${o.storeId}`)}
host: ${q(o.host ?? '127.0.0.1')}
port: ${o.port}
${o.monitorPort ? `http_port: ${o.monitorPort}\n` : ''}jetstream { store_dir: ${q(o.storeDir)}${o.domain ? `, domain: ${q(o.domain)}` : ''} }
authorization { users: [
  ${users.join(',\n  ')}
] }
${leaf}`;
}

/** Head office's hub: leaf nodes (the stores) and head office's own clients log in with passwords. */
export function hubServerConfig(o: { host?: string; port: number; leafPort: number; storeDir: string; domain?: string; leaf: Credential; clients: Credential[] }): string {
  return `# Kassa head office hub: written by electron/store/nats-config.ts
server_name: "kassa-hq"
host: ${q(o.host ?? '127.0.0.1')}
port: ${o.port}
jetstream { store_dir: ${q(o.storeDir)}, domain: ${q(o.domain ?? 'hq')} }
authorization { users: [
  ${o.clients.map((c) => `{ user: ${q(c.user)}, password: ${q(c.password)} }`).join(',\n  ')}
] }
leafnodes { host: ${q(o.host ?? '127.0.0.1')}, port: ${o.leafPort}, authorization { user: ${q(o.leaf.user)}, password: ${q(o.leaf.password)} } }
`;
}
