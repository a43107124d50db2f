/**
 * Builds the Node-side bundles with esbuild: Electron main and preload (CommonJS, as Electron's
 * sandboxed preload requires) and the browser host (ESM). Every npm package stays external:
 * native modules (better-sqlite3, serialport) must never be bundled.
 */
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node' as const, target: 'node22', sourcemap: true, logLevel: 'warning' as const, packages: 'external' as const };

await Promise.all([
  // import.meta.url (the catalog's index worker resolves better-sqlite3 from it) as in ESM.
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'], define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'], packages: undefined }),
  build({ ...common, entryPoints: ['electron/host/main.ts'], outfile: 'dist/host/main.mjs', format: 'esm' }),
  build({ ...common, entryPoints: ['electron/store/main.ts'], outfile: 'dist/store/main.mjs', format: 'esm' }),
  // The catalog import worker (electron/catalog/import-thread.ts) beside each bundle that may run
  // a kiosk: it is found from the bundle's own URL with the bundle's extension.
  build({ ...common, entryPoints: ['electron/catalog/import-worker.ts'], outfile: 'dist/electron/catalog-import-worker.cjs', format: 'cjs', define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } }),
  ...['host', 'store'].map((dir) => build({ ...common, entryPoints: ['electron/catalog/import-worker.ts'], outfile: `dist/${dir}/catalog-import-worker.mjs`, format: 'esm' })),
]);
process.stdout.write('built dist/electron/main.cjs, dist/electron/preload.cjs, dist/host/main.mjs, dist/store/main.mjs and the catalog import workers\n');
