/**
 * Synthetic catalog data for the catalog benchmark: N products with unique valid EAN-13s and
 * plausible four-language names, and realistic search prefixes. Deterministic (seeded).
 */
import { withCheckDigit } from '../../electron/devices/barcode/gtin';

// Product words as a shop has them: [en, et, pl, ru].
const NOUNS: Array<[string, string, string, string]> = [
  ['milk', 'piim', 'mleko', 'молоко'], ['bread', 'leib', 'chleb', 'хлеб'], ['cheese', 'juust', 'ser', 'сыр'],
  ['butter', 'või', 'masło', 'масло'], ['yoghurt', 'jogurt', 'jogurt', 'йогурт'], ['apple', 'õun', 'jabłko', 'яблоко'],
  ['sausage', 'vorst', 'kiełbasa', 'колбаса'], ['chicken', 'kana', 'kurczak', 'курица'], ['salmon', 'lõhe', 'łosoś', 'лосось'],
  ['juice', 'mahl', 'sok', 'сок'], ['water', 'vesi', 'woda', 'вода'], ['beer', 'õlu', 'piwo', 'пиво'],
  ['coffee', 'kohv', 'kawa', 'кофе'], ['tea', 'tee', 'herbata', 'чай'], ['chocolate', 'šokolaad', 'czekolada', 'шоколад'],
  ['biscuits', 'küpsised', 'herbatniki', 'печенье'], ['potatoes', 'kartulid', 'ziemniaki', 'картофель'], ['tomatoes', 'tomatid', 'pomidory', 'помидоры'],
  ['cucumber', 'kurk', 'ogórek', 'огурец'], ['rice', 'riis', 'ryż', 'рис'], ['pasta', 'pasta', 'makaron', 'макароны'],
  ['flour', 'jahu', 'mąka', 'мука'], ['sugar', 'suhkur', 'cukier', 'сахар'], ['eggs', 'munad', 'jajka', 'яйца'],
  ['kefir', 'keefir', 'kefir', 'кефир'], ['cottage cheese', 'kohupiim', 'twaróg', 'творог'], ['sour cream', 'hapukoor', 'śmietana', 'сметана'],
  ['ham', 'sink', 'szynka', 'ветчина'], ['herring', 'heeringas', 'śledź', 'сельдь'], ['dumplings', 'pelmeenid', 'pierogi', 'пельмени'],
  ['ice cream', 'jäätis', 'lody', 'мороженое'], ['crisps', 'krõpsud', 'chipsy', 'чипсы'], ['wine', 'vein', 'wino', 'вино'],
  ['detergent', 'pesupulber', 'proszek do prania', 'стиральный порошок'], ['nappies', 'mähkmed', 'pieluchy', 'подгузники'], ['honey', 'mesi', 'miód', 'мёд'],
];
const ADJECTIVES: Array<[string, string, string, string]> = [
  ['fresh', 'värske', 'świeży', 'свежий'], ['organic', 'mahe', 'ekologiczny', 'органический'], ['smoked', 'suitsutatud', 'wędzony', 'копчёный'],
  ['light', 'kerge', 'lekki', 'лёгкий'], ['dark', 'tume', 'ciemny', 'тёмный'], ['sweet', 'magus', 'słodki', 'сладкий'],
  ['salted', 'soolatud', 'solony', 'солёный'], ['rye', 'rukki', 'żytni', 'ржаной'], ['whole', 'täis', 'pełny', 'цельный'],
  ['classic', 'klassikaline', 'klasyczny', 'классический'], ['homestyle', 'kodune', 'domowy', 'домашний'], ['spicy', 'vürtsikas', 'pikantny', 'острый'],
];
const BRANDS = ['Alma', 'Tere', 'Farmi', 'Valio', 'Rakvere', 'Saku', 'Kalev', 'Ośrodek', 'Łaciate', 'Mlekovita', 'Sokołów', 'Wedel', 'Simpel', 'Nõo', 'Eesti Pagar', 'Fazer', 'Kalev', 'Vilniaus', 'Rimi', 'Selver'];
export const CATEGORIES = ['produce', 'bakery', 'dairy', 'meat-fish', 'drinks', 'alcohol', 'tobacco', 'snacks', 'sweets', 'frozen', 'household', 'baby', 'pantry', 'press'];

/** Deterministic PRNG (mulberry32) so runs are comparable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** The i-th synthetic EAN-13: "47" + a 10-digit number unique per i + computed check digit. */
export function barcodeOf(i: number): string {
  // Multiplying by an odd number coprime with 10^10 permutes 0..10^10-1: unique, not sequential.
  const body = (BigInt(i) * 2_654_435_761n) % 10_000_000_000n;
  return withCheckDigit(`47${body.toString().padStart(10, '0')}0`);
}

export function generate(n: number): unknown[] {
  const r = rng(42);
  const rows: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const noun = pick(r, NOUNS);
    const adj = pick(r, ADJECTIVES);
    const brand = pick(r, BRANDS);
    const size = `${1 + Math.floor(r() * 999)} g`;
    const weighed = r() < 0.05;
    const barcodes = [barcodeOf(i * 2)];
    if (r() < 0.1) barcodes.push(barcodeOf(i * 2 + 1));
    rows[i] = {
      sku: `SKU-${i}`,
      barcodes,
      name: {
        en: `${brand} ${adj[0]} ${noun[0]} ${size}`,
        et: `${brand} ${adj[1]} ${noun[1]} ${size}`,
        pl: `${brand} ${noun[2]} ${adj[2]} ${size}`,
        ru: `${brand} ${adj[3]} ${noun[3]} ${size}`,
      },
      unitPriceCents: 29 + Math.floor(r() * 5000),
      vatRateBp: r() < 0.03 ? 900 : 2400,
      unit: weighed ? 'weight' : 'piece',
      soldByWeight: weighed,
      category: pick(r, CATEGORIES),
      ageLimit: r() < 0.05 ? 18 : null,
    };
  }
  return rows;
}

/** Realistic kiosk queries: 3–6 letter prefixes of a product word in any language, sometimes + a second word. */
export function queries(count: number): string[] {
  const r = rng(7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const lang = Math.floor(r() * 4);
    const noun = pick(r, NOUNS)[lang]!;
    const word = noun.slice(0, 3 + Math.floor(r() * 4));
    const roll = r();
    if (roll < 0.3) out.push(`${pick(r, ADJECTIVES)[lang]!.slice(0, 4)} ${word}`);
    else if (roll < 0.45) out.push(`${pick(r, BRANDS).toLowerCase().slice(0, 4)} ${word}`);
    else out.push(word);
  }
  return out;
}
