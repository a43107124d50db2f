/** HTTPS mode: like a real terminal's local endpoint, with a self-signed certificate the client trusts. */
import { request } from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../../electron/sandbox/terminal';
import { diagnosisRequest, startSim, type Json } from './nexo';

let sim: TerminalSimulator;
afterEach(async () => {
  await sim.close();
});

function postTls(url: string, body: Json, ca: string | undefined): Promise<{ status: number; json: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('terminal simulator over HTTPS', () => {
  it('answers on https://…/nexo with its own certificate; a client without it is refused by TLS', async () => {
    sim = await startSim({ tls: true });
    expect(sim.nexoUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/nexo$/);
    expect(sim.certificate).toContain('BEGIN CERTIFICATE');
    const a = await postTls(sim.nexoUrl, diagnosisRequest(), sim.certificate!);
    expect(a.status).toBe(200);
    expect(a.json.SaleToPOIResponse.DiagnosisResponse.POIStatus.GlobalStatus).toBe('OK');
    await expect(postTls(sim.nexoUrl, diagnosisRequest(), undefined)).rejects.toThrow(/self.signed|certificate/i);
  });
});
