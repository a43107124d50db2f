/**
 * `npm start` / `npm run dev`: finds the Electron binary first and, where none is installed
 * (ELECTRON_SKIP_BINARY_DOWNLOAD, no network), says in one sentence what to do instead of
 * letting Electron's own installer try a download and end in a stack trace. Then builds and
 * runs `electron .`, passing its exit code on.
 *
 *   tsx tools/electron-start.ts [--dev]
 */
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary';

function main(): number {
  const found = electronBinary();
  if (found.path === null) {
    process.stderr.write(`Kassa cannot start in Electron: ${found.why}. Run the same kiosk in a browser with \`npm run host\` (no Electron binary needed), or install Electron's binary with network access.\n`);
    return 1;
  }
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  const env = process.argv.includes('--dev') ? { ...process.env, KASSA_DEV: '1' } : process.env;
  const run = spawnSync(found.path, ['.'], { stdio: 'inherit', env });
  return run.status ?? 1;
}

process.exit(main());
