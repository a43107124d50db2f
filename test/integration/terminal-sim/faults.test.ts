/** Slow answers, going offline (refused / unreachable), reset, the control API's loopback rule and the page. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalSimulator } from '../../../electron/sandbox/terminal';
import { control, diagnosisRequest, nexo, paymentRequest, paymentResponse, startSim } from './nexo';

let sim: TerminalSimulator;
afterEach(async () => {
  await sim.close();
});

async function refusedWithin(url: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      await fetch(url, { method: 'POST', body: '{}' });
    } catch (e) {
      const code = ((e as Error).cause as { code?: string } | undefined)?.code;
      if (code === 'ECONNREFUSED') return true;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

describe('terminal simulator: faults', () => {
  it('answers slowly: the next answer waits the delay', async () => {
    sim = await startSim();
    await control(sim, 'delay', { ms: 2000 });
    const t0 = Date.now();
    await nexo(sim, diagnosisRequest());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1980);
    // Only the next answer waits: this one is not delayed (loose bound for a loaded machine).
    const t1 = Date.now();
    await nexo(sim, diagnosisRequest());
    expect(Date.now() - t1).toBeLessThan(1500);
  });

  it('offline "refused": connections are refused; it comes back after forMs on the same port', async () => {
    sim = await startSim();
    const url = sim.nexoUrl;
    expect((await control(sim, 'offline', { mode: 'refused', forMs: 400 })).status).toBe(200);
    expect(await refusedWithin(url, 300)).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.nexoUrl).toBe(url);
    expect((await nexo(sim, diagnosisRequest())).status).toBe(200);
  });

  it('offline "unreachable": /nexo never answers (the client times out); control still works; online restores', async () => {
    sim = await startSim();
    await control(sim, 'offline', { mode: 'unreachable' });
    await expect(nexo(sim, diagnosisRequest(), AbortSignal.timeout(200))).rejects.toThrow();
    expect((await control(sim, 'state')).json.offline).toBe('unreachable');
    await control(sim, 'online');
    expect((await nexo(sim, diagnosisRequest())).status).toBe(200);
  });

  it('reset forgets the ledger, used ServiceIDs and faults', async () => {
    sim = await startSim({ auto: { outcome: 'approve', afterMs: 0 } });
    const req = paymentRequest(1);
    await nexo(sim, req);
    await control(sim, 'lose-answer', { times: 3 });
    await control(sim, 'reset');
    expect((await control(sim, 'ledger')).json).toEqual([]);
    expect(paymentResponse(await nexo(sim, req)).Response.Result).toBe('Success');
  });

  it('the customer page offers the terminal steps as labelled buttons', async () => {
    sim = await startSim();
    const res = await fetch(`${sim.url}/terminal`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    for (const id of ['insert', 'tap', 'pin-ok', 'pin-clear', 'approve', 'decline', 'remove', 'cancel']) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('aria-label="PIN pad"');
    expect(html).toContain('<label for="reason">');
    expect(html).not.toMatch(/src="http|href="http/);
  });

  it('bad control bodies are 400, unknown routes 404', async () => {
    sim = await startSim();
    expect((await control(sim, 'decline', { reason: 'because' })).status).toBe(400);
    expect((await control(sim, 'enter-pin', { pin: '12' })).status).toBe(400);
    expect((await control(sim, 'nothing', {})).status).toBe(404);
  });
});
