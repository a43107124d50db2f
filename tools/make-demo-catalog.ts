/**
 * Generates the demo catalog from tools/demo-products.ts: resources/catalog/demo-catalog.json,
 * demo-catalog.csv (same products), demo-samples.json and README.md. Barcodes are computed
 * here (GS1 check digits), never typed by hand.  Run: npx tsx tools/make-demo-catalog.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Product } from '../electron/checkout/product';
import { gtinCheckDigit } from '../electron/devices/barcode/gtin';
import { CSV_COLUMNS, CSV_OPTIONAL_COLUMNS } from '../electron/catalog';
import { DEMO_PRODUCTS } from './demo-products';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'catalog');
const VAT_STANDARD_BP = 2400; // Estonia from 1 July 2025
const VAT_REDUCED_BP = 900; // press publications, books, medicines

const ean13 = (body12: string): string => body12 + String(gtinCheckDigit(body12));
/** The demo shop's own EAN-13s: GS1 Estonia prefix 474, company 0001, 5-digit item. */
const shopCode = (item: number) => ean13(`4740001${String(item).padStart(5, '0')}`);
/** A Polish supplier's code for the same product (second barcode). */
const supplierCode = (item: number) => ean13(`5901234${String(item).padStart(5, '0')}`);
/** In-store variable-measure code: "20" + item + weight digits + check; weight 0 = the catalog key. */
const weightCode = (item: number, grams: number) => ean13(`20${String(item).padStart(5, '0')}${String(grams).padStart(5, '0')}`);

interface Built {
  product: Product;
  /** The barcode as printed (EAN-13), before GTIN-14 normalisation. */
  ean: string[];
  item: number;
}

function build(): Built[] {
  const lines = DEMO_PRODUCTS.trim().split('\n');
  let pieceItem = 0;
  let weighItem = 100;
  return lines.map((line, i) => {
    const [category, en, et, pl, ru, price, flags = '', plu = '', image = ''] = line.split('|');
    if (!category || !en || !et || !pl || !ru || !price) throw new Error(`demo product line ${i + 1} is incomplete: ${line}`);
    const weighed = flags.includes('w');
    const item = weighed ? ++weighItem : ++pieceItem;
    const ean = weighed ? [weightCode(item, 0)] : [shopCode(item)];
    if (flags.includes('2')) ean.push(supplierCode(item));
    const product: Product = {
      sku: `KS-${String(i + 1).padStart(4, '0')}`,
      barcodes: ean,
      name: { en, et, pl, ru },
      unitPriceCents: Number(price),
      vatRateBp: flags.includes('r') ? VAT_REDUCED_BP : VAT_STANDARD_BP,
      unit: weighed ? 'weight' : 'piece',
      soldByWeight: weighed,
      category,
      ageLimit: flags.includes('a') ? 18 : null,
      ...(flags.includes('l') ? { lookup: true } : {}),
      ...(plu ? { plu } : {}),
      ...(image ? { image } : {}),
    };
    return { product, ean, item };
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const percent = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`);

function toCsv(products: Product[]): string {
  const rows = products.map((p) =>
    [p.sku, p.barcodes.join('|'), p.name.en, p.name.et, p.name.pl, p.name.ru, euros(p.unitPriceCents), percent(p.vatRateBp), p.unit, String(p.soldByWeight), p.category, p.ageLimit === null ? '' : String(p.ageLimit), p.lookup ? 'true' : '', p.plu ?? '', p.image ?? '']
      .map(csvField)
      .join(','),
  );
  return [[...CSV_COLUMNS, ...CSV_OPTIONAL_COLUMNS].join(','), ...rows].join('\r\n') + '\r\n';
}

const built = build();
const products = built.map((b) => b.product);
const find = (en: string) => {
  const b = built.find((x) => x.product.name.en === en);
  if (!b) throw new Error(`demo sample "${en}" is not in the product list`);
  return b;
};
const pieceNames = ['Milk 2.5% 1 l', 'Rye bread 500 g', 'Butter 82% 200 g', 'Cola 1.5 l', 'Milk chocolate 100 g'];
const weighed = [
  { en: 'Bananas', grams: 1234 },
  { en: 'Tomatoes', grams: 512 },
  { en: 'Cheese by weight', grams: 275 },
];
const allCodes = new Set(built.flatMap((b) => b.ean));
const unknownValid = shopCode(99999);
if (allCodes.has(unknownValid)) throw new Error('unknownValid sample is in the catalog');
const milk = find('Milk 2.5% 1 l').ean[0]!;
const invalid = milk.slice(0, 12) + String((Number(milk[12]) + 1) % 10);

const samples = {
  piece: pieceNames.map((n) => find(n).ean[0]!),
  weighed: weighed.map((w) => {
    const b = find(w.en);
    return { name: w.en, template: b.ean[0]!, example: weightCode(b.item, w.grams), grams: w.grams, pricePerKgCents: b.product.unitPriceCents };
  }),
  secondBarcode: { name: 'Milk 2.5% 1 l', barcodes: find('Milk 2.5% 1 l').ean },
  alcohol: ['Lager beer 0.5 l can', 'Vodka 0.5 l', 'Red wine dry 0.75 l'].map((n) => find(n).ean[0]!),
  tobacco: ['Cigarettes blue 20 pcs', 'Rolling tobacco 30 g'].map((n) => find(n).ean[0]!),
  reducedVat: find('Daily newspaper').ean[0]!,
  unknownValid,
  invalid,
};

function readme(): string {
  const b = (en: string) => find(en);
  const w = samples.weighed[0]!;
  const rows = [
    ['piece item', 'Milk 2.5% 1 l', b('Milk 2.5% 1 l').ean.join(' or '), `${euros(b('Milk 2.5% 1 l').product.unitPriceCents)} €`],
    ['piece item', 'Rye bread 500 g', b('Rye bread 500 g').ean[0]!, `${euros(b('Rye bread 500 g').product.unitPriceCents)} €`],
    ['weighed (template)', w.name, w.template, `${euros(w.pricePerKgCents)} €/kg`],
    ['weighed, 1.234 kg', w.name, w.example, `${euros(Math.round((w.pricePerKgCents * w.grams) / 1000))} € (rounded)`],
    ['alcohol (18+)', 'Lager beer 0.5 l can', samples.alcohol[0]!, `${euros(b('Lager beer 0.5 l can').product.unitPriceCents)} €`],
    ['tobacco (18+)', 'Cigarettes blue 20 pcs', samples.tobacco[0]!, `${euros(b('Cigarettes blue 20 pcs').product.unitPriceCents)} €`],
    ['VAT 9 %', 'Daily newspaper', samples.reducedVat, `${euros(b('Daily newspaper').product.unitPriceCents)} €`],
    ['not in catalog (valid)', '—', unknownValid, '—'],
    ['wrong check digit', '—', invalid, '—'],
  ];
  const counts = new Map<string, number>();
  for (const p of products) counts.set(p.category, (counts.get(p.category) ?? 0) + 1);
  return `# Demo catalog

Generated by \`npx tsx tools/make-demo-catalog.ts\` from the product list in
\`tools/demo-products.ts\` — edit the list and re-run; never edit the generated files by hand.

| file | what |
|---|---|
| \`demo-catalog.json\` | ${products.length} products in the JSON row format (\`{ "products": [...] }\`) |
| \`demo-catalog.csv\` | the same products in the CSV format (RFC 4180, CRLF, comma-decimal names quoted) |
| \`demo-samples.json\` | barcodes for tests and the demo scan panel (see below) |

Formats: [electron/catalog/README.md](../../electron/catalog/README.md).
Categories: ${[...counts].map(([c, n]) => `${c} (${n})`).join(', ')}.
Prices are 2026 euro shelf prices in cents, VAT included; VAT 24 % (2400 bp) except press and
books at 9 % (900 bp). Alcohol and tobacco have age limit 18.

**Look up item**: ${products.filter((p) => p.lookup).length} loose fruit, vegetables and bakery items are flagged \`lookup\`, each with
a PLU code and a bundled picture (\`image\`, under \`renderer/pictures/\`, CC0, see its README). Fruit
and vegetable PLUs are modelled on IFPS codes (4011 bananas; not checked against the official
list); bakery items use store-assigned 5-digit codes \`83001\`… Bread roll (\`Bułka\`) and rye
roll are sold only loose, by the piece, without a barcode label of their own.

Barcodes are EAN-13 with computed check digits: the shop's own codes \`4740001IIIIIC\`, a second
(supplier) code \`5901234IIIIIC\` on some products, and for weighed goods the in-store
variable-measure template \`20IIIII00000C\` (weight digits zero) — the key the barcode parser's
\`lookupGtin14\` produces for a scanned \`2[0-9]IIIIIWWWWWC\`. The catalog stores every code as
GTIN-14 (a leading 0).

## Sample barcodes

| kind | product | EAN-13 | price |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

The weighed example: item code \`${w.template.slice(2, 7)}\`, weight \`${String(w.grams).padStart(5, '0')}\` g, check digit
\`${w.example[12]}\` (GS1 mod-10 over the first 12 digits) → \`${w.example}\`; the parser looks it up as
\`0${w.template}\`.
`;
}

writeFileSync(join(OUT, 'demo-catalog.json'), JSON.stringify({ products }, null, 1) + '\n');
writeFileSync(join(OUT, 'demo-catalog.csv'), toCsv(products));
writeFileSync(join(OUT, 'demo-samples.json'), JSON.stringify(samples, null, 2) + '\n');
writeFileSync(join(OUT, 'README.md'), readme());
console.log(`wrote ${products.length} products to ${OUT}`);
