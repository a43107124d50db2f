/** The merchant node over HTTPS with a certificate and key from configuration files (self-signed here). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { startMerchantNode, type MerchantNode } from '../../../electron/node/server';
import { rawRequest } from './http-client';

const TOKEN = 'tls-node-token-0123456789';
let dir: string;
let node: MerchantNode;
let cert: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kassa-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  node = await startMerchantNode({ port: 0, inboundToken: TOKEN, log: memoryLog('tls'), routes: [], tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
});
afterAll(async () => {
  await node?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('merchant node over HTTPS', () => {
  it('serves https with the configured certificate; auth still applies', async () => {
    expect(node.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ok = await rawRequest(node.url, '/node/health', { method: 'GET', headers: { accessToken: TOKEN }, ca: cert });
    expect(ok).toMatchObject({ status: 200, json: { status: 'UP' } });
    const anon = await rawRequest(node.url, '/node/health', { method: 'GET', ca: cert });
    expect(anon.status).toBe(401);
  });

  it('a client that does not trust the certificate is refused by TLS', async () => {
    await expect(rawRequest(node.url, '/node/health', { method: 'GET', headers: { accessToken: TOKEN } })).rejects.toThrow(/self.signed|certificate/i);
  });

  it('plain HTTP on the HTTPS port gets no answer', async () => {
    const plain = node.url.replace('https:', 'http:');
    const r = await rawRequest(plain, '/node/health', { method: 'GET', headers: { accessToken: TOKEN } }).catch((e: Error) => e);
    expect(r instanceof Error || (r as { status: number }).status === 400).toBe(true);
  });
});
