/**
 * The digital receipt page, `GET /r/<token>`: one receipt, read-only, in the receipt's language,
 * with the same lines, amounts, VAT and order number as the printed one. No script, no cookie, no
 * other data: the token (see journal/receipt-links.ts) is checked for shape before any look-up,
 * and an unknown, expired or malformed token gets the same 404 page. Card details and the
 * terminal's slip are left out (the paper receipt has them).
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DEFAULT_CURRENCY, withCurrency } from '../checkout/currency';
import type { Lang } from '../checkout/lang';
import { receiptText, type Receipt } from '../checkout/receipt';
import { formatIssuedAt, formatMoney, formatRate, formatWeight } from '../checkout/receipt-layout';

const TITLE: Record<Lang, string> = { en: 'Receipt', et: 'Tšekk', pl: 'Paragon', ru: 'Чек' };
const GONE: Record<Lang, string> = {
  en: 'This receipt link is unknown or has expired.',
  et: 'Selle tšeki link on tundmatu või aegunud.',
  pl: 'Ten link do paragonu jest nieznany lub wygasł.',
  ru: 'Ссылка на чек неизвестна или устарела.',
};

const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{margin:0;background:#f3f4f6;color:#111827;font:16px/1.45 system-ui,sans-serif}
main{max-width:30rem;margin:0 auto;padding:1.25rem;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:1.4rem;margin:0 0 .25rem}p{margin:.15rem 0}.muted{color:#4b5563}
table{width:100%;border-collapse:collapse;margin:.75rem 0}td,th{padding:.3rem 0;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap;padding-left:.75rem}thead th{font-size:.85rem;color:#4b5563;border-bottom:1px solid #d1d5db}
.detail{font-size:.85rem;color:#4b5563}.total td{font-size:1.3rem;font-weight:700;border-top:2px solid #111827;border-bottom:2px solid #111827}`;

/** The receipt as a standalone HTML page (escaped throughout). Pure. */
export function receiptPageHtml(r: Receipt, nonce: string): string {
  const L = r.lang;
  const cur = r.currency ?? DEFAULT_CURRENCY;
  const money = (c: number) => esc(withCurrency(formatMoney(Math.abs(c), L), cur, L, c < 0 ? '−' : ''));
  const lines = r.lines
    .map((l) => {
      const q = l.quantity;
      const detail = q.kind === 'weight' ? `${formatWeight(q.grams, L)} × ${money(l.unitPriceCents)}/kg` : q.count > 1 ? `${q.count} × ${money(l.unitPriceCents)}` : '';
      return `<tr><td>${esc(l.name)}${detail ? `<div class="detail">${detail}</div>` : ''}</td><td class="n">${money(l.totalCents)}</td></tr>`;
    })
    .join('');
  const extra = [
    ...r.discounts.map((d) => `<tr><td>${esc(d.description)}</td><td class="n">${money(-d.amountCents)}</td></tr>`),
    ...(r.rounding ? [`<tr><td>${esc(receiptText('rounding', L))}</td><td class="n">${money(r.rounding.amountCents)}</td></tr>`] : []),
  ].join('');
  const vat = r.vat
    .map((v) => `<tr><td>${esc(formatRate(v.rateBp, L))}</td><td class="n">${money(v.netCents)}</td><td class="n">${money(v.vatCents)}</td><td class="n">${money(v.grossCents)}</td></tr>`)
    .join('');
  const p = r.payment;
  const method = p ? (p.provider === 'terminal' ? receiptText('card', L) : p.provider === 'inpost' ? 'InPost Pay' : p.provider === 'swip' ? 'SWiP' : 'Smarts') : null;
  const t = (k: Parameters<typeof receiptText>[0]) => esc(receiptText(k, L));
  return `<!doctype html><html lang="${L}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(TITLE[L])} ${esc(r.receiptNo)} · ${esc(r.store.name)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<h1>${esc(r.store.name)}</h1>
${r.store.address.map((a) => `<p class="muted">${esc(a)}</p>`).join('')}
${r.store.registrationNo ? `<p class="muted">${t('regNo')}: ${esc(r.store.registrationNo)}</p>` : ''}${r.store.vatNo ? `<p class="muted">${t('vatNo')}: ${esc(r.store.vatNo)}</p>` : ''}
<p><strong>${t('receiptNo')}: <span data-testid="receipt-no">${esc(r.receiptNo)}</span></strong></p>
<p>${t('kiosk')}: ${esc(r.kioskId)} · <time>${esc(formatIssuedAt(r.issuedAt, r.timeZone, L))}</time></p>
<table data-testid="lines"><tbody>${lines}${extra}</tbody>
<tfoot><tr class="total"><td>${t('total')}</td><td class="n" data-testid="total">${money(r.totalCents)}</td></tr></tfoot></table>
<table data-testid="vat"><thead><tr><th>${t('vatRate')}</th><th class="n">${t('net')}</th><th class="n">${t('vat')}</th><th class="n">${t('gross')}</th></tr></thead><tbody>${vat}</tbody></table>
${method ? `<p>${t('paidWith')}: ${esc(method)}</p>` : ''}${p?.orderNumber ? `<p>${t('orderNo')}: <span data-testid="order-no">${esc(p.orderNumber)}</span></p>` : ''}
${r.footer.map((f) => `<p class="muted">${esc(f)}</p>`).join('')}
</main></body></html>`;
}

function notFoundHtml(lang: Lang, nonce: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>404</title><style nonce="${nonce}">${STYLE}</style></head><body><main><h1>404</h1><p>${esc(GONE[lang])}</p></main></body></html>`;
}

/**
 * Answers `GET|HEAD /r/<token>` (true when the path is the receipt page's). Needs no cookie and
 * no host name check: it is a public, read-only page whose token is the only key.
 */
export function serveReceiptPage(path: string, method: string, res: ServerResponse, receipts: { receipt(token: string): Receipt | null }, defaultLang: Lang): boolean {
  if (!path.startsWith('/r/')) return false;
  const nonce = randomBytes(16).toString('base64');
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-robots-tag': 'noindex',
  };
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return true;
  }
  // The token's shape is checked (in resolve) before any look-up; extra path segments are not a receipt.
  const token = path.slice(3);
  const receipt = token.includes('/') ? null : receipts.receipt(token);
  const body = receipt ? receiptPageHtml(receipt, nonce) : notFoundHtml(defaultLang, nonce);
  res.writeHead(receipt ? 200 : 404, headers);
  res.end(method === 'HEAD' ? undefined : body);
  return true;
}
