/**
 * The attendant console of a store (issue 15), end to end over real parts: a nats-server with
 * the store's generated configuration (a user per role), the store node as its own process
 * (dist/store/main.mjs, what `npm run store` runs) serving the console, and one kiosk browser
 * host on the store bus as lane K07 (`store.kioskId`), purchase checks sampled at rate 1. The
 * attendant signs in on the store node's console with badge + PIN (the store node's own
 * supervisor directory: `supervisors` with a pinHash in its kassa.config.json), sees the lane lock
 * at Pay within a second of the kiosk, passes the check, and the kiosk goes on to payment; the
 * sign-in is audited at the store node, the pass at the kiosk (attendant, console, lane).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { storeServerConfig } from '../../electron/store/nats-config';
import { startNats, type NatsProcess } from '../support/nats';
import { test as base, expect, REPO, SAMPLES, spawnUntil, stopProcess } from './support/fixtures';
import { RULES_NO_SAMPLING, scanAndWait, startInEnglish, storeConfig, STORE_SUPERVISOR } from './support/shop';

const [MILK, BREAD] = SAMPLES.piece as [string, string];
const STORE = 'S1';
const LANE = 'K07';
const NODE = { user: 'store-node', password: 'e2e-store-node-secret' };
const KIOSK = { user: `kiosk-${LANE}`, password: 'e2e-kiosk-secret-k07' };

interface StoreUnderTest {
  nats: NatsProcess;
  dataDir: string;
  consoleUrl: string;
  output(): string;
}

/** Starts the store node process on `dataDir` and answers its console URL (printed when ready). */
async function startStoreNode(dataDir: string): Promise<{ proc: ChildProcess; consoleUrl: string; output: () => string }> {
  const env = { KASSA_DATA_DIR: dataDir, KASSA_NATS_PASSWORD: NODE.password, KASSA_LOG_LEVEL: 'warn', KASSA_RENDERER_DIR: join(REPO, 'dist/renderer') };
  const { proc, found, output } = await spawnUntil('dist/store/main.mjs', env, /Kassa attendant console: (http:\/\/\S+)/, 'store node');
  return { proc, consoleUrl: found, output };
}

/** The audit rows of a journal (read-only: its process still has it open). */
function auditRows(file: string): Array<{ action: string; supervisor_badge: string; detail: string | null }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT action, supervisor_badge, detail FROM audit_log ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

/** When (page clock, ms since epoch) `selector` first matches in `page`: a MutationObserver, no polling. */
function appears(page: Page, selector: string): Promise<number> {
  return page.evaluate(
    (sel) =>
      new Promise<number>((resolve) => {
        const check = () => {
          if (!document.querySelector(sel)) return;
          obs.disconnect();
          resolve(Date.now());
        };
        const obs = new MutationObserver(check);
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
        check();
      }),
    selector,
  );
}

const test = base.extend<{ store: StoreUnderTest }>({
  // Playwright reads the fixtures a function needs from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  store: async ({}, use, testInfo) => {
    const nats = await startNats((js, port) => storeServerConfig({ storeId: STORE, port, storeDir: js, storeNode: NODE, kiosks: [{ laneId: LANE, ...KIOSK }] }));
    const dataDir = mkdtempSync(join(tmpdir(), 'kassa-e2e-store-'));
    let node: Awaited<ReturnType<typeof startStoreNode>> | null = null;
    try {
      // Store mode: the store node's supervisor directory is its own (config `supervisors`, PIN ≥ 6 digits).
      const { supervisors } = storeConfig();
      writeFileSync(
        join(dataDir, 'kassa.config.json'),
        JSON.stringify({ sandboxes: true, printer: { kind: 'none' }, languages: { default: 'en', available: ['en', 'et', 'pl', 'ru'] }, smarts: { nodeToken: 'e2e-store-node-token-0123456789' }, supervisors, storeBus: { storeId: STORE, natsUrl: [nats.url], user: NODE.user } }),
      );
      node = await startStoreNode(dataDir);
      await use({ nats, dataDir, consoleUrl: node.consoleUrl, output: node.output });
    } finally {
      if (node && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('store node output', { body: node.output(), contentType: 'text/plain' });
      if (node) await stopProcess(node.proc);
      await nats.kill();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  // The kiosk (started by the fixture after the store) is lane K07 on the store bus, every session sampled.
  kioskOptions: async ({ store }, use) => {
    await use({
      config: storeConfig({
        store: { kioskId: LANE },
        storeBus: { storeId: STORE, natsUrl: [store.nats.url], user: KIOSK.user },
        purchaseControl: { ...RULES_NO_SAMPLING, sampling: { rate: 1, seed: 15 } },
      }),
      env: { KASSA_NATS_PASSWORD: KIOSK.password },
    });
  },
});

test('store bus: the store console sees lane K07 lock at Pay within a second; the attendant passes the check; the kiosk goes on to pay', async ({ store, kiosk }) => {
  // About 15 s on an idle machine; the margin is for a loaded CI machine.
  test.setTimeout(60_000);
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  await scanAndWait(kiosk, BREAD, 2);

  const phone = await kiosk.phone();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(store.consoleUrl);
  await phone.getByLabel('Badge').fill(STORE_SUPERVISOR.badge);
  await phone.getByLabel('PIN').fill(STORE_SUPERVISOR.pin);
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await expect(phone.getByText(`Signed in as ${STORE_SUPERVISOR.name}`)).toBeVisible();
  // The lane arrives over NATS (the store node's registry); the kiosk runs no console of its own.
  const lane = phone.locator(`[data-lane="${LANE}"]`);
  await expect(lane).toHaveAttribute('data-status', 'shopping');
  expect(kiosk.hostOutput()).not.toContain('Kassa attendant console:');

  // Pay: the kiosk locks for the sampled check; both pages stamp the moment they show it.
  const kioskLocked = appears(page, '#lock-title');
  const consoleLocked = appears(phone, `[data-lane="${LANE}"][data-status="locked"]`);
  await page.getByRole('button', { name: 'Pay with SWiP' }).click();
  await expect(page.getByRole('dialog', { name: 'Please wait — a member of staff is on the way' })).toBeVisible();
  await expect(lane).toHaveAttribute('data-status', 'locked');
  // Negative when the console drew first: the kiosk page and the store get the change in parallel.
  const lag = (await consoleLocked) - (await kioskLocked);
  process.stdout.write(`store console: lane lock visible ${lag} ms after the kiosk showed it\n`);
  expect(lag).toBeLessThan(1000);

  await lane.click();
  await expect(phone.getByRole('heading', { name: `Lane ${LANE}` })).toBeVisible();
  await expect(phone.getByRole('group', { name: 'What it needs' })).toContainText('Random check');
  await phone.getByRole('button', { name: 'Pass check' }).click();
  await expect(phone.getByTestId('feedback')).toHaveText(`Done: Pass check on lane ${LANE}.`);
  // The kiosk unlocks and continues to SWiP without a second Pay.
  await expect(page.getByText('Thank you — you can pay now.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'SWiP payment code' })).toBeVisible();
  await expect(phone.getByTestId('lane-status')).toContainText('Paying');
  const view = await kiosk.view();
  expect(view.lock).toBeNull();
  expect(view.state).toBe('paying');
  // Audited: the sign-in at the store node, the pass at the kiosk (with the attendant and the console).
  expect(auditRows(join(store.dataDir, 'store.db')).map((r) => [r.action, r.supervisor_badge])).toEqual([['console-login', STORE_SUPERVISOR.badge]]);
  const kioskAudit = auditRows(join(kiosk.dataDir, 'journal.db')).filter((r) => r.action === 'pass-check');
  expect(kioskAudit.map((r) => [r.supervisor_badge, JSON.parse(r.detail ?? '{}')])).toEqual([[STORE_SUPERVISOR.badge, { via: expect.stringMatching(/^console:/), lane: LANE }]]);
  await phone.close();
});
