/**
 * Draws the picker's bundled pictures (renderer/pictures/**.svg): simple flat drawings of the
 * demo catalog's loose fruit, vegetables and bakery items and of the category tiles, written
 * here as SVG by hand (shapes and colours below), dedicated to the public domain (CC0 1.0, see
 * renderer/pictures/README.md). Run: npx tsx tools/make-pictures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer', 'pictures');

const svg = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">${body}</svg>\n`;
const shadow = (rx = 62, cy = 184) => `<ellipse cx="100" cy="${cy}" rx="${rx}" ry="8" fill="#000" opacity=".09"/>`;
const shine = (cx: number, cy: number, rx: number, ry: number, rot = -30) => `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#fff" opacity=".35" transform="rotate(${rot} ${cx} ${cy})"/>`;
const at = (x: number, y: number, s: number, body: string) => `<g transform="translate(${x} ${y}) scale(${s})">${body}</g>`;
const leaf = (x: number, y: number, rot: number, fill = '#4caf50') => `<path d="M0 0 C 10 -14 30 -14 38 -4 C 28 6 10 8 0 0Z" fill="${fill}" transform="translate(${x} ${y}) rotate(${rot})"/>`;

/** An apple centred on (100, 110), radius ~65. */
const apple = (fill: string, dark: string) =>
  `<path d="M100 62 C 76 44 34 52 36 104 C 38 150 70 182 100 170 C 130 182 162 150 164 104 C 166 52 124 44 100 62Z" fill="${fill}"/>` +
  `<path d="M100 170 C 130 182 162 150 164 104 C 160 140 130 166 100 160Z" fill="${dark}" opacity=".5"/>` +
  `<path d="M100 64 C 98 50 100 38 108 28" stroke="#6d4c2f" stroke-width="6" fill="none" stroke-linecap="round"/>` +
  leaf(106, 40, -20) + shine(66, 92, 10, 20);

/** A round fruit or vegetable: circle with a darker lower half and a shine. */
const round = (cx: number, cy: number, r: number, fill: string, dark: string, extra = '') =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>` +
  `<path d="M${cx - r} ${cy} A ${r} ${r} 0 0 0 ${cx + r} ${cy} A ${r} ${r * 0.7} 0 0 1 ${cx - r} ${cy}Z" fill="${dark}" opacity=".35"/>` +
  shine(cx - r * 0.4, cy - r * 0.4, r * 0.16, r * 0.3) + extra;

const dots = (pts: Array<[number, number]>, r: number, fill: string) => pts.map(([x, y]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>`).join('');

const PICTURES: Record<string, string> = {
  // ---- fruit ----
  'fruit/apple-golden': svg(shadow() + apple('#f2c94c', '#c9a227')),
  'fruit/apple-green': svg(shadow() + apple('#8bc34a', '#558b2f')),
  'fruit/pear': svg(
    shadow(50) +
      `<path d="M100 40 C 84 40 80 62 78 84 C 76 100 48 112 48 142 C 48 170 74 180 100 180 C 126 180 152 170 152 142 C 152 112 124 100 122 84 C 120 62 116 40 100 40Z" fill="#c5d84a"/>` +
      `<path d="M100 180 C 126 180 152 170 152 142 C 148 162 126 172 100 172Z" fill="#8a9a2a" opacity=".5"/>` +
      `<path d="M100 42 C 100 32 104 24 110 18" stroke="#6d4c2f" stroke-width="6" fill="none" stroke-linecap="round"/>` + leaf(106, 28, -10) + shine(72, 136, 8, 18, -15),
  ),
  'fruit/bananas': svg(
    shadow(70) +
      [0, 1, 2]
        .map((i) => `<g transform="rotate(${-14 + i * 14} 150 60)"><path d="M150 52 C 120 60 80 110 40 120 C 30 124 34 138 46 140 C 100 146 150 112 162 66 C 164 56 158 50 150 52Z" fill="${['#ffd54f', '#ffca28', '#fbc02d'][i]}" stroke="#c49000" stroke-width="2"/><path d="M44 122 C 38 126 38 134 46 138" stroke="#5d4037" stroke-width="6" fill="none" stroke-linecap="round"/></g>`)
        .join('') +
      `<rect x="146" y="44" width="18" height="22" rx="4" fill="#7cb342" transform="rotate(30 155 55)"/>`,
  ),
  'fruit/orange': svg(shadow() + round(100, 108, 66, '#ff9800', '#e65100', dots([[80, 90], [120, 80], [130, 120], [90, 130], [110, 150], [70, 120]], 2, '#ef6c00') + leaf(100, 46, -30, '#43a047'))),
  'fruit/mandarins': svg(shadow(75) + round(70, 125, 44, '#ff9800', '#e65100', leaf(70, 84, -40, '#43a047')) + round(132, 118, 50, '#ffa726', '#ef6c00', leaf(132, 70, -20, '#388e3c'))),
  'fruit/lemon': svg(
    shadow() +
      `<path d="M26 108 C 30 96 40 90 48 84 C 70 56 130 56 152 84 C 160 90 170 96 174 108 C 170 120 160 126 152 132 C 130 160 70 160 48 132 C 40 126 30 120 26 108Z" fill="#ffeb3b"/>` +
      `<path d="M48 132 C 70 160 130 160 152 132 C 130 148 70 148 48 132Z" fill="#c0a000" opacity=".4"/>` + shine(80, 88, 10, 24, -70),
  ),
  'fruit/grapes': svg(
    shadow(50) +
      `<path d="M100 40 C 100 30 106 22 114 16" stroke="#6d4c2f" stroke-width="6" fill="none" stroke-linecap="round"/>` + leaf(104, 34, -150, '#689f38') +
      dots([[76, 62], [100, 58], [124, 62], [64, 88], [88, 86], [112, 86], [136, 88], [76, 112], [100, 112], [124, 112], [88, 138], [112, 138], [100, 162]], 16, '#9ccc65') +
      dots([[70, 56], [94, 52], [118, 56], [58, 82], [82, 80], [106, 80], [130, 82], [70, 106], [94, 106], [118, 106], [82, 132], [106, 132], [94, 156]], 4, '#e6f5c9'),
  ),
  'fruit/kiwi': svg(
    shadow(72) +
      `<ellipse cx="72" cy="112" rx="50" ry="58" fill="#8d6e4a"/><ellipse cx="72" cy="112" rx="50" ry="58" fill="none" stroke="#6d5134" stroke-width="3"/>` +
      `<circle cx="132" cy="118" r="52" fill="#8d6e4a"/><circle cx="132" cy="118" r="45" fill="#7cb342"/><circle cx="132" cy="118" r="16" fill="#f1f8e9"/>` +
      Array.from({ length: 12 }, (_, i) => { const a = (i * Math.PI) / 6; return `<ellipse cx="${(132 + 25 * Math.cos(a)).toFixed(1)}" cy="${(118 + 25 * Math.sin(a)).toFixed(1)}" rx="2.5" ry="4.5" fill="#263238" transform="rotate(${i * 30 + 90} ${(132 + 25 * Math.cos(a)).toFixed(1)} ${(118 + 25 * Math.sin(a)).toFixed(1)})"/>`; }).join(''),
  ),
  'fruit/plums': svg(shadow(72) + round(72, 120, 44, '#7e57c2', '#4527a0') + round(128, 116, 48, '#673ab7', '#311b92', `<path d="M128 68 C 128 58 132 50 138 44" stroke="#6d4c2f" stroke-width="5" fill="none" stroke-linecap="round"/>`)),
  'fruit/strawberries': svg(
    shadow(70) +
      [[68, 70, 0.85], [124, 62, 1]]
        .map(([x, y, s]) =>
          at(x!, y!, s!, `<path d="M0 10 C -40 10 -44 50 -24 80 C -12 100 -4 112 0 116 C 4 112 12 100 24 80 C 44 50 40 10 0 10Z" fill="#e53935"/>` +
            dots([[-18, 36], [0, 30], [18, 36], [-12, 60], [12, 60], [0, 84], [-20, 52], [20, 52]], 2.5, '#ffeb3b') +
            `<path d="M0 12 L -22 0 L -8 4 L -12 -10 L 0 2 L 12 -10 L 8 4 L 22 0Z" fill="#43a047"/>`),
        )
        .join(''),
  ),
  'fruit/avocado': svg(
    shadow(60) +
      `<path d="M100 30 C 80 30 74 60 66 80 C 50 110 50 180 100 180 C 150 180 150 110 134 80 C 126 60 120 30 100 30Z" fill="#33691e"/>` +
      `<path d="M100 42 C 86 42 82 66 76 84 C 62 112 62 168 100 168 C 138 168 138 112 124 84 C 118 66 114 42 100 42Z" fill="#c5e1a5"/>` +
      `<circle cx="100" cy="128" r="24" fill="#8d5524"/>` + shine(92, 120, 5, 9),
  ),
  'fruit/pineapple': svg(
    shadow(50) +
      `<path d="M100 70 L 80 20 L 96 50 L 100 12 L 104 50 L 120 20Z" fill="#43a047"/><path d="M100 72 L 64 36 L 92 58Z M100 72 L 136 36 L 108 58Z" fill="#2e7d32"/>` +
      `<ellipse cx="100" cy="128" rx="46" ry="58" fill="#f9a825"/>` +
      `<g stroke="#bf7a00" stroke-width="3" opacity=".8"><path d="M62 100 L 118 184 M58 130 L 94 186 M76 78 L 142 170 M100 70 L 146 136 M138 100 L 82 184 M142 130 L 106 186 M124 78 L 58 170 M100 70 L 54 136"/></g>`,
  ),
  // ---- vegetables ----
  'vegetables/tomatoes': svg(shadow(74) + round(70, 122, 44, '#e53935', '#b71c1c', `<path d="M70 80 l -14 -6 l 10 10 l -12 6 l 16 -2 l 0 12 l 4 -12 l 14 4 l -10 -8 l 10 -10z" fill="#388e3c"/>`) + round(130, 112, 50, '#f44336', '#c62828', `<path d="M130 64 l -16 -6 l 11 11 l -14 6 l 18 -2 l 0 14 l 4 -14 l 16 4 l -12 -9 l 12 -11z" fill="#2e7d32"/>`)),
  'vegetables/cherry-tomatoes': svg(
    shadow(70) + `<path d="M50 60 C 80 40 120 40 150 60" stroke="#2e7d32" stroke-width="5" fill="none"/>` +
      [[56, 96, 24], [100, 90, 26], [146, 98, 24], [76, 142, 26], [126, 144, 26]].map(([x, y, r]) => round(x!, y!, r!, '#e53935', '#b71c1c', `<path d="M${x} ${y! - r!} L ${x} ${y! - r! - 20}" stroke="#2e7d32" stroke-width="4"/>`)).join(''),
  ),
  'vegetables/cucumber': svg(
    shadow(80) +
      `<rect x="16" y="84" width="168" height="50" rx="25" fill="#388e3c" transform="rotate(-20 100 109)"/>` +
      `<rect x="26" y="92" width="150" height="14" rx="7" fill="#81c784" opacity=".6" transform="rotate(-20 100 109)"/>` +
      dots([[50, 134], [80, 118], [110, 108], [140, 96], [66, 140], [126, 112]], 2.5, '#1b5e20') + `<rect x="172" y="62" width="10" height="16" rx="3" fill="#6d4c2f" transform="rotate(-20 177 70)"/>`,
  ),
  'vegetables/potatoes': svg(
    shadow(76) +
      `<ellipse cx="72" cy="126" rx="48" ry="36" fill="#c49a5a" transform="rotate(-15 72 126)"/><ellipse cx="134" cy="112" rx="50" ry="40" fill="#d4aa6a" transform="rotate(20 134 112)"/>` +
      dots([[58, 116], [84, 134], [70, 142], [124, 100], [150, 118], [138, 132], [116, 124]], 3, '#8d6e4a') + shine(120, 92, 8, 14),
  ),
  'vegetables/new-potatoes': svg(shadow(74) + [[60, 130, 28], [104, 140, 30], [146, 128, 26], [80, 96, 26], [126, 94, 26]].map(([x, y, r]) => `<ellipse cx="${x}" cy="${y}" rx="${r}" ry="${r! * 0.82}" fill="#e8c98f"/><circle cx="${x! - 6}" cy="${y! - 4}" r="2.5" fill="#a1887f"/>`).join('')),
  'vegetables/carrots': svg(
    shadow(70) +
      [[-10, 0], [14, 6]].map(([rot, dx]) => `<g transform="rotate(${rot} 100 100) translate(${dx} 0)"><path d="M84 60 L 116 60 L 102 186 Q 100 190 98 186Z" fill="#fb8c00"/><path d="M88 84 l 10 2 M104 110 l 10 -2 M90 132 l 8 2" stroke="#e65100" stroke-width="3"/><path d="M100 62 C 90 40 80 30 76 14 M100 62 C 100 40 102 26 106 10 M100 62 C 112 42 122 34 130 22" stroke="#43a047" stroke-width="6" fill="none" stroke-linecap="round"/></g>`).join(''),
  ),
  'vegetables/onion': svg(
    shadow() +
      `<path d="M100 30 C 104 50 170 70 164 124 C 160 160 130 178 100 178 C 70 178 40 160 36 124 C 30 70 96 50 100 30Z" fill="#e0a85a"/>` +
      `<path d="M100 44 C 90 80 84 140 100 176 M100 44 C 110 80 116 140 100 176 M100 40 C 70 80 56 140 80 174 M100 40 C 130 80 144 140 120 174" stroke="#b5792f" stroke-width="2.5" fill="none"/>` +
      `<path d="M92 178 l -6 10 M100 178 l 0 12 M108 178 l 6 10" stroke="#8d6e4a" stroke-width="3"/>` + shine(70, 100, 8, 20, 20),
  ),
  'vegetables/red-onion': svg(
    shadow() +
      `<path d="M100 30 C 104 50 170 70 164 124 C 160 160 130 178 100 178 C 70 178 40 160 36 124 C 30 70 96 50 100 30Z" fill="#8e2459"/>` +
      `<path d="M100 44 C 90 80 84 140 100 176 M100 44 C 110 80 116 140 100 176 M100 40 C 70 80 56 140 80 174 M100 40 C 130 80 144 140 120 174" stroke="#c2588e" stroke-width="2.5" fill="none"/>` + shine(70, 100, 8, 20, 20),
  ),
  'vegetables/cabbage': svg(shadow() + `<circle cx="100" cy="110" r="68" fill="#aed581"/><circle cx="100" cy="112" r="46" fill="#dcedc8"/><path d="M100 44 C 80 80 80 150 100 178 M54 70 C 90 90 110 130 108 176 M146 70 C 110 90 90 130 92 176" stroke="#7cb342" stroke-width="4" fill="none"/>`),
  'vegetables/beetroot': svg(
    shadow(56) + `<path d="M92 60 C 80 30 60 20 50 24 C 60 40 76 54 90 66Z M108 60 C 120 30 140 20 150 24 C 140 40 124 54 110 66Z" fill="#66bb6a"/><path d="M96 64 L 90 20 M104 64 L 110 20" stroke="#ad1457" stroke-width="5"/>` +
      `<path d="M100 60 C 150 60 160 110 140 140 C 128 160 110 170 100 190 C 90 170 72 160 60 140 C 40 110 50 60 100 60Z" fill="#880e4f"/>` + shine(76, 100, 8, 18, 20),
  ),
  'vegetables/red-pepper': svg(
    shadow(64) +
      `<path d="M60 64 C 40 70 34 110 44 140 C 52 166 72 180 90 170 C 96 178 104 178 110 170 C 128 180 148 166 156 140 C 166 110 160 70 140 64 C 124 58 112 66 100 66 C 88 66 76 58 60 64Z" fill="#e53935"/>` +
      `<path d="M100 66 C 96 100 96 140 100 172" stroke="#b71c1c" stroke-width="4" fill="none" opacity=".6"/><path d="M92 66 C 90 50 100 44 100 28" stroke="#2e7d32" stroke-width="9" fill="none" stroke-linecap="round"/>` + shine(64, 100, 8, 22, 10),
  ),
  'vegetables/courgette': svg(
    shadow(80) + `<path d="M24 128 C 20 110 60 92 100 84 C 140 76 168 62 180 74 C 190 86 170 110 130 124 C 90 138 30 150 24 128Z" fill="#558b2f"/>` +
      `<path d="M40 124 C 80 116 130 100 170 78" stroke="#9ccc65" stroke-width="5" fill="none" opacity=".7"/><rect x="176" y="62" width="14" height="18" rx="4" fill="#827717" transform="rotate(-30 183 71)"/>`,
  ),
  'vegetables/broccoli': svg(
    shadow(60) + `<path d="M86 110 L 80 182 L 120 182 L 114 110Z" fill="#9ccc65"/>` +
      dots([[60, 96], [86, 70], [116, 66], [142, 92], [100, 100], [74, 116], [128, 116]], 30, '#2e7d32') + dots([[60, 90], [86, 64], [116, 60], [142, 86], [100, 94]], 10, '#43a047'),
  ),
  'vegetables/cauliflower': svg(
    shadow(66) + `<path d="M30 130 C 40 170 80 184 100 184 C 120 184 160 170 170 130 C 140 150 60 150 30 130Z" fill="#66bb6a"/>` +
      dots([[62, 110], [86, 86], [116, 84], [140, 108], [100, 116], [76, 132], [126, 132]], 28, '#fff8e1') + dots([[62, 110], [86, 86], [116, 84], [140, 108], [100, 116]], 8, '#f0e6c0'),
  ),
  'vegetables/mushrooms': svg(
    shadow(74) +
      [[68, 96, 0.8], [128, 84, 1]].map(([x, y, s]) => at(x!, y!, s!, `<rect x="-16" y="0" width="32" height="70" rx="12" fill="#efebe9"/><path d="M-58 6 C -58 -46 58 -46 58 6Z" fill="#d7ccc8"/><path d="M-58 6 C -30 14 30 14 58 6" stroke="#a1887f" stroke-width="4" fill="none"/>` + shine(-24, -20, 6, 14, 60))).join(''),
  ),
  'vegetables/swede': svg(shadow() + `<path d="M92 50 C 84 30 84 20 90 12 M108 50 C 116 30 116 20 110 12" stroke="#7cb342" stroke-width="6" fill="none"/><circle cx="100" cy="114" r="64" fill="#f0d58c"/><path d="M36 110 C 40 70 70 50 100 50 C 130 50 160 70 164 110 C 130 90 70 90 36 110Z" fill="#8e6aa8"/>` + shine(70, 128, 8, 18, 20)),
  'vegetables/garlic': svg(
    shadow(60) + `<path d="M100 28 C 96 50 150 70 152 120 C 154 160 130 178 100 178 C 70 178 46 160 48 120 C 50 70 104 50 100 28Z" fill="#f5f5f0"/>` +
      `<path d="M100 40 C 80 80 76 140 88 176 M100 40 C 120 80 124 140 112 176 M100 40 C 60 80 52 140 66 170 M100 40 C 140 80 148 140 134 170" stroke="#d7ccc8" stroke-width="3" fill="none"/>` +
      `<path d="M90 178 l -4 8 M100 178 l 0 10 M110 178 l 4 8" stroke="#bcaaa4" stroke-width="3"/>`,
  ),
  'vegetables/ginger': svg(shadow(74) + `<path d="M30 130 C 30 110 60 104 74 110 C 80 90 96 80 110 92 C 120 70 150 70 154 92 C 174 100 176 130 156 140 C 140 150 120 140 110 150 C 90 164 70 150 60 150 C 40 156 30 146 30 130Z" fill="#d7a55f"/><path d="M60 126 C 80 122 100 126 120 118 M124 96 C 130 104 140 108 150 106" stroke="#a9763a" stroke-width="3" fill="none"/>`),
  'vegetables/lettuce': svg(shadow() + dots([[70, 112], [130, 112], [100, 80], [100, 140]], 46, '#9ccc65') + dots([[100, 112]], 40, '#c5e1a5') + `<path d="M100 80 C 96 110 96 130 100 150 M70 112 C 90 116 110 116 130 112" stroke="#7cb342" stroke-width="4" fill="none"/>`),
  'vegetables/dill': svg(
    shadow(40) + `<rect x="90" y="130" width="20" height="22" rx="4" fill="#8d6e4a"/>` +
      [-24, -10, 4, 18, 30].map((rot) => `<g transform="rotate(${rot} 100 170)"><path d="M100 180 L 100 40" stroke="#558b2f" stroke-width="4"/>${Array.from({ length: 6 }, (_, i) => `<path d="M100 ${50 + i * 16} l -16 -12 M100 ${50 + i * 16} l 16 -12" stroke="#7cb342" stroke-width="3"/>`).join('')}</g>`).join(''),
  ),
  // ---- bakery ----
  'bakery/baguette': svg(shadow(84) + `<rect x="12" y="84" width="176" height="48" rx="24" fill="#d9a04a" transform="rotate(-18 100 108)"/>` + [50, 80, 110, 140].map((x) => `<path d="M${x} ${128 - (x - 50) * 0.33} l 22 -20" stroke="#f4d9a0" stroke-width="7" stroke-linecap="round"/>`).join('')),
  'bakery/croissant': svg(
    shadow(76) +
      `<path d="M30 140 C 20 110 50 90 64 100 C 70 70 90 60 100 62 C 110 60 130 70 136 100 C 150 90 180 110 170 140 C 160 150 150 146 144 140 C 130 150 70 150 56 140 C 50 146 40 150 30 140Z" fill="#e0a24e"/>` +
      `<path d="M64 100 C 70 120 72 134 70 144 M100 62 C 98 90 98 120 100 146 M136 100 C 130 120 128 134 130 144" stroke="#a86a22" stroke-width="4" fill="none"/>` + shine(96, 80, 6, 14, 70),
  ),
  'bakery/cinnamon-bun': svg(shadow(70) + `<circle cx="100" cy="110" r="66" fill="#d9a04a"/><path transform="translate(100 110) scale(.72) translate(-100 -110)" d="M100 110 m 0 -8 a 8 8 0 1 1 -8 8 a 16 16 0 1 1 16 16 a 26 26 0 1 1 -26 -26 a 36 36 0 1 1 36 36 a 46 46 0 1 1 -46 -46" stroke="#8d5524" stroke-width="7" fill="none" stroke-linecap="round"/>`),
  'bakery/curd-pastry': svg(shadow(70) + `<circle cx="100" cy="112" r="66" fill="#e0a24e"/><circle cx="100" cy="110" r="38" fill="#fff8e1"/><circle cx="100" cy="110" r="38" fill="none" stroke="#c98a3a" stroke-width="5"/>` + shine(84, 96, 6, 10)),
  'bakery/doughnuts': svg(shadow(76) + [[66, 124, 0.8], [128, 108, 1]].map(([x, y, s]) => at(x!, y!, s!, `<circle r="54" fill="#e0a24e"/><path d="M-50 -10 C -40 -50 40 -50 50 -10 C 40 0 20 -6 0 -2 C -20 -6 -40 0 -50 -10Z" fill="#f8bbd0"/><circle r="16" fill="#fff" opacity=".9"/>` + dots([[-30, -24], [20, -30], [34, -14], [-10, -36]], 3, '#fff'))).join('')),
  'bakery/biscuits': svg(shadow(76) + [[64, 124], [136, 124], [100, 84]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="38" fill="#f0c27a"/><circle cx="${x}" cy="${y}" r="32" fill="none" stroke="#d9a04a" stroke-width="3" stroke-dasharray="4 6"/>${dots([[x! - 10, y! - 6], [x! + 10, y! - 6], [x!, y! + 10]], 3, '#c9892e')}`).join('')),
  'bakery/gingerbread': svg(
    shadow(54) +
      `<path d="M100 24 a 24 24 0 1 1 -0.1 0 Z M76 78 L 124 78 L 164 96 C 172 100 168 116 158 114 L 128 104 L 132 140 L 150 176 C 154 186 140 192 134 184 L 100 144 L 66 184 C 60 192 46 186 50 176 L 68 140 L 72 104 L 42 114 C 32 116 28 100 36 96Z" fill="#b5651d"/>` +
      `<circle cx="92" cy="44" r="4" fill="#fff"/><circle cx="108" cy="44" r="4" fill="#fff"/><path d="M90 56 Q 100 64 110 56" stroke="#fff" stroke-width="3" fill="none"/>` + dots([[100, 92], [100, 110], [100, 128]], 5, '#fff'),
  ),
  'bakery/pasties': svg(shadow(78) + [[68, 128, 0.8], [130, 108, 1]].map(([x, y, s]) => at(x!, y!, s!, `<path d="M-60 20 C -60 -40 60 -40 60 20Z" fill="#d9a04a"/><path d="M-60 20 L 60 20" stroke="#a86a22" stroke-width="6" stroke-linecap="round"/><path d="M-40 16 l 6 -10 M-20 16 l 6 -10 M0 16 l 6 -10 M20 16 l 6 -10 M40 16 l 6 -10" stroke="#a86a22" stroke-width="3"/>` + shine(-14, -10, 6, 14, 60))).join('')),
  'bakery/bread-roll': svg(shadow(70) + `<ellipse cx="100" cy="116" rx="72" ry="56" fill="#e3a857"/><path d="M100 116 m -72 0 a 72 56 0 0 0 144 0 a 72 40 0 0 1 -144 0Z" fill="#b87a30" opacity=".35"/><path d="M56 96 C 80 84 120 84 144 96" stroke="#f6dcaa" stroke-width="8" fill="none" stroke-linecap="round"/>` + shine(70, 90, 6, 14, 60)),
  'bakery/rye-roll': svg(shadow(70) + `<ellipse cx="100" cy="116" rx="72" ry="56" fill="#7b4a26"/><path d="M100 116 m -72 0 a 72 56 0 0 0 144 0 a 72 40 0 0 1 -144 0Z" fill="#3e2312" opacity=".35"/>` + dots([[70, 100], [90, 90], [112, 94], [132, 104], [80, 120], [120, 122], [100, 110]], 3, '#c8a27a') + shine(70, 92, 6, 14, 60)),
};

// Category tiles: two of their items side by side.
const inner = (key: string) => PICTURES[key]!.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\n$/, '');
PICTURES['category/fruit'] = svg(at(-10, 20, 0.7, inner('fruit/apple-golden')) + at(70, 30, 0.7, inner('fruit/bananas')));
PICTURES['category/vegetables'] = svg(at(-6, 24, 0.68, inner('vegetables/carrots')) + at(68, 40, 0.68, inner('vegetables/tomatoes')));
PICTURES['category/bakery'] = svg(at(-6, 36, 0.66, inner('bakery/baguette')) + at(72, 30, 0.66, inner('bakery/croissant')));
PICTURES['category/other'] = svg(shadow(60) + `<path d="M40 70 L 160 70 L 150 180 L 50 180Z" fill="#90a4ae"/><path d="M70 70 C 70 30 130 30 130 70" stroke="#607d8b" stroke-width="8" fill="none"/>`);

// The weighing panel's guide: an item going onto a scanner-scale's platter.
PICTURES['ui/scale'] = svg(
  `<rect x="20" y="128" width="160" height="44" rx="10" fill="#b0bec5"/><rect x="28" y="116" width="144" height="18" rx="6" fill="#eceff1" stroke="#90a4ae" stroke-width="3"/>` +
    `<rect x="70" y="140" width="60" height="22" rx="4" fill="#263238"/><text x="100" y="157" font-family="monospace" font-size="16" fill="#69f0ae" text-anchor="middle">1.234</text>` +
    at(60, 14, 0.4, inner('fruit/bananas')) + `<path d="M100 86 L 100 104 M92 96 L 100 106 L 108 96" stroke="#00584f" stroke-width="5" fill="none" stroke-linecap="round"/>`,
);

for (const [name, text] of Object.entries(PICTURES)) {
  const file = join(OUT, `${name}.svg`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
console.log(`wrote ${Object.keys(PICTURES).length} pictures to ${OUT}`);
