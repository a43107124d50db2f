/**
 * Nothing stored from outside can break the staff console: a check row with a poison price (as an
 * older node stored it) is shown as "cannot be displayed" and logged once; the other checks, the
 * PIN pad and the rest of the console keep working.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmarts, type SmartsPart } from '../../../electron/app/smarts';
import { DEFAULT_CONTROL_RULES } from '../../../electron/checkout/purchase-control';
import { configSchema } from '../../../electron/config/schema';
import { ManualClock } from '../../../electron/engine/clock';
import type { KioskEngine } from '../../../electron/engine/engine';
import { openJournalDb, type JournalDb } from '../../../electron/journal/db';
import { memoryLog } from '../../../electron/log';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';
import { BADGE, PIN, startEngine, type EngineHarness } from '../engine/harness';
import { rawRequest } from './http-client';

let h: EngineHarness | undefined;
let part: SmartsPart | null = null;
let db: JournalDb | undefined;
let dir: string | undefined;
afterEach(async () => {
  await part?.close();
  db?.close();
  h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  part = null;
  db = undefined;
  h = undefined;
  dir = undefined;
});

async function startPart(config: unknown = {}) {
  dir = mkdtempSync(join(tmpdir(), 'kassa-poison-'));
  db = openJournalDb(join(dir, 'smarts.db'));
  const log = memoryLog('smarts');
  const clock = new ManualClock(Date.parse('2026-11-23T10:00:00Z'));
  const engine = { publish: () => undefined } as unknown as KioskEngine;
  part = await startSmarts({ config: configSchema.parse(config), mode: 'demo', engine, db, clock, log, rules: { ...DEFAULT_CONTROL_RULES, sampling: { rate: 0, seed: 1 } } });
  return { log, part: part! };
}

describe('staff console with a poison Smarts row in storage', () => {
  it('builds the view row by row: the poison row "cannot be displayed", logged once; the PIN still answers', async () => {
    const { log, part: p } = await startPart();
    const good = makeCheckRequest({ invoiceId: 'GOOD-1', products: [{ id: 'BEER', name: 'Õlu', priceCents: 229, minAge: 18 }] });
    expect(await p.sandbox!.sendCheck(good)).toMatchObject({ status: 200, body: { decision: 'AGE' } });
    // Written straight into storage, bypassing the node (as a pre-fix node would have stored it).
    const poison = makeCheckRequest({ invoiceId: 'POISON-1', products: [{ id: 'X', name: 'X', priceCents: 100 }] }) as { products: Array<{ price: { total: number } }> };
    poison.products[0]!.price.total = 1e20;
    db!.prepare(`INSERT INTO smarts_checks (invoice_id, institution_id, person_id, lang, products_json, decision, reasons_json, status, received_at)
      VALUES ('POISON-1', 'i', 'p', 'et', ?, 'FULL', '[]', 'pending', ?)`).run(JSON.stringify(poison.products), Date.parse('2026-11-23T10:00:01Z'));
    db!.prepare(`INSERT INTO smarts_checks (invoice_id, institution_id, person_id, lang, products_json, decision, reasons_json, status, received_at)
      VALUES ('BROKEN-JSON', 'i', 'p', 'et', '{not json', 'AGE', '[]', 'pending', ?)`).run(Date.parse('2026-11-23T10:00:02Z'));

    h = startEngine({ smarts: p.port });
    await h.engine.dispatch('basket/scan', { code: BADGE, source: 'panel' });
    expect(h.engine.view().supervisor?.phase).toBe('pin');
    expect((await h.engine.dispatch('supervisor/pin', { pin: PIN })).ok).toBe(true);
    for (let i = 0; i < 3; i++) h.engine.view(); // several ticks
    const checks = h.engine.view().supervisor!.smartsChecks;
    const byId = Object.fromEntries(checks.map((c) => [c.invoiceId, c]));
    expect(Object.keys(byId).sort()).toEqual(['BROKEN-JSON', 'GOOD-1', 'POISON-1']);
    expect(byId['POISON-1']).toMatchObject({ unreadable: true, products: [], status: 'pending', decision: 'FULL' });
    expect(byId['BROKEN-JSON']).toMatchObject({ unreadable: true, products: [] });
    expect(byId['GOOD-1']!.unreadable).toBeUndefined();
    expect(byId['GOOD-1']!.products).toEqual([expect.objectContaining({ name: 'Õlu', totalCents: 229, minAge: 18, quantity: 1 })]);
    const logged = log.lines.filter((l) => l.msg === 'Smarts check cannot be displayed');
    expect(logged.map((l) => l.invoiceId).sort()).toEqual(['BROKEN-JSON', 'POISON-1']);
    // The staff can still act: the poison check can be failed, the good one passed.
    expect((await h.engine.dispatch('supervisor/resolveSmarts', { invoiceId: 'POISON-1', status: 'FAILED' })).ok).toBe(true);
    expect((await h.engine.dispatch('supervisor/resolveSmarts', { invoiceId: 'GOOD-1', status: 'PASSED' })).ok).toBe(true);
    expect(h.engine.view().supervisor!.smartsChecks.find((c) => c.invoiceId === 'POISON-1')).toMatchObject({ status: 'failed', unreadable: true });
  });

  it('serves HTTPS when smarts.tls names a certificate and key; an unreadable file is a configuration error naming the field', async () => {
    const certDir = mkdtempSync(join(tmpdir(), 'kassa-tls-cfg-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
      const token = 'cfg-node-token-0123456789';
      const { part: p } = await startPart({ smarts: { nodeToken: token, tls: { certFile: join(certDir, 'cert.pem'), keyFile: join(certDir, 'key.pem') } } });
      expect(p.nodeUrl).toMatch(/^https:/);
      const { readFileSync } = await import('node:fs');
      const r = await rawRequest(p.nodeUrl, '/node/health', { method: 'GET', headers: { accessToken: token }, ca: readFileSync(join(certDir, 'cert.pem')) });
      expect(r.status).toBe(200);
      await p.close();
      part = null;
      db?.close();
      db = undefined;
      await expect(startPart({ smarts: { nodeToken: token, tls: { certFile: join(certDir, 'missing.pem'), keyFile: join(certDir, 'key.pem') } } })).rejects.toThrow(
        /configuration field "smarts\.tls\.certFile": cannot read .*missing\.pem \(ENOENT\)/,
      );
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
  });
});
