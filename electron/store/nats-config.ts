/**
 * Writes the store's nats-server configuration (and head office's): every way in is a user with
 * a password or a public nkey and permissions for its role, optionally over TLS. The store node manages the stream and the bucket; a
 * kiosk may only publish its own lane's events and snapshot, ask the store node about Smarts
 * checks and answer actions addressed to its own lane. See README.md ("NATS authentication").
 * Passwords are written to the file (keep it 0600); they are never logged.
 */
import { USER_NKEY } from './nats-auth';
import { inboxPrefix, subjects } from './subjects';

export interface Credential {
  user: string;
  /** A password, or `nkey`: the client's public user nkey (`U…`; it signs in with its seed file). */
  password?: string;
  nkey?: string;
}

/** The server's TLS: its certificate and key (PEM files); `caFile` + `verify`: clients must present a certificate the CA signed. */
export interface ServerTls {
  certFile: string;
  keyFile: string;
  caFile?: string;
  verify?: boolean;
}

/** How a user signs in: its public nkey, or user name and password (the user name still names its inbox). */
function login(c: Credential): string {
  if (c.nkey !== undefined) {
    if (!USER_NKEY.test(c.nkey)) throw new Error(`nats-config: the nkey of ${c.user} is not a public user key (U…)`);
    return `nkey: ${q(c.nkey)}`;
  }
  if (!c.password) throw new Error(`nats-config: ${c.user} needs a password or an nkey`);
  return `user: ${q(c.user)}, password: ${q(c.password)}`;
}

function tlsBlock(t: ServerTls | undefined): string {
  if (!t) return '';
  if (t.verify && !t.caFile) throw new Error('nats-config: tls.verify needs tls.caFile');
  return `tls { cert_file: ${q(t.certFile)}, key_file: ${q(t.keyFile)}${t.caFile ? `, ca_file: ${q(t.caFile)}` : ''}${t.verify ? ', verify: true' : ''}, timeout: 5 }`;
}

/** The leaf remote: `tls://` with the hub's CA (and a client certificate) when `tls` is given. */
function leafRemote(l: { url: string; tls?: { caFile: string; certFile?: string; keyFile?: string } } & Credential): string {
  const scheme = l.tls ? 'tls' : 'nats-leaf';
  const url = `${scheme}://${encodeURIComponent(l.user)}:${encodeURIComponent(l.password ?? '')}@${l.url.replace(/^(nats|nats-leaf|tls):\/\//, '')}`;
  const tls = l.tls ? `, tls: { ca_file: ${q(l.tls.caFile)}${l.tls.certFile ? `, cert_file: ${q(l.tls.certFile)}` : ''}${l.tls.keyFile ? `, key_file: ${q(l.tls.keyFile)}` : ''} }` : '';
  return `leafnodes { remotes: [ { url: ${q(url)}${tls} } ] }\n`;
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
  /** Head office hub to link to as a leaf node (a password user; `tls`: verify the hub with this CA). */
  leaf?: { url: string; tls?: { caFile: string; certFile?: string; keyFile?: string } } & Credential;
  monitorPort?: number;
  /** TLS on the client port: every client must use TLS (nats-server 2.9 has no plain fallback). */
  tls?: ServerTls;
}): string {
  const s = subjects(o.storeId);
  const users = [
    `{ ${login(o.storeNode)}, permissions: { publish: ${list([`${s.prefix}.>`, '$JS.API.>', '$JS.ACK.>', '$JS.FC.>', `$KV.${s.bucket}.>`, `$KV.${s.configBucket}.>`, `$O.${s.catalogBucket}.>`])}, subscribe: ${list([`${s.prefix}.>`, `${inboxPrefix(o.storeNode.user)}.>`])}, allow_responses: true } }`,
    ...o.kiosks.map(
      (k) =>
        `{ ${login(k)}, permissions: { publish: { allow: ${list([`${s.prefix}.ev.${k.laneId}.>`, s.lanePut(k.laneId), `${s.checks}.*`, s.inpostCall(k.laneId), ...catalogReader(s)])} }, subscribe: ${list([s.act(k.laneId), s.inpostRelay(k.laneId), s.checks, s.configNotify, `${inboxPrefix(k.user)}.>`])}, allow_responses: true } }`,
    ),
  ];
  const leaf = o.leaf ? leafRemote(o.leaf) : '';
  return `# Kassa store ${o.storeId}: written by electron/store/nats-config.ts
server_name: ${q(`kassa-${o.storeId}`)}
host: ${q(o.host ?? '127.0.0.1')}
port: ${o.port}
${o.monitorPort ? `http_port: ${o.monitorPort}\n` : ''}${o.tls ? `${tlsBlock(o.tls)}\n` : ''}jetstream { store_dir: ${q(o.storeDir)}${o.domain ? `, domain: ${q(o.domain)}` : ''} }
authorization { users: [
  ${users.join(',\n  ')}
] }
${leaf}`;
}

/** Head office's hub: leaf nodes (the stores) log in with a password, head office's own clients with a password or an nkey; `tls` on both ports. */
export function hubServerConfig(o: { host?: string; port: number; leafPort: number; storeDir: string; domain?: string; leaf: Credential; clients: Credential[]; tls?: ServerTls }): string {
  return `# Kassa head office hub: written by electron/store/nats-config.ts
server_name: "kassa-hq"
host: ${q(o.host ?? '127.0.0.1')}
port: ${o.port}
${o.tls ? `${tlsBlock(o.tls)}\n` : ''}jetstream { store_dir: ${q(o.storeDir)}, domain: ${q(o.domain ?? 'hq')} }
authorization { users: [
  ${o.clients.map((c) => `{ ${login(c)} }`).join(',\n  ')}
] }
leafnodes { host: ${q(o.host ?? '127.0.0.1')}, port: ${o.leafPort}, ${o.tls ? `${tlsBlock(o.tls)}, ` : ''}authorization { user: ${q(o.leaf.user)}, password: ${q(o.leaf.password ?? '')} } }
`;
}
