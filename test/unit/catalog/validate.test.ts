import { describe, expect, it } from 'vitest';
import { RowFault } from '../../../electron/catalog/errors';
import { validateProductRow } from '../../../electron/catalog/validate';

const row = () => ({
  sku: ' A-1 ',
  barcodes: ['96385074', '036000291452'],
  name: { en: ' Milk  1 l ', et: 'Piim', pl: 'Mleko', ru: 'Молоко' },
  unitPriceCents: 109,
  vatRateBp: 2400,
  unit: 'piece',
  soldByWeight: false,
  category: 'dairy',
  ageLimit: null,
});

function fault(raw: unknown): { field: string | undefined; reason: string } {
  try {
    validateProductRow(raw);
  } catch (e) {
    if (e instanceof RowFault) return { field: e.field, reason: e.reason };
    throw e;
  }
  throw new Error('row was accepted');
}

describe('validateProductRow', () => {
  it('normalises barcodes to GTIN-14 and tidies text', () => {
    const p = validateProductRow(row());
    expect(p.barcodes).toEqual(['00000096385074', '00036000291452']);
    expect(p.sku).toBe('A-1');
    expect(p.name.en).toBe('Milk 1 l');
  });

  it('names the field of each fault', () => {
    expect(fault({ ...row(), barcodes: ['96385074', '00000096385074'] })).toMatchObject({ field: 'barcodes', reason: expect.stringMatching(/twice/) });
    expect(fault({ ...row(), barcodes: '96385074' }).field).toBe('barcodes');
    expect(fault({ ...row(), barcodes: ['1234567'] }).field).toBe('barcodes');
    expect(fault({ ...row(), name: { ...row().name, et: '   ' } }).field).toBe('name.et');
    expect(fault({ ...row(), name: { ...row().name, pl: 'a\u0007b' } }).reason).toMatch(/control/);
    expect(fault({ ...row(), sku: 7 }).field).toBe('sku');
    expect(fault({ ...row(), unitPriceCents: 0 }).field).toBe('unitPriceCents');
    expect(fault({ ...row(), unitPriceCents: '109' }).field).toBe('unitPriceCents');
    expect(fault({ ...row(), vatRateBp: -1 }).field).toBe('vatRateBp');
    expect(fault({ ...row(), soldByWeight: true }).field).toBe('soldByWeight');
    expect(fault({ ...row(), soldByWeight: 'false' }).field).toBe('soldByWeight');
    expect(fault({ ...row(), category: 'Meat & fish' }).field).toBe('category');
    expect(fault({ ...row(), ageLimit: 17.5 }).field).toBe('ageLimit');
    const { ageLimit: _omitted, ...noAge } = row();
    expect(fault(noAge).field).toBe('ageLimit');
    expect(fault(null).field).toBeUndefined();
    expect(fault([]).field).toBeUndefined();
  });
});
