/**
 * Screenshots of every renderer fixture, for design review: starts vite's dev server on port 0,
 * opens renderer/preview.html in Chromium (Playwright) at 1080×1920 and 1920×1080, and writes
 * PNGs to artifacts/screens/. The basket is also shot in all four languages.
 *
 *   npx tsx tools/screens.ts                 # everything
 *   npx tsx tools/screens.ts basket idle     # only these fixtures
 *   npx tsx tools/screens.ts --all-langs     # every fixture in every language
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'vite';
import { chromium } from '@playwright/test';
import { FIXTURE_NAMES } from '../renderer/fixtures';

const REPO = resolve(import.meta.dirname, '..');
const OUT = join(REPO, 'artifacts', 'screens');
const LANGS = ['en', 'et', 'pl', 'ru'] as const;
const TABS = ['basket', 'smarts', 'orders', 'devices'] as const;
const VIEWPORTS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;

const args = process.argv.slice(2);
const allLangs = args.includes('--all-langs');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((n) => !FIXTURE_NAMES.includes(n));
if (unknown.length) throw new Error(`unknown fixture(s): ${unknown.join(', ')}; known: ${FIXTURE_NAMES.join(', ')}`);

interface Shot {
  file: string;
  query: string;
}

const shots: Shot[] = [];
for (const name of only.length ? only : FIXTURE_NAMES) {
  const langs = allLangs || name === 'basket' ? LANGS : (['en'] as const);
  const tabs = name === 'supervisor-active' ? TABS : [null];
  for (const lang of langs) {
    for (const tab of tabs) {
      const id = tab ? `${name}-${tab}` : name;
      shots.push({ file: `${id}-${lang}`, query: `fixture=${name}&lang=${lang}${tab ? `&tab=${tab}` : ''}` });
    }
  }
}

mkdirSync(OUT, { recursive: true });
const server = await createServer({ configFile: join(REPO, 'vite.config.ts'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
await server.listen();
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('vite did not report a local URL');

const browser = await chromium.launch({
  executablePath: process.env.KASSA_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors: string[] = [];
try {
  for (const vp of VIEWPORTS) {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, reducedMotion: 'reduce', deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${page.url()}: console ${m.type()}: ${m.text()}`);
    });
    for (const s of shots) {
      await page.goto(`${base}preview.html?${s.query}`);
      await page.waitForSelector('body[data-ready="1"] .kiosk', { timeout: 20_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(60);
      const file = join(OUT, `${s.file}-${vp.name}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`${file}\n`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (errors.length) {
  process.stdout.write(`\n${errors.length} page error(s):\n${errors.join('\n')}\n`);
  process.exitCode = 1;
}
