import { defineConfig } from 'vitest/config';

/** The packaging check: runs after `npm run build`, assembles the app with electron-builder --dir. */
export default defineConfig({
  test: { include: ['test/package/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, pool: 'forks' },
});
