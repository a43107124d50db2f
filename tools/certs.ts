/**
 * Certificates for a store's NATS TLS, made with the openssl command (node:crypto cannot write
 * X.509): a CA, and certificates it signs — a server's (its host names and IP addresses as
 * subjectAltName) or a client's. EC P-256 keys, files 0600. Used by `npm run store:demo -- --secure`
 * and the store bus TLS test; a real store may use its own PKI instead (README: "NATS TLS").
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export interface CertFiles {
  certFile: string;
  keyFile: string;
}

const ssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A self-signed CA `<name>.pem` / `<name>.key` in `dir`, valid `days`. */
export function makeCa(dir: string, name: string, days = 825): CertFiles {
  mkdirSync(dir, { recursive: true });
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  ssl(['req', '-x509', ...EC, '-keyout', keyFile, '-out', certFile, '-days', String(days), '-subj', `/CN=Kassa ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}

/** A certificate signed by `ca`: a server's for `hosts` (names or IP addresses), or a client's. */
export function makeCert(dir: string, name: string, ca: CertFiles, o: { hosts?: string[]; days?: number }): CertFiles {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.pem`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  const san = (o.hosts ?? []).map((h) => (isIP(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  writeFileSync(ext, `${san ? `subjectAltName=${san}\n` : ''}extendedKeyUsage=${san ? 'serverAuth' : 'clientAuth'}\n`);
  ssl(['req', ...EC, '-keyout', keyFile, '-out', csr, '-subj', `/CN=kassa-${name}`]);
  ssl(['x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-out', certFile, '-days', String(o.days ?? 825), '-extfile', ext]);
  chmodSync(keyFile, 0o600);
  rmSync(csr);
  rmSync(ext);
  return { certFile, keyFile };
}
