/**
 * "Look up item" picker latency in the real kiosk (browser host + Chromium), with a
 * 1,000,000-product catalog of which 2,000 are look-up items (BENCH_QUICK=1: 100,000 / 2,000):
 *
 * - picker open: the "Look up item" button clicked → the first tiles painted;
 * - name search: an on-screen keyboard key clicked → the results for the new text painted.
 *
 *   npx tsx test/bench/lookup.bench.ts     (BENCH_LOOKUP_N products, BENCH_LOOKUP_ITEMS look-up items, BENCH_QUICK=1, KASSA_CHROMIUM)
 *
 * The catalog is written as a CSV file (with the optional lookup/plu/image columns) into a
 * temporary folder and imported by the host at start (KASSA_CATALOG). Look-up items get
 * produce and bakery categories and synthetic four-language names. Times are taken in the page
 * (performance.now()): click() → a MutationObserver sees the awaited DOM → two animation frames
 * (the frame that paints it). "Results painted" means the engine's answer for exactly the typed
 * text is on screen: the browse area carries the engine's query (`data-query`).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generate, queries, rng } from './synthetic-catalog';
import { HEADER, loadNote, QUICK, row, sleep, summarize } from './stats';

const REPO = resolve(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_LOOKUP_N ?? (QUICK ? 100_000 : 1_000_000));
const ITEMS = Number(process.env.BENCH_LOOKUP_ITEMS ?? 2000);
const OPENS = QUICK ? 20 : 60;
const QUERIES = QUICK ? 15 : 40;
const CHROMIUM = process.env.KASSA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOOKUP_CATEGORIES = ['fruit', 'vegetables', 'bakery'];
const PICTURES = ['fruit/bananas.svg', 'fruit/apple-golden.svg', 'vegetables/tomatoes.svg', 'bakery/bread-roll.svg', 'bakery/baguette.svg'];

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const euros = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** Writes the synthetic catalog as CSV; every (N / ITEMS)-th product is a look-up item. */
async function writeCatalog(file: string): Promise<void> {
  const rows = generate(N) as Array<{ sku: string; barcodes: string[]; name: Record<string, string>; unitPriceCents: number; vatRateBp: number; unit: string; soldByWeight: boolean; category: string; ageLimit: number | null }>;
  const every = Math.max(1, Math.floor(N / ITEMS));
  const r = rng(11);
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((res) => out.once('drain', () => res())));
  await write('sku,barcodes,name_en,name_et,name_pl,name_ru,unit_price,vat_rate,unit,sold_by_weight,category,age_limit,lookup,plu,image\n');
  let lookups = 0;
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]!;
    const lookup = i % every === 0 && lookups < ITEMS;
    if (lookup) lookups++;
    const category = lookup ? LOOKUP_CATEGORIES[lookups % 3]! : p.category;
    const ageLimit = lookup ? null : p.ageLimit;
    const cells = [p.sku, p.barcodes.join('|'), p.name.en!, p.name.et!, p.name.pl!, p.name.ru!, euros(p.unitPriceCents), p.vatRateBp === 900 ? '9' : '24', p.unit, String(p.soldByWeight), category, ageLimit === null ? '' : String(ageLimit)];
    cells.push(lookup ? 'true' : '', lookup ? String(10_000 + lookups) : '', lookup ? PICTURES[Math.floor(r() * PICTURES.length)]! : '');
    await write(cells.map(csvField).join(',') + '\n');
  }
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
}

function ensureBuilt(): void {
  if (existsSync(join(REPO, 'dist/host/main.mjs')) && existsSync(join(REPO, 'dist/renderer/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
}

async function startHost(dataDir: string, catalog: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [join(REPO, 'dist/host/main.mjs')], {
    env: { ...process.env, KASSA_DATA_DIR: dataDir, KASSA_CATALOG: catalog, KASSA_WEB_PORT: '0', KASSA_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += String(d)));
  proc.stderr!.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`host did not start within 10 min:\n${out}`)), 600_000);
    proc.stdout!.on('data', () => {
      const m = /ready at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      res(m[1]!);
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`host exited ${code}:\n${out}`));
    });
  });
  return { proc, url };
}

/**
 * In the page: clicks `selector`, waits until `waitFor` holds (checked on every DOM mutation),
 * then for the frame that paints it; answers the milliseconds. Plain JavaScript text: tsx's
 * compiled functions reference helpers the page does not have.
 */
const TIME_CLICK = `(({ selector, waitFor }) => new Promise((resolve, reject) => {
  const button = document.querySelector(selector);
  if (!button) return reject(new Error('no ' + selector));
  const done = () => {
    const el = document.querySelector(waitFor.selector);
    if (el === null) return false;
    if (waitFor.query === undefined) return true;
    const q = el.closest('[data-query]');
    return q !== null && q.getAttribute('data-query') === waitFor.query;
  };
  const t0 = performance.now();
  const timer = setTimeout(() => { obs.disconnect(); reject(new Error('timed out waiting for ' + waitFor.selector + ' ' + (waitFor.query || ''))); }, 10000);
  const obs = new MutationObserver(() => {
    if (!done()) return;
    obs.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });
  obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  button.click();
}))`;

function timeClick(page: Page, selector: string, waitFor: { selector: string; query?: string }): Promise<number> {
  return page.evaluate(`${TIME_CLICK}(${JSON.stringify({ selector, waitFor })})`) as Promise<number>;
}

const LATIN = 'qwertyuiopõüasdfghjklöäzxcvbnmšžąćęłńóśźż ';
const layoutOf = (c: string) => (LATIN.includes(c) ? 'ABC' : 'АБВ');
/** The on-screen key for a character (its button text), exact. */
const keySelector = (c: string) => (c === ' ' ? '.kb__key--space' : `xpath=//button[contains(@class,"kb__key") and normalize-space(.)="${c}"]`);

async function main(): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'kassa-lookup-bench-'));
  let host: { proc: ChildProcess; url: string } | null = null;
  let browser: Browser | null = null;
  try {
    const file = join(dir, 'catalog.csv');
    let t = performance.now();
    await writeCatalog(file);
    console.log(`catalog file: ${N.toLocaleString('en')} products, ${ITEMS.toLocaleString('en')} look-up items, written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    host = await startHost(join(dir, 'data'), file);
    console.log(`host started with the catalog imported in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1080, height: 1920 } })).newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForSelector('.lookup-open:not([disabled])');
    const loadBefore = loadNote();

    const open: number[] = [];
    for (let i = 0; i < 5 + OPENS; i++) {
      const ms = await timeClick(page, '.lookup-open', { selector: '.lookup .tile' });
      if (i >= 5) open.push(ms);
      await page.click('.lookup__head .btn--secondary');
      await page.waitForSelector('.lookup', { state: 'detached' });
      await sleep(20);
    }

    const keys: number[] = [];
    const hits: number[] = [];
    await page.click('.lookup-open');
    await page.waitForSelector('.lookup .tile');
    let layout = 'ABC';
    const qs = queries(QUERIES + 3).map((q) => q.toLowerCase());
    for (let qi = 0; qi < qs.length; qi++) {
      let typed = '';
      for (const c of qs[qi]!) {
        if (c !== ' ' && layoutOf(c) !== layout) {
          await page.click(`xpath=//button[contains(@class,"kb__key--fn") and normalize-space(.)="${layoutOf(c)}"]`);
          layout = layoutOf(c);
        }
        typed += c;
        const key = await page.$(keySelector(c));
        if (!key) throw new Error(`no key for ${JSON.stringify(c)}`);
        await key.evaluate((el) => el.setAttribute('data-bench-key', '1'));
        const expected = typed.replace(/\s+/g, ' ').trimStart();
        const ms = await timeClick(page, '[data-bench-key="1"]', { selector: '.lookup__browse', query: expected });
        await key.evaluate((el) => el.removeAttribute('data-bench-key'));
        if (qi >= 3) keys.push(ms);
        await sleep(15);
      }
      if (qi >= 3) hits.push(await page.locator('.lookup .tile').count());
      await page.click('.lookup__clear');
      await page.waitForSelector('.lookup__browse[data-query=""]');
    }

    console.log(`lookup bench: Node ${process.version}, ${await browser.version()}; ${loadBefore} before, ${loadNote()} after`);
    console.log(HEADER);
    console.log(row('picker open → first tiles painted', open));
    console.log(row('keystroke → search results painted', keys));
    console.log(`${QUERIES} queries (${keys.length} keystrokes), results per query: median ${summarize(hits).p50}, max ${summarize(hits).max}`);
    const o = summarize(open);
    const k = summarize(keys);
    console.log(`summary: open p50 ${o.p50.toFixed(1)} ms p99 ${o.p99.toFixed(1)} ms; keystroke p50 ${k.p50.toFixed(1)} ms p99 ${k.p99.toFixed(1)} ms`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (host && host.proc.exitCode === null) {
      const exited = new Promise((r) => host!.proc.once('exit', r));
      host.proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (host.proc.exitCode === null) host.proc.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
