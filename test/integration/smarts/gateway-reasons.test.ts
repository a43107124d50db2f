/** The outbox keeps a status and a short, sanitized reason from a refusing gateway, never its raw body. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { memoryLog } from '../../../electron/log';
import { manualClock } from '../../../electron/smarts/clock';
import { MAX_REASON_LENGTH, SmartsGateway } from '../../../electron/smarts/gateway';
import { SmartsOutbox } from '../../../electron/smarts/outbox';
import { PurchaseCheckStore } from '../../../electron/smarts/checks';
import { makeCheckRequest } from '../../../electron/sandbox/smarts/requests';

function gatewayAnswering(status: number, body: string) {
  const fetchImpl = (async () => new Response(body, { status, headers: { 'content-type': 'text/html' } })) as typeof fetch;
  return new SmartsGateway({ baseUrl: 'http://gateway.invalid', accessToken: 'gw-token-123456', log: memoryLog('gw'), fetchImpl });
}

async function failedRow(status: number, body: string) {
  const db = new Database(':memory:');
  const clock = manualClock();
  const log = memoryLog('outbox');
  const store = new PurchaseCheckStore(db, clock, log);
  store.receive(makeCheckRequest({ invoiceId: 'R-1', products: [{ name: 'Õlu', priceCents: 229, minAge: 18 }] }), () => ({ decision: 'AGE', reasons: [] }));
  store.resolve('R-1', 'passed', null, 'sup');
  const outbox = new SmartsOutbox(db, gatewayAnswering(status, body), log, clock);
  await outbox.flush();
  const rows = outbox.rows();
  db.close();
  return { row: rows[0]!, log };
}

describe('gateway refusals in the outbox', () => {
  it('an HTML or echoing error page leaves only the status', async () => {
    const { row, log } = await failedRow(400, `<html><body>Bad request from accessToken=gw-token-123456 ${'x'.repeat(10_000)}</body></html>`);
    expect(row).toMatchObject({ state: 'failed', lastError: 'HTTP 400' });
    expect(JSON.stringify(log.lines)).not.toContain('gw-token-123456');
  });

  it('a JSON error keeps its code, stripped of control/bidi characters and cut short', async () => {
    const { row } = await failedRow(422, JSON.stringify({ error: `invoice\u202E unknown\u0000 <script>${'y'.repeat(500)}`, detail: 'secret stack trace' }));
    expect(row.state).toBe('failed');
    expect(row.lastError).toMatch(/^HTTP 422: invoice unknown script y+$/);
    expect(row.lastError!.length).toBeLessThanOrEqual('HTTP 422: '.length + MAX_REASON_LENGTH);
    expect(row.lastError).not.toContain('secret');
  });

  it('a retryable 503 keeps a sanitized reason too', async () => {
    const { row } = await failedRow(503, JSON.stringify({ message: 'maintenance until 18:00' }));
    expect(row).toMatchObject({ state: 'pending', lastError: 'HTTP 503: maintenance until 18:00' });
  });
});
