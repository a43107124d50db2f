/**
 * A self-signed certificate for the simulator's HTTPS mode (real terminals answer HTTPS on
 * 8443). Made with the `openssl` command line: Node has no X.509 generator of its own.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsIdentity {
  key: string;
  /** PEM; a client trusts the simulator by using it as its CA. */
  cert: string;
}

/** A one-day self-signed certificate with CN = the POIID, valid for localhost and 127.0.0.1. */
export function selfSignedIdentity(poiId: string): TlsIdentity {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-terminal-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const r = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-keyout', key, '-out', cert,
        '-subj', `/CN=${poiId.replace(/[^A-Za-z0-9._-]/g, '')}`, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    if (r.error || r.status !== 0) {
      throw new Error(`the terminal simulator's HTTPS mode needs the openssl command (${r.error?.message ?? r.stderr.trim()})`);
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
