/**
 * `npm test`: lint, type-check, build, unit + integration (vitest), end-to-end (Playwright in
 * Chromium through the browser host; the Electron project runs where an Electron binary
 * exists). Ends with one line "tests: N passed, N failed" and a non-zero exit on any failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

type Step = { name: string; ok: boolean; ms: number };
const steps: Step[] = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name: string, cmd: string, args: string[], env: Record<string, string> = {}): boolean {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  steps.push({ name, ok, ms: Date.now() - t0 });
  return ok;
}

mkdirSync('artifacts', { recursive: true });
const only = process.argv[2];

if (!only || only === 'static') {
  run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
  run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
}
if (!only || only === 'unit') {
  run('unit+integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=artifacts/vitest.json']);
  if (existsSync('artifacts/vitest.json')) {
    const r = JSON.parse(readFileSync('artifacts/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
}
if (!only || only === 'e2e') {
  const built = run('build', 'npm', ['run', 'build', '--silent']);
  if (built) {
    run('packaging', 'npx', ['vitest', 'run', '--config', 'vitest.package.config.ts', '--reporter=default', '--reporter=json', '--outputFile=artifacts/vitest-package.json']);
    if (existsSync('artifacts/vitest-package.json')) {
      const r = JSON.parse(readFileSync('artifacts/vitest-package.json', 'utf8')) as { numPassedTests: number; numFailedTests: number };
      passed += r.numPassedTests;
      failed += r.numFailedTests;
    }
    run('end-to-end', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'artifacts/playwright.json' });
    if (existsSync('artifacts/playwright.json')) {
      const r = JSON.parse(readFileSync('artifacts/playwright.json', 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
      passed += r.stats.expected + r.stats.flaky;
      failed += r.stats.unexpected;
      skipped += r.stats.skipped;
    }
  }
}

process.stdout.write('\n=== summary\n');
for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${(s.ms / 1000).toFixed(1)} s)\n`);
const allOk = steps.every((s) => s.ok);
if (!allOk && failed === 0) failed = steps.filter((s) => !s.ok).length; // a failed lint/type/build step counts as a failure
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(allOk ? 0 : 1);
