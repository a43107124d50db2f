/**
 * Every screen, in both orientations: accessibility (axe-core, WCAG 2.1 A/AA plus the
 * experimental `label-content-name-mismatch`, no serious or critical violation) and, in all four
 * languages, no text that is clipped or spills out of its control. Each screen is rendered from
 * its fixture view (renderer/preview.html, the same components as the kiosk) and kept as a
 * screenshot in test-results/screens/. The accessibility choices (reach mode with the largest text)
 * go through the same checks. One preview page per orientation shows every screen in place. The
 * look-up picker's screens are also shot and checked with axe in et, pl and ru.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';
import { FIXTURE_NAMES } from '../../renderer/fixtures';
import { REPO } from './support/fixtures';
import { CHROMIUM, CHROMIUM_ARGS } from './support/targets';

const LANGS = ['en', 'et', 'pl', 'ru'] as const;
const TABS = ['basket', 'smarts', 'orders', 'devices'] as const;
const VIEWPORTS = [
  { name: 'portrait', width: 1080, height: 1920 },
  { name: 'landscape', width: 1920, height: 1080 },
] as const;
const SHOTS = join(REPO, 'test-results', 'screens');

/** Every screen as a preview query: fixtures, and each staff tab of the active supervisor. */
const SCREENS = FIXTURE_NAMES.flatMap((name) => (name === 'supervisor-active' ? TABS.map((tab) => ({ id: `${name}-${tab}`, query: `fixture=${name}&tab=${tab}` })) : [{ id: name, query: `fixture=${name}` }]));

let server: PreviewServer;
let outDir: string;
let base: string;
let browser: Browser;

// The preview page is built once (one bundle, the production CSP) and served statically: a
// page load is then a few requests instead of the dev server's hundreds of modules.
test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  outDir = mkdtempSync(join(tmpdir(), 'kassa-preview-'));
  const configFile = join(REPO, 'vite.config.ts');
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, rollupOptions: { input: { preview: join(REPO, 'renderer', 'preview.html') } } } });
  server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  base = server.resolvedUrls!.local[0]!;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface A11y {
  reach?: boolean;
  textStep?: 0 | 1 | 2;
}

/**
 * Shows a screen in the page already open: the preview switches fixture, language, staff tab and
 * accessibility choices in place (no reload, no new host), then waits for the paint and the fonts.
 */
async function open(page: Page, query: string, lang: string, a11y: A11y = {}): Promise<void> {
  const q = new URLSearchParams(query);
  const shown = await page.evaluate(
    async ([name, l, tab, a]) => {
      const ok = window.kassaPreview!.show(name!, l!, tab, a as A11y);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await document.fonts.ready;
      return ok;
    },
    [q.get('fixture'), lang, q.get('tab'), a11y] as const,
  );
  expect(shown, `fixture ${query}`).toBe(true);
}

/** Larger text (the largest step) in reach mode: the hardest case for text that must fit. */
const LARGEST: A11y = { reach: true, textStep: 2 };
/** Screens also checked by axe and kept as screenshots with the accessibility choices on. */
const A11Y_SCREENS = ['basket', 'payment-waiting', 'done-digital', 'attract', 'help-called'];

/**
 * Text that does not fit: an element that clips its content (overflow hidden/clip, text-overflow)
 * while its content is larger, or a control whose text runs outside the control's box.
 */
function findOverflow(): string[] {
  const out: string[] = [];
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  for (const el of document.querySelectorAll<HTMLElement>('.kiosk *')) {
    if (!el.textContent?.trim() || el.closest('[aria-hidden="true"], .sr-only')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const clipsX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
    const clipsY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
    const hasOwnText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    if (hasOwnText && ((clipsX && el.scrollWidth > el.clientWidth + 1) || (clipsY && el.scrollHeight > el.clientHeight + 1))) out.push(`clipped: ${describe(el)}`);
  }
  for (const ctl of document.querySelectorAll<HTMLElement>('.kiosk button, .kiosk [role="button"], .kiosk .chip, .kiosk .badge')) {
    const box = ctl.getBoundingClientRect();
    if (box.width === 0 || ctl.closest('[aria-hidden="true"]')) continue;
    const walker = document.createTreeWalker(ctl, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim() || n.parentElement?.closest('.sr-only')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push(`spills out of its control: ${describe(ctl)}`);
          break;
        }
      }
    }
  }
  return [...new Set(out)];
}

for (const vp of VIEWPORTS) {
  test.describe(vp.name, () => {
    let page: Page;
    // One page per orientation: the preview is loaded once and every screen is shown in it.
    test.beforeAll(async () => {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, reducedMotion: 'reduce' });
      page = await context.newPage();
      await page.goto(`${base}preview.html?fixture=${FIXTURE_NAMES[0]}&lang=en`);
      await page.waitForSelector('body[data-ready="1"] .kiosk', { timeout: 30_000 });
    });
    test.afterAll(async () => {
      await page?.context().close();
    });

    const axeProblems = async (): Promise<string[]> => {
      // Legacy mode runs axe.run() in the page itself: the default (runPartial + finishRun) opens a
      // new blank page for every analysis. Same rules; it only skips cross-origin frames (none here).
      const result = await new AxeBuilder({ page })
        .setLegacyMode()
        .include('.kiosk')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
        .analyze();
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };

    for (const s of SCREENS) {
      test(`${s.id}: no serious or critical axe-core violation (screenshot kept)`, async () => {
        await open(page, s.query, 'en');
        await page.screenshot({ path: join(SHOTS, `${s.id}-en-${vp.name}.png`), animations: 'disabled' });
        const problems = await axeProblems();
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }

    // The look-up picker in the other three languages too (issue 14): screenshots and axe.
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      test(`[${lang}] look-up picker screens: no serious or critical axe-core violation (screenshots kept)`, async () => {
        test.setTimeout(120_000);
        const problems: string[] = [];
        for (const s of SCREENS.filter((x) => x.id.startsWith('lookup-'))) {
          await open(page, s.query, lang);
          await page.screenshot({ path: join(SHOTS, `${s.id}-${lang}-${vp.name}.png`), animations: 'disabled' });
          for (const p of await axeProblems()) problems.push(`${s.id}: ${p}`);
        }
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }

    test('reach mode and the largest text: no serious or critical axe-core violation (screenshots kept, en and ru)', async () => {
      const problems: string[] = [];
      for (const id of A11Y_SCREENS) {
        for (const lang of ['en', 'ru']) {
          await open(page, `fixture=${id}`, lang, LARGEST);
          await page.screenshot({ path: join(SHOTS, `${id}-${lang}-${vp.name}-reach-text2.png`), animations: 'disabled' });
          if (lang === 'en') for (const p of await axeProblems()) problems.push(`${id}: ${p}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });

    for (const lang of LANGS) {
      test(`[${lang}] no text is clipped or spills out of a control on any screen (normal, and largest text in reach mode)`, async () => {
        test.setTimeout(180_000);
        const problems: string[] = [];
        for (const s of SCREENS) {
          await open(page, s.query, lang);
          for (const p of await page.evaluate(findOverflow)) problems.push(`${s.id}: ${p}`);
          await open(page, s.query, lang, LARGEST);
          for (const p of await page.evaluate(findOverflow)) problems.push(`${s.id} (reach, largest text): ${p}`);
        }
        expect(problems, problems.join('\n')).toEqual([]);
      });
    }
  });
}
