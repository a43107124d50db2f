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
/** Names of failed tests with the first line of their error, repeated in the summary so a CI log's tail says what broke. */
const failures: string[] = [];

type VitestReport = {
  numPassedTests: number; numFailedTests: number; numPendingTests?: number; numTodoTests?: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
};
function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n').map((l) => l.trim()).find((l) => l.length > 0)?.slice(0, 240) ?? '';
}
function collectVitest(file: string): VitestReport | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
  for (const f of r.testResults) {
    const rel = f.name.replace(process.cwd() + '/', '');
    const failedTests = f.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failedTests) failures.push(`${rel} › ${a.fullName}: ${firstLine(a.failureMessages?.join('\n'))}`);
    if (f.status === 'failed' && failedTests.length === 0) failures.push(`${rel}: ${firstLine(f.message)}`);
  }
  return r;
}
type PwSuite = { title: string; file?: string; specs?: { title: string; tests: { projectName: string; status: string; results: { error?: { message?: string } }[] }[] }[]; suites?: PwSuite[] };
function collectPlaywright(suites: PwSuite[], path: string[] = []): void {
  for (const s of suites) {
    const here = s.file && path.length === 0 ? [s.file] : [...path, s.title];
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'unexpected') continue;
        const err = t.results.map((x) => x.error?.message).find(Boolean);
        failures.push(`[${t.projectName}] ${[...here, spec.title].join(' › ')}: ${firstLine(err?.replace(/\u001b\[[0-9;]*m/g, ''))}`);
      }
    }
    collectPlaywright(s.suites ?? [], here);
  }
}

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
  const r = collectVitest('artifacts/vitest.json');
  if (r) {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  }
}
if (!only || only === 'e2e') {
  const built = run('build', 'npm', ['run', 'build', '--silent']);
  if (built) {
    run('packaging', 'npx', ['vitest', 'run', '--config', 'vitest.package.config.ts', '--reporter=default', '--reporter=json', '--outputFile=artifacts/vitest-package.json']);
    const r = collectVitest('artifacts/vitest-package.json');
    if (r) {
      passed += r.numPassedTests;
      failed += r.numFailedTests;
    }
    run('end-to-end', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'artifacts/playwright.json' });
    if (existsSync('artifacts/playwright.json')) {
      const r = JSON.parse(readFileSync('artifacts/playwright.json', 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites?: PwSuite[] };
      collectPlaywright(r.suites ?? []);
      passed += r.stats.expected + r.stats.flaky;
      failed += r.stats.unexpected;
      skipped += r.stats.skipped;
    }
  }
}

process.stdout.write('\n=== summary\n');
for (const s of steps) process.stdout.write(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${(s.ms / 1000).toFixed(1)} s)\n`);
for (const f of failures) process.stdout.write(`  failed: ${f}\n`);
const allOk = steps.every((s) => s.ok);
if (!allOk && failed === 0) failed = steps.filter((s) => !s.ok).length; // a failed lint/type/build step counts as a failure
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(allOk ? 0 : 1);
