/**
 * "Look up item" on the real kiosk (browser host, demo catalog, the NCI scale simulator on a
 * socat pty driven through its control API): bananas chosen by picture and weighed at 1.234 kg
 * (a moving scale is refused until it settles), a bread roll found by typing its Polish name on
 * the on-screen keyboard and added ×3 from the keypad; in landscape, Russian letters and a PLU
 * code. The picker's screens in all four languages and both orientations are in screens.spec.ts
 * (screenshots, axe, clipped text); these journeys run in a subset: en + pl portrait, ru landscape.
 */
import { test, expect } from './support/fixtures';
import { CATALOG, lines, money, startInEnglish, weighedTotal } from './support/shop';
import { en } from '../../renderer/i18n/en';
import { pl } from '../../renderer/i18n/pl';
import { ru } from '../../renderer/i18n/ru';

const byEn = (name: string) => {
  const p = CATALOG.find((x) => x.name.en === name);
  if (!p) throw new Error(`no demo product ${name}`);
  return p;
};
const BANANAS = byEn('Bananas');
const ROLL = byEn('Bread roll');

test('bananas by picture weighed at 1.234 kg (refused while the scale moves), a bread roll typed in Polish ×3', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await kiosk.scale('put', { grams: 1234 });
  await kiosk.scale('motion', { on: true });

  await page.getByRole('button', { name: en.lookup.open }).click();
  await page.getByRole('button', { name: en.lookup.category.fruit, exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${BANANAS.name.en} \\S*\\d`) }).click();
  await expect(page.getByRole('heading', { name: en.lookup.putOnScale })).toBeVisible();
  await kiosk.screenshot('lookup-weigh-portrait');

  // A moving platform: refused with the instruction, nothing added.
  await page.getByRole('button', { name: en.lookup.weigh, exact: true }).click();
  await expect(page.locator('.lookup__scale-status')).toHaveText(en.notice['scale-wait-still']);
  expect((await kiosk.view()).basket.lines).toHaveLength(0);

  // Settled: weighed, the picker closes, the line shows the weight and price.
  await kiosk.scale('motion', { on: false });
  await page.getByRole('button', { name: en.lookup.weigh, exact: true }).click();
  await expect(page.locator('.lookup')).toHaveCount(0);
  const cents = weighedTotal(1234, BANANAS.unitPriceCents);
  await expect(lines(page)).toHaveCount(1);
  await expect(lines(page).first().locator('.line__name')).toHaveText(BANANAS.name.en);
  await expect(lines(page).first().locator('.line__measure')).toContainText('1.234\u00a0kg');
  await expect(lines(page).first().locator('.line__total')).toHaveText(money(cents));
  expect((await kiosk.view()).basket.lines[0]).toMatchObject({ sku: BANANAS.sku, measure: { kind: 'weight', grams: 1234, scale: { grossGrams: 1234, status: 'stable' } }, totalCents: cents });

  // In Polish: type "bułk" on the on-screen keyboard, choose the roll, 3 on the keypad.
  await page.getByRole('button', { name: 'PL Polski' }).click();
  await page.getByRole('button', { name: pl.lookup.open }).click();
  for (const key of ['b', 'u', 'ł', 'k']) await page.getByRole('button', { name: key, exact: true }).click();
  await expect(page.locator('.lookup__query')).toHaveText('bułk');
  const rollTile = page.getByRole('button', { name: new RegExp(`^${ROLL.name.pl} \\S*\\d`) });
  await expect(rollTile).toBeVisible();
  await kiosk.screenshot('lookup-search-pl-portrait');
  await rollTile.click();
  await expect(page.getByRole('heading', { name: pl.lookup.howMany })).toBeVisible();
  await page.getByRole('group', { name: pl.lookup.quantity }).getByRole('button', { name: '3', exact: true }).click();
  await kiosk.screenshot('lookup-quantity-pl-portrait');
  await page.getByRole('button', { name: pl.lookup.add.replace('{{n}}', '3') }).click();
  await expect(lines(page)).toHaveCount(2);
  await expect(lines(page).nth(1).locator('.line__name')).toHaveText(ROLL.name.pl);
  await expect(lines(page).nth(1).locator('.line__total')).toHaveText(money(3 * ROLL.unitPriceCents, 'pl'));

  // Every add from the picker was counted: both are "most used" now (equal counts: catalog order, bakery before fruit).
  await page.getByRole('button', { name: pl.lookup.open }).click();
  await expect(page.locator('.lookup__section')).toHaveText(pl.lookup.mostUsed);
  await expect(page.locator('.lookup__tiles').nth(1).locator('.tile__name')).toHaveText([ROLL.name.pl, BANANAS.name.pl]);
});

test('landscape, Russian: Cyrillic letters and a PLU code find bananas', async ({ kiosk }) => {
  const page = kiosk.page;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('button', { name: ru.lookup.open }).click();
  // A Russian session opens the Russian layout.
  for (const key of ['б', 'а', 'н']) await page.getByRole('button', { name: key, exact: true }).click();
  await expect(page.locator('.lookup .tile__name')).toHaveText([BANANAS.name.ru]);
  await expect(page.locator('.lookup .tile__price')).toHaveText(`${money(BANANAS.unitPriceCents, 'ru')} / ${ru.line.perKg}`);
  await kiosk.screenshot('lookup-search-ru-landscape');
  await page.getByRole('button', { name: ru.lookup.pluKeys }).click();
  for (const key of ['4', '0', '1', '1']) await page.getByRole('button', { name: key, exact: true }).click();
  await expect(page.locator('.lookup .tile__name')).toHaveText([BANANAS.name.ru]);
  await kiosk.screenshot('lookup-plu-ru-landscape');
});
