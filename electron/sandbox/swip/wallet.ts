/**
 * The wallet page at GET /wallet/:sessionCode: plays the SWiP app. Self-contained HTML (inline
 * CSS and script, no external assets); its buttons POST to the control API.
 */
import type { StoredOrder } from './order-model';
import { euro } from './slip';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function quantity(q: number, unit: string | null | undefined): string {
  if (unit === 'KILOGRAMS') return `${q} kg`;
  if (unit === 'LITERS') return `${q} l`;
  return `${q} ×`;
}

function stateText(o: StoredOrder): string {
  if (o.status === 'CLOSED') return o.closeAmountCents > 0 ? 'Completed' : 'Cancelled';
  if (o.paidCents > 0) return 'Paid, waiting for the shop to confirm';
  if (o.alternative) return 'Pay at the terminal';
  if (o.error) return o.error;
  return 'Waiting for payment';
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#f2f4f7;color:#1d2430}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:1rem;padding:1.25rem;box-shadow:0 2px 8px rgba(0,0,0,.08);margin-bottom:1rem}
h1{font-size:1.1rem;margin:0 0 .25rem}.total{font-size:2.5rem;font-weight:700;margin:.5rem 0}
table{width:100%;border-collapse:collapse}td{padding:.35rem 0;border-bottom:1px solid #eef0f3;vertical-align:top}
td.num{text-align:right;white-space:nowrap;padding-left:.5rem}
button{display:block;width:100%;font-size:1.25rem;padding:1rem;border:0;border-radius:.75rem;margin:.5rem 0;cursor:pointer}
#pay{background:#1f7a3f;color:#fff}#terminal{background:#dde3ea}#decline{background:#fff;color:#a11;border:2px solid #a11}
#state{font-weight:600}.muted{color:#66707d;font-size:.85rem}`;

const SCRIPT = `
const ref = document.body.dataset.order;
async function act(action) {
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  const state = document.getElementById('state');
  try {
    const res = await fetch('/__control/' + action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ order: ref }) });
    const data = await res.json();
    state.textContent = res.ok ? ({ pay: 'Paid. Thank you!', decline: 'Payment declined', markTerminal: 'Please pay at the terminal' })[action] : ('Failed: ' + data.message);
    if (res.ok) document.getElementById('actions').remove();
  } catch (e) {
    state.textContent = 'No connection, try again';
    for (const b of document.querySelectorAll('button')) b.disabled = false;
  }
}
for (const b of document.querySelectorAll('button[data-action]')) b.addEventListener('click', () => act(b.dataset.action));`;

export function walletPage(o: StoredOrder, merchantName: string): string {
  const rows = o.purchases
    .map((p) => `<tr><td>${escapeHtml(p.name)}<div class="muted">${escapeHtml(quantity(p.quantity, p.unit))} ${euro(p.price)}</div></td><td class="num">€ ${euro(p.amount)}</td></tr>`)
    .join('');
  const discount = o.totalOriginalCents - o.totalCents;
  const open = o.status === 'OPEN' && o.paidCents === 0;
  const actions = open
    ? `<div id="actions"><button id="pay" data-action="pay">Pay € ${euro(o.totalCents)}</button>` +
      `<button id="terminal" data-action="markTerminal">Pay at the terminal</button>` +
      `<button id="decline" data-action="decline">Decline</button></div>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>SWiP – ${escapeHtml(merchantName)}</title>
<style>${STYLE}</style></head>
<body data-order="${escapeHtml(o.id)}"><main>
<section class="card"><h1>${escapeHtml(merchantName)}</h1><div class="muted">Order ${escapeHtml(o.merchantOrderNumber ?? o.merchantOrderId)}</div>
<div class="total" id="total">€ ${euro(o.totalCents)}</div>
${discount > 0 ? `<div class="muted">SWiP discount −€ ${euro(discount)} (was € ${euro(o.totalOriginalCents)})</div>` : ''}
<p id="state">${escapeHtml(stateText(o))}</p>${actions}</section>
<section class="card"><table>${rows}</table></section>
<p class="muted">SWiP sandbox – no real money moves.</p>
</main><script>${SCRIPT}</script></body></html>`;
}

export function walletNotFound(code: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SWiP</title><style>${STYLE}</style></head><body><main><section class="card"><h1>Order not found</h1>
<p class="muted">No open order for code ${escapeHtml(code)}.</p></section></main></body></html>`;
}
