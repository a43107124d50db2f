import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKiosk } from '../app/kiosk';
import { tempDataDir } from '../config/load';
import { ConfigError } from '../config/load';
import { createLog } from '../log';
import { startWebHost } from './web-host';

/**
 * Entry point of the browser host (`npm run host`): the kiosk engine in Node, the renderer
 * over HTTP, the contract over a WebSocket. Prints the URL when ready.
 */
async function main(): Promise<void> {
  const log = createLog('host');
  const here = dirname(fileURLToPath(import.meta.url));
  const repo = resolve(here, '..', '..');
  const env = process.env;
  try {
    const kiosk = await startKiosk({
      env,
      resourcesDir: env.KASSA_RESOURCES_DIR ?? join(repo, 'resources'),
      defaultDataDir: tempDataDir,
      log,
      manualClock: env.KASSA_TEST_HOOKS === '1',
    });
    const web = await startWebHost({
      kiosk,
      rendererDir: env.KASSA_RENDERER_DIR ?? join(repo, 'dist', 'renderer'),
      host: kiosk.loaded.config.web.host,
      port: kiosk.loaded.config.web.port,
      log: log.child('web'),
      testHooks: env.KASSA_TEST_HOOKS === '1',
    });
    process.stdout.write(`Kassa browser host ready at ${web.url} (data: ${kiosk.loaded.dataDir}, mode: ${kiosk.loaded.mode})\n`);
    const stop = async () => {
      await web.close();
      await kiosk.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`Kassa cannot start: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

process.on('uncaughtException', (e) => {
  process.stderr.write(`uncaught: ${e.stack ?? e}\n`);
});
void main();
