import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKiosk, type Kiosk } from '../app/kiosk';
import { exitCodeFor, listenFailure, startupMessage } from '../app/startup';
import { tempDataDir } from '../config/load';
import { createLog } from '../log';
import { startWebHost } from './web-host';
import { startAttendant } from '../app/attendant';

/**
 * Entry point of the browser host (`npm run host`): the kiosk engine in Node, the renderer
 * over HTTP, the contract over a WebSocket. Prints the URL when ready. A failed start prints
 * `Kassa cannot start: <cause>` and exits non-zero (2: configuration, 1: anything else).
 */
/** A failed start must end the process even if a half-started part does not close. */
const CLOSE_GRACE_MS = 3000;

async function main(): Promise<void> {
  const log = createLog('host');
  const here = dirname(fileURLToPath(import.meta.url));
  const repo = resolve(here, '..', '..');
  const env = process.env;
  let kiosk: Kiosk | null = null;
  try {
    kiosk = await startKiosk({
      env,
      resourcesDir: env.KASSA_RESOURCES_DIR ?? join(repo, 'resources'),
      defaultDataDir: tempDataDir,
      log,
      manualClock: env.KASSA_TEST_HOOKS === '1',
    });
    const { host, port } = kiosk.loaded.config.web;
    const web = await startWebHost({
      kiosk,
      rendererDir: env.KASSA_RENDERER_DIR ?? join(repo, 'dist', 'renderer'),
      host,
      port,
      log: log.child('web'),
      testHooks: env.KASSA_TEST_HOOKS === '1',
    }).catch((e: unknown) => {
      throw listenFailure(e, 'the browser host', 'KASSA_WEB_PORT / web.port', host, port);
    });
    const rendererDir = env.KASSA_RENDERER_DIR ?? join(repo, 'dist', 'renderer');
    const attendant = await startAttendant(kiosk, rendererDir, log).catch(async (e: unknown) => {
      await web.close();
      throw e;
    });
    process.stdout.write(`Kassa browser host ready at ${web.url} (data: ${kiosk.loaded.dataDir}, mode: ${kiosk.loaded.mode})\n`);
    if (attendant) process.stdout.write(`Kassa attendant console: ${attendant.url}\n`);
    if (kiosk.catalogNotice) process.stderr.write(`Kassa: catalog file refused, the previous catalog stays in force: ${kiosk.catalogNotice.reason}\n`);
    const k = kiosk;
    const stop = async () => {
      await attendant?.close();
      await web.close();
      await k.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  } catch (e) {
    await failedStart(e, kiosk);
  }
}

async function failedStart(e: unknown, kiosk: Kiosk | null): Promise<never> {
  process.stderr.write(`${startupMessage(e)}\n`);
  // Close what did start (the data folder's lock, the databases), but never hang on it.
  if (kiosk) await Promise.race([kiosk.close().catch(() => undefined), new Promise((r) => setTimeout(r, CLOSE_GRACE_MS))]);
  process.exit(exitCodeFor(e));
}

process.on('uncaughtException', (e) => {
  process.stderr.write(`uncaught: ${e.stack ?? e}\n`);
});
void main().catch((e: unknown) => failedStart(e, null));
