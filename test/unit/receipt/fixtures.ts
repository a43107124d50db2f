import type { Receipt } from '../../../electron/checkout/receipt';

/** A fixed receipt touching every section: pieces, weight, discount, rounding, two VAT rates, slip, QR. */
export function sampleReceipt(over: Partial<Receipt> = {}): Receipt {
  return {
    store: { name: 'Kassa Pood OÜ', address: ['Pärnu mnt 10', '10148 Tallinn'], registrationNo: '12345678', vatNo: 'EE101234567' },
    kioskId: 'K-01',
    receiptNo: '000123',
    issuedAt: Date.UTC(2026, 2, 14, 13, 4, 5),
    timeZone: 'Europe/Tallinn',
    lang: 'et',
    lines: [
      { name: 'Piim 2,5% 1 l', quantity: { kind: 'pieces', count: 2 }, unitPriceCents: 129, totalCents: 258, vatRateBp: 2400 },
      { name: 'Banaanid', quantity: { kind: 'weight', grams: 1234 }, unitPriceCents: 149, totalCents: 184, vatRateBp: 2400 },
      { name: 'Šokolaad Kalev tume 70% õunaga', quantity: { kind: 'pieces', count: 1 }, unitPriceCents: 299, totalCents: 299, vatRateBp: 2400 },
      { name: 'Ajaleht Postimees', quantity: { kind: 'pieces', count: 1 }, unitPriceCents: 250, totalCents: 250, vatRateBp: 900 },
    ],
    discounts: [{ description: 'SWiP püsikliendi soodustus', amountCents: 50 }],
    rounding: { amountCents: -1 },
    // The 50 c discount is split over the rate groups in proportion (741 → 704, 250 → 237).
    vat: [
      { rateBp: 2400, netCents: 568, vatCents: 136, grossCents: 704 },
      { rateBp: 900, netCents: 217, vatCents: 20, grossCents: 237 },
    ],
    totalCents: 940,
    payment: { provider: 'terminal', method: 'Visa', maskedPan: '**** 1234', authCode: 'A1B2C3', slip: 'KAARDIMAKSE\nSUMMA: 9,40 EUR\nTEHING KINNITATUD' },
    qr: { text: 'https://r.kassa.example/e/000123?k=K-01', caption: 'Digitšekk' },
    footer: ['Aitäh ostu eest!', 'Tere tulemast tagasi'],
    ...over,
  };
}

/** The same receipt in Russian and Polish (labels and some names) to exercise Cyrillic/Latin-2. */
export function russianReceipt(): Receipt {
  const r = sampleReceipt({ lang: 'ru' });
  r.lines[0] = { ...r.lines[0]!, name: 'Молоко 2,5% 1 л' };
  r.footer = ['Спасибо за покупку!'];
  return r;
}

export function polishReceipt(): Receipt {
  const r = sampleReceipt({ lang: 'pl' });
  r.lines[1] = { ...r.lines[1]!, name: 'Żółte śliwki łąckie' };
  r.footer = ['Dziękujemy za zakupy!'];
  return r;
}
