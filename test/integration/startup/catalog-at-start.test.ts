/**
 * A catalog file refused at start: with a previous catalog in the data folder, the kiosk
 * starts with the previous catalog in force and says so on the staff console (Devices);
 * without one, the start fails naming the row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../../../electron/app/kiosk';
import { StartupError } from '../../../electron/app/startup';
import { memoryLog } from '../../../electron/log';

const RESOURCES = resolve('resources');
const dirs: string[] = [];
const kiosks: Kiosk[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-cat-start-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.close();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function badCatalog(dir: string): string {
  const doc = JSON.parse(readFileSync(join(RESOURCES, 'catalog/demo-catalog.json'), 'utf8')) as { products: Array<Record<string, unknown>> };
  const rows = doc.products.slice(0, 10);
  rows[6]!.category = 'x'.repeat(10 * 1024 * 1024);
  const path = join(dir, 'new-prices.json');
  writeFileSync(path, JSON.stringify(rows));
  return path;
}

const start = (env: Record<string, string>, log = memoryLog()) => startKiosk({ env, resourcesDir: RESOURCES, defaultDataDir: () => env.KASSA_DATA_DIR!, log });

describe('catalog file at start', () => {
  it('refused with a previous catalog: the previous one stays in force and staff are told', async () => {
    const data = tmp();
    const first = await start({ KASSA_DATA_DIR: data });
    const before = first.catalog.count();
    expect(before).toBeGreaterThan(100);
    expect(first.catalogNotice).toBeNull();
    expect(first.deviceStatus()).not.toHaveProperty('catalog');
    await first.close();

    const log = memoryLog();
    const k = await start({ KASSA_DATA_DIR: data, KASSA_CATALOG: badCatalog(tmp()) }, log);
    kiosks.push(k);
    expect(k.catalog.count()).toBe(before);
    expect(k.catalogNotice?.reason).toMatch(/new-prices\.json: row 7: field category: longer than 64 characters/);
    expect(k.deviceStatus()).toMatchObject({ catalog: 'import-refused', catalogReason: k.catalogNotice!.reason });
    expect(log.lines.some((l) => l.level === 'warn' && /previous catalog stays in force/.test(String(l.msg)) && l.products === before)).toBe(true);
    // The kiosk sells from the previous catalog.
    expect(k.engine.view().outOfOrder).toBeNull();
  });

  it('refused with no previous catalog: a failed start naming the row, and the folder is released', async () => {
    const data = tmp();
    const e = await start({ KASSA_DATA_DIR: data, KASSA_CATALOG: badCatalog(tmp()) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StartupError);
    expect((e as Error).message).toMatch(/row 7: field category: .*no previous catalog/);
    // The undo stack released the lock: a corrected start on the same folder works.
    const k = await start({ KASSA_DATA_DIR: data });
    kiosks.push(k);
    expect(k.catalog.count()).toBeGreaterThan(100);
  });
});
