/**
 * Every failed start of the browser host, as a real child process: it must print
 * `Kassa cannot start: <cause>` (no stack trace), exit non-zero and never hang. And one kiosk
 * per data folder: a second one is refused naming the first one's pid; a lock left by a killed
 * kiosk is taken over.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { noStack, REPO, runHost, stopHost, type HostRun } from './host-child';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-start-'));
  dirs.push(d);
  return d;
};
const running: HostRun[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await stopHost(r);
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});
afterAll(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function demoRows(): Array<Record<string, unknown>> {
  const doc = JSON.parse(readFileSync(join(REPO, 'resources/catalog/demo-catalog.json'), 'utf8')) as { products: Array<Record<string, unknown>> };
  return doc.products.slice(0, 5);
}

/** A loopback port held by this process for the duration of the test. */
async function busyPort(): Promise<number> {
  const s = createServer();
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as { port: number }).port;
}

async function expectFailedStart(run: HostRun, code: number, message: RegExp): Promise<void> {
  expect(run.url, `host started instead of failing: ${run.stdout}`).toBeNull();
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).toMatch(/^Kassa cannot start: /m);
  expect(noStack(run.stderr + run.stdout)).toBe(true);
}

describe('a failed start says why and exits non-zero', () => {
  it('a catalog with one bad row and no previous catalog', async () => {
    const d = tmp();
    const rows = demoRows();
    rows[2]!.unitPriceCents = -5;
    writeFileSync(join(d, 'bad.json'), JSON.stringify(rows));
    const run = await runHost({ KASSA_DATA_DIR: join(d, 'data'), KASSA_CATALOG: join(d, 'bad.json') });
    await expectFailedStart(run, 1, /Kassa cannot start: catalog import refused, bad\.json: row 3: field unitPriceCents: must be between 1 and 10000000, got -5 \(and there is no previous catalog/);
    // The failed start released the data folder.
    expect(existsSync(join(d, 'data', 'kassa.lock'))).toBe(false);
  });

  it('the merchant node port in use', async () => {
    const port = await busyPort();
    const run = await runHost({ KASSA_DATA_DIR: tmp(), KASSA_NODE_PORT: String(port) });
    await expectFailedStart(run, 1, new RegExp(`Kassa cannot start: the Smarts merchant node cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(KASSA_NODE_PORT`));
  });

  it('the web port in use: exits (no hang, no host without a UI)', async () => {
    const port = await busyPort();
    const d = tmp();
    const run = await runHost({ KASSA_DATA_DIR: d, KASSA_WEB_PORT: String(port) }, 30_000);
    await expectFailedStart(run, 1, new RegExp(`Kassa cannot start: the browser host cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(KASSA_WEB_PORT`));
    expect(existsSync(join(d, 'kassa.lock'))).toBe(false);
  });

  it('the attendant console port in use: exits naming the setting, the data folder released', async () => {
    const port = await busyPort();
    const d = tmp();
    const run = await runHost({ KASSA_DATA_DIR: d, KASSA_ATTENDANT_PORT: String(port) }, 30_000);
    await expectFailedStart(run, 1, new RegExp(`Kassa cannot start: the attendant console cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(KASSA_ATTENDANT_PORT / attendant\\.port\\)`));
    expect(existsSync(join(d, 'kassa.lock'))).toBe(false);
  });

  it('a configuration file with a JSON syntax error names the file and place, never its text', async () => {
    const d = tmp();
    const secret = 'sw1p-s3cret-t0ken-DO-NOT-PRINT';
    writeFileSync(join(d, 'kassa.config.json'), `{\n  "swip": { "token": "${secret}" "baseUrl": "https://x.example" }\n}\n`);
    const run = await runHost({ KASSA_DATA_DIR: d });
    await expectFailedStart(run, 2, /Kassa cannot start: .*kassa\.config\.json is not valid JSON: syntax error at line 2, column \d+/);
    expect(run.stderr + run.stdout).not.toContain('s3cret');
  });

  it('a configuration field out of range', async () => {
    const d = tmp();
    writeFileSync(join(d, 'kassa.config.json'), JSON.stringify({ sandboxes: true, store: { cashRoundingCents: 0 } }));
    const run = await runHost({ KASSA_DATA_DIR: d });
    await expectFailedStart(run, 2, /Kassa cannot start: configuration field "store\.cashRoundingCents"/);
  });

  it.each([
    ['KASSA_LOG_LEVEL', 'verbose', /KASSA_LOG_LEVEL must be one of debug, info, warn, error, got "verbose"/],
    ['KASSA_WEB_PORT', '70000', /KASSA_WEB_PORT must be a port number 0–65535, got "70000"/],
    ['KASSA_SCANNER_BAUD', '9601', /KASSA_SCANNER_BAUD must be one of 1200, .*, got "9601"/],
    ['KASSA_SWIP_URL', 'file:///etc/passwd', /KASSA_SWIP_URL must be an http:\/\/ or https:\/\/ URL/],
    ['KASSA_CATALOG', ' ', /KASSA_CATALOG is set but empty/],
  ])('environment variable %s=%j is refused', async (name, value, message) => {
    const run = await runHost({ KASSA_DATA_DIR: tmp(), [name]: value });
    await expectFailedStart(run, 2, message);
  });
});

describe('one kiosk per data folder', () => {
  it('a second kiosk on the same folder is refused naming the first one, which keeps running', async () => {
    const d = tmp();
    const first = await runHost({ KASSA_DATA_DIR: d });
    running.push(first);
    expect(first.url, first.stderr).not.toBeNull();
    const second = await runHost({ KASSA_DATA_DIR: d });
    await expectFailedStart(second, 1, new RegExp(`Kassa cannot start: data folder ${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${first.proc.pid}`));
    // The refused kiosk did not take or remove the first one's lock.
    expect(JSON.parse(readFileSync(join(d, 'kassa.lock'), 'utf8'))).toMatchObject({ pid: first.proc.pid });
    const res = await fetch(first.url!);
    expect(res.status).toBeLessThan(500);
    // A clean stop removes the lock.
    expect(await stopHost(first)).toBe(0);
    expect(existsSync(join(d, 'kassa.lock'))).toBe(false);
  });

  it('the lock of a killed kiosk is taken over', async () => {
    const d = tmp();
    const first = await runHost({ KASSA_DATA_DIR: d });
    expect(first.url, first.stderr).not.toBeNull();
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(JSON.parse(readFileSync(join(d, 'kassa.lock'), 'utf8'))).toMatchObject({ pid: first.proc.pid });
    const second = await runHost({ KASSA_DATA_DIR: d, KASSA_LOG_LEVEL: 'warn' });
    running.push(second);
    expect(second.url, second.stderr).not.toBeNull();
    expect(second.stderr).toContain('took over a stale data folder lock');
    expect(JSON.parse(readFileSync(join(d, 'kassa.lock'), 'utf8'))).toMatchObject({ pid: second.proc.pid });
  });
});
