/**
 * Test certificates made with the openssl command (node:crypto cannot write X.509): a CA, a
 * server certificate for 127.0.0.1/localhost and a client certificate signed by it, and a second,
 * unrelated CA (a client that trusts only it must refuse the server). EC P-256: fast to make.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCerts {
  caFile: string;
  server: { certFile: string; keyFile: string };
  client: { certFile: string; keyFile: string };
  /** Another CA that signed nothing here. */
  otherCaFile: string;
}

const ssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function ca(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}.key`);
  ssl(['req', '-x509', ...EC, '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=Kassa test ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  return { cert, key };
}

function signed(dir: string, name: string, by: { cert: string; key: string }, ext: string): { certFile: string; keyFile: string } {
  const keyFile = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const certFile = join(dir, `${name}.pem`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, ext);
  ssl(['req', ...EC, '-keyout', keyFile, '-out', csr, '-subj', `/CN=kassa-${name}`]);
  ssl(['x509', '-req', '-in', csr, '-CA', by.cert, '-CAkey', by.key, '-CAcreateserial', '-out', certFile, '-days', '2', '-extfile', extFile]);
  chmodSync(keyFile, 0o600);
  return { certFile, keyFile };
}

export function makeTestCerts(dir: string): TestCerts {
  const root = ca(dir, 'ca');
  return {
    caFile: root.cert,
    server: signed(dir, 'server', root, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n'),
    client: signed(dir, 'client', root, 'extendedKeyUsage=clientAuth\n'),
    otherCaFile: ca(dir, 'other-ca').cert,
  };
}
