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
  if (o.alternative) return 'Please pay at the terminal';
  if (o.error) return `Payment declined: ${o.error}`;
  return 'Waiting for payment';
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.45 system-ui,sans-serif;background:#f2f4f7;color:#1d2430}
main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:1rem;padding:1.25rem;box-shadow:0 2px 8px rgba(0,0,0,.08);margin-bottom:1rem}
h1{font-size:1.15rem;margin:0 0 .25rem}h2{font-size:1rem;margin:0 0 .5rem}.total{font-size:2.5rem;font-weight:700;margin:.5rem 0}
table{width:100%;border-collapse:collapse}td{padding:.4rem 0;border-bottom:1px solid #eef0f3;vertical-align:top}
td.num{text-align:right;white-space:nowrap;padding-left:.5rem}
button{display:block;width:100%;min-height:3.25rem;font:inherit;font-size:1.15rem;padding:.85rem 1rem;border:0;border-radius:.75rem;margin:.5rem 0;cursor:pointer}
button:focus-visible,select:focus-visible{outline:3px solid #1a56db;outline-offset:2px}
button:disabled{opacity:.55;cursor:default}
#pay{background:#1f7a3f;color:#fff}#pay-personal{background:#14532d;color:#fff}#terminal{background:#dde3ea;color:#1d2430}
#decline{background:#fff;color:#a11;border:2px solid #a11}#expire{background:#fff;color:#1d2430;border:2px solid #9aa4b1}
.fault{background:#fff7e6;color:#6b4500;border:2px dashed #c98a00;font-size:1rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}select{width:100%;min-height:3rem;font:inherit;padding:.5rem;border-radius:.5rem;border:1px solid #9aa4b1;background:#fff}
#state{font-weight:600;min-height:1.5em}.muted{color:#5b6573;font-size:.9rem}.discount{color:#14532d;font-weight:600}`;

const SCRIPT = `
const ref = document.body.dataset.order;
const state = document.getElementById('state');
const buttons = () => document.querySelectorAll('button');
async function post(path, body) {
  const res = await fetch('/__control/' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || ('HTTP ' + res.status));
  return data;
}
function show(order) {
  if (!order) return;
  document.getElementById('total').textContent = '€ ' + Number(order.total).toFixed(2);
  const off = Math.round((Number(order.totalOriginal) - Number(order.total)) * 100) / 100;
  const d = document.getElementById('discount');
  if (d && off > 0) d.textContent = 'SWiP discount −€ ' + off.toFixed(2) + ' (was € ' + Number(order.totalOriginal).toFixed(2) + ')';
}
async function run(label, steps, done, finished) {
  for (const b of buttons()) b.disabled = true;
  state.textContent = label + '…';
  try {
    let data = {};
    for (const s of steps) data = await s();
    show(data.order);
    state.textContent = typeof done === 'function' ? done(data) : done;
    if (finished) return document.getElementById('actions').remove();
  } catch (e) {
    state.textContent = 'Failed: ' + e.message;
  }
  for (const b of buttons()) b.disabled = false;
}
const bp = Number(document.body.dataset.walletBp);
const actions = {
  pay: () => run('Paying', [() => post('pay', { order: ref })], 'Paid. Thank you!', true),
  'pay-personal': () => run('Paying with your personal discount', [() => post('open', { order: ref, personalDiscountBp: bp }), () => post('pay', { order: ref })], 'Paid. Thank you!', true),
  terminal: () => run('Choosing the terminal', [() => post('markTerminal', { order: ref })], 'Please pay at the terminal', true),
  decline: () => run('Declining', [() => post('decline', { order: ref, reason: document.getElementById('reason').value })], (d) => 'Payment declined: ' + d.order.error, false),
  expire: () => {
    const at = new Date(Number(document.body.dataset.expiresAt));
    document.getElementById('actions').remove();
    state.textContent = 'Nothing more will happen here. SWiP expires this order at ' + at.toLocaleTimeString() +
      ' (' + Math.round(Number(document.body.dataset.timeoutMs) / 1000) + ' s after it was created) and voids any hold.';
  },
  'fault-lose': () => run('Arming', [() => post('faults', { kind: 'lose-response', times: 1 })], 'The next API response will be lost', false),
  'fault-429': () => run('Arming', [() => post('faults', { kind: 'status', status: 429, retryAfterS: 1, times: 1 })], 'The next API request will get 429', false),
};
for (const b of document.querySelectorAll('button[data-action]')) b.addEventListener('click', () => actions[b.dataset.action]());`;

export interface WalletPageOptions {
  merchantName: string;
  openTimeoutMs: number;
  /** Basis points of the "Pay with personal discount" button. */
  walletDiscountBp: number;
}

function percent(bp: number): string {
  return `${bp / 100}`.replace('.', ',') + ' %';
}

export function walletPage(o: StoredOrder, opts: WalletPageOptions): string {
  const rows = o.purchases
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.name)}<div class="muted">${escapeHtml(quantity(p.quantity, p.unit))} ${euro(p.price)}</div>` +
        `${p.discountCents > 0 ? `<div class="discount">SWiP −€ ${euro(p.discountCents)}</div>` : ''}</td><td class="num">€ ${euro(p.amount)}</td></tr>`,
    )
    .join('');
  const discount = o.totalOriginalCents - o.totalCents;
  const open = o.status === 'OPEN' && o.paidCents === 0 && !o.alternative;
  const actions = open
    ? `<section class="card" id="actions" aria-label="What the customer does">
<button id="pay" type="button" data-action="pay">Pay € ${euro(o.totalCents)}</button>
<button id="pay-personal" type="button" data-action="pay-personal">Pay with personal discount (−${percent(opts.walletDiscountBp)})</button>
<button id="terminal" type="button" data-action="terminal">Pay at the terminal (cash or card)</button>
<label for="reason">Decline reason</label>
<select id="reason" name="reason">
<option>Insufficient funds</option><option>Card expired</option><option>Payment declined by the issuing bank</option><option>3-D Secure failed</option>
</select>
<button id="decline" type="button" data-action="decline">Decline the payment</button>
<button id="expire" type="button" data-action="expire">Let it expire</button>
<h2>Faults (sandbox)</h2>
<button id="fault-lose" class="fault" type="button" data-action="fault-lose">Lose the next API response</button>
<button id="fault-429" class="fault" type="button" data-action="fault-429">Answer the next API request with 429</button>
</section>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>SWiP – ${escapeHtml(opts.merchantName)}</title>
<style>${STYLE}</style></head>
<body data-order="${escapeHtml(o.id)}" data-expires-at="${o.createdAt + opts.openTimeoutMs}" data-timeout-ms="${opts.openTimeoutMs}" data-wallet-bp="${opts.walletDiscountBp}"><main>
<section class="card"><h1>${escapeHtml(opts.merchantName)}</h1><div class="muted">Order ${escapeHtml(o.merchantOrderNumber ?? o.merchantOrderId)}</div>
<div class="total" id="total" aria-label="Total to pay">€ ${euro(o.totalCents)}</div>
<div class="discount" id="discount">${discount > 0 ? `SWiP discount −€ ${euro(discount)} (was € ${euro(o.totalOriginalCents)})` : ''}</div>
<p id="state" role="status" aria-live="polite">${escapeHtml(stateText(o))}</p></section>
${actions}
<section class="card" aria-label="Purchases"><table>${rows}</table></section>
<p class="muted">SWiP sandbox – no real money moves.</p>
</main><script>${SCRIPT}</script></body></html>`;
}

export function walletNotFound(code: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>SWiP</title><style>${STYLE}</style></head><body><main><section class="card"><h1>Order not found</h1>
<p class="muted">No open order for code ${escapeHtml(code)}.</p></section></main></body></html>`;
}
