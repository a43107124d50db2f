/**
 * A kiosk customer scans their loyalty card while shopping: the kiosk says so, and the printed
 * receipt of the paid order shows the card and the points earned (1 per full euro).
 */
import { test, expect, SAMPLES } from './support/fixtures';
import { payWithWallet, scanAndWait, startInEnglish, storeConfig } from './support/shop';

const CARD = '22103944833292';
const [MILK, BREAD] = SAMPLES.piece as [string, string];

test.use({ kioskOptions: { config: storeConfig({ loyalty: { issueCards: [CARD] } }) } });

test('loyalty card scanned while shopping; the receipt shows the points earned', async ({ kiosk }) => {
  const page = kiosk.page;
  await startInEnglish(kiosk);
  await scanAndWait(kiosk, MILK, 1);
  kiosk.scanSerial(CARD);
  await expect(page.locator('.toast')).toContainText('Loyalty card ••3292 added: 0 points so far.');
  await kiosk.screenshot('loyalty-card-scanned');
  await scanAndWait(kiosk, BREAD, 2); // the card is not a basket line
  const { totalCents } = await payWithWallet(kiosk);
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await expect.poll(async () => (await kiosk.printer()).receipts.length).toBe(1);
  const text = (await kiosk.printer()).receipts[0]!.text;
  expect(text).toContain('Loyalty card ****3292');
  expect(text).toContain(`Points earned: ${Math.floor(totalCents / 100)} (balance ${Math.floor(totalCents / 100)})`);
});
