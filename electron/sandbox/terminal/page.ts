/**
 * GET /terminal: the customer at the card terminal. Self-contained HTML; it polls
 * /__control/state and its buttons POST to the control API, so a person in the demo and
 * Playwright drive the simulator the same way.
 */

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.45 system-ui,sans-serif;background:#20242b;color:#f4f6f8}
main{max-width:24rem;margin:0 auto;padding:1rem}
.screen{background:#0f3d2e;border-radius:1rem;padding:1.25rem;margin-bottom:1rem;min-height:9rem}
.amount{font-size:2.4rem;font-weight:700;margin:.25rem 0}#pin{font-size:2rem;letter-spacing:.4rem;min-height:2.5rem}
h1,h2{font-size:1rem;margin:.6rem 0 0;color:#b9d8cb;font-weight:600}#message{font-weight:600;margin:.5rem 0 0}
button{font:inherit;font-size:1.15rem;min-height:3.25rem;border:0;border-radius:.75rem;cursor:pointer;background:#e9edf1;color:#1d2430;width:100%;margin:.3rem 0}
button:disabled{opacity:.35;cursor:default}button:focus-visible,select:focus-visible{outline:3px solid #7cc4ff;outline-offset:2px}
.pad{display:grid;grid-template-columns:repeat(3,1fr);gap:.5rem;margin:.5rem 0}.pad button{margin:0;font-size:1.5rem}
#approve,#pin-ok{background:#1f7a3f;color:#fff}#cancel,#decline{background:#b3261e;color:#fff}#pin-clear{background:#e8b400}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}select{width:100%;min-height:3rem;font:inherit;border-radius:.5rem;padding:.4rem}
.muted{color:#aab3bd;font-size:.85rem}`;

const SCRIPT = `
const $ = (id) => document.getElementById(id);
let pin = '';
let stage = 'idle';
async function post(path, body) {
  const res = await fetch('/__control/' + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) $('message').textContent = data.message || ('HTTP ' + res.status);
  await refresh();
}
const TEXT = {
  idle: 'Welcome', 'present-card': 'Insert, tap or swipe card', 'enter-pin': 'Enter PIN, then OK',
  authorising: 'Authorising…', done: '',
};
function show(s) {
  stage = s.stage;
  $('amount').textContent = s.amountCents == null ? '' : s.currency + ' ' + (s.amountCents / 100).toFixed(2);
  let msg = TEXT[s.stage] || '';
  if (s.stage === 'done' && s.lastResult) {
    const r = s.lastResult;
    msg = r.state === 'approved' ? 'Approved' : r.state === 'aborted' ? 'Cancelled by the till' : 'Declined' + (r.refusalReason ? ': ' + r.refusalReason : '');
  }
  if (s.maintenance) msg = 'Maintenance';
  if (!s.hostReachable) msg += ' (no connection to the bank)';
  $('message').textContent = msg;
  $('pin').textContent = '•'.repeat(pin.length);
  const on = (id, yes) => { $(id).disabled = !yes; };
  on('insert', s.stage === 'present-card'); on('tap', s.stage === 'present-card');
  for (const b of document.querySelectorAll('.pad button')) b.disabled = s.stage !== 'enter-pin';
  on('approve', s.stage === 'authorising' || s.stage === 'present-card');
  on('decline', ['present-card', 'enter-pin', 'authorising'].includes(s.stage));
  on('cancel', ['present-card', 'enter-pin', 'authorising'].includes(s.stage));
  on('remove', ['enter-pin', 'authorising'].includes(s.stage));
}
async function refresh() {
  try {
    const res = await fetch('/__control/state');
    show(await res.json());
  } catch (e) {
    $('message').textContent = 'Terminal offline';
  }
}
$('insert').onclick = () => post('insert-card', {});
$('tap').onclick = () => post('insert-card', { contactless: true });
for (const b of document.querySelectorAll('.pad button[data-digit]')) b.onclick = () => { if (pin.length < 12) pin += b.dataset.digit; $('pin').textContent = '•'.repeat(pin.length); };
$('pin-clear').onclick = () => { pin = ''; $('pin').textContent = ''; };
$('pin-ok').onclick = () => { const p = pin; pin = ''; post('enter-pin', { pin: p }); };
$('approve').onclick = () => post('approve');
$('decline').onclick = () => post('decline', { reason: $('reason').value });
$('cancel').onclick = () => post('decline', { reason: 'cancelled' });
$('remove').onclick = () => post('decline', { reason: 'card-removed' });
refresh();
setInterval(refresh, 250);`;

export function terminalPage(poiId: string): string {
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `<button type="button" data-digit="${d}" aria-label="PIN digit ${d}">${d}</button>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Card terminal ${escapeHtml(poiId)}</title>
<style>${STYLE}</style></head><body><main>
<section class="screen" aria-label="Terminal screen"><h1>Terminal ${escapeHtml(poiId)}</h1>
<div class="amount" id="amount" aria-label="Amount"></div><p id="message" role="status" aria-live="polite">Welcome</p>
<div id="pin" aria-label="PIN entered"></div></section>
<button id="insert" type="button">Insert card</button>
<button id="tap" type="button">Tap card (contactless)</button>
<div class="pad" role="group" aria-label="PIN pad">${digits}
<button id="pin-clear" type="button" aria-label="Clear PIN">C</button><button type="button" data-digit="0" aria-label="PIN digit 0">0</button><button id="pin-ok" type="button" aria-label="Confirm PIN">OK</button></div>
<h2>The bank</h2>
<button id="approve" type="button">Approve</button>
<label for="reason">Decline reason</label>
<select id="reason"><option value="insufficient-funds">Insufficient funds</option><option value="card-removed">Card removed</option><option value="wrong-pin">Wrong PIN</option><option value="cancelled">Cancelled</option></select>
<button id="decline" type="button">Decline</button>
<h2>The customer</h2>
<button id="remove" type="button">Remove card</button>
<button id="cancel" type="button">Cancel on the terminal</button>
<p class="muted">Card terminal simulator (nexo / Terminal API) – no real money moves.</p>
</main><script>${SCRIPT}</script></body></html>`;
}
