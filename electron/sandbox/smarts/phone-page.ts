/**
 * The simulator's phone page ("Smarts app"): scan or search products through the store's node,
 * ask for the purchase check, wait for the store's result, pay. Plain HTML and a small script;
 * the session key comes from the page's own URL and goes back in `x-phone-key`. It plays the
 * Smarts app (not a Kassa screen), so it is in English only, like the SWiP sandbox's wallet.
 */
export function phonePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Smarts app (simulator)</title>
<style>
  body { font: 16px/1.4 system-ui, sans-serif; margin: 0; background: #eef2f5; color: #14202b; }
  main { max-width: 420px; margin: 0 auto; padding: 12px; }
  header { background: #0b6e4f; color: #fff; padding: 12px; border-radius: 12px; }
  h1 { font-size: 20px; margin: 0; } small { opacity: .8; }
  section { background: #fff; border-radius: 12px; padding: 12px; margin-top: 12px; }
  label { display: block; font-weight: 600; margin-bottom: 4px; }
  .row { display: flex; gap: 8px; } input { flex: 1; font-size: 16px; padding: 10px; border: 1px solid #9aa; border-radius: 8px; min-width: 0; }
  button { font-size: 16px; padding: 10px 14px; border: 0; border-radius: 8px; background: #0b6e4f; color: #fff; }
  button:disabled { background: #9aa; } button.secondary { background: #dde5ea; color: #14202b; }
  ul { list-style: none; padding: 0; margin: 0; } li { display: flex; justify-content: space-between; gap: 8px; padding: 8px 0; border-bottom: 1px solid #eee; }
  .total { font-weight: 700; font-size: 20px; display: flex; justify-content: space-between; margin-top: 8px; }
  #status { font-weight: 600; min-height: 1.4em; } .age { background: #f6c343; border-radius: 6px; padding: 0 6px; font-size: 13px; }
</style></head>
<body><main>
<header><h1>Smarts</h1><small>simulator · store <span id="store"></span></small></header>
<section>
  <form id="scanForm"><label for="barcode">Scan a barcode</label>
  <div class="row"><input id="barcode" inputmode="numeric" autocomplete="off" maxlength="64"><button type="submit">Scan</button></div></form>
  <form id="searchForm" style="margin-top:10px"><label for="name">Search by name</label>
  <div class="row"><input id="name" autocomplete="off" maxlength="100"><button type="submit" class="secondary">Search</button></div></form>
  <ul id="found" aria-label="Search results"></ul>
</section>
<section>
  <h2 style="margin:0 0 6px;font-size:18px">Cart <small id="invoice"></small></h2>
  <ul id="cart" aria-label="Cart"></ul>
  <div class="total"><span>Total</span><span id="total">€ 0.00</span></div>
  <p id="status" role="status"></p>
  <div class="row"><button id="checkout" type="button">Go to payment</button><button id="pay" type="button" hidden>Pay</button><button id="reset" type="button" class="secondary" hidden>New cart</button></div>
</section>
<section id="receipt" hidden aria-label="Receipt"></section>
</main>
<script>
const key = new URLSearchParams(location.search).get('key') || '';
const $ = (id) => document.getElementById(id);
const euro = (c) => '€ ' + (c / 100).toFixed(2);
const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => '&#' + ch.charCodeAt(0) + ';');
async function call(path, body) {
  const r = await fetch('/phone/api/' + path, { method: body === undefined ? 'GET' : 'POST', headers: { 'x-phone-key': key, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || ('HTTP ' + r.status));
  return data;
}
const STEP = { shopping: '', checking: 'Purchase check: please wait for a member of staff…', 'check-failed': 'The purchase check failed. Please ask a member of staff.', 'ready-to-pay': 'Ready to pay', paid: 'Paid. Thank you!' };
function render(s) {
  $('invoice').textContent = s.invoiceId;
  $('store').textContent = s.institutionId;
  $('cart').innerHTML = s.lines.map((l) => '<li><span>' + esc(l.name) + (l.minAge ? ' <span class="age">' + l.minAge + '+</span>' : '') + ' × ' + l.quantity + (l.unit === 'PIECE' ? '' : ' ' + esc(l.unit.toLowerCase())) + '</span><span>' + euro(l.rowCents) + '</span></li>').join('');
  $('total').textContent = euro(s.totalCents);
  $('status').textContent = s.message || STEP[s.step] || '';
  $('checkout').hidden = s.step !== 'shopping';
  $('pay').hidden = s.step !== 'ready-to-pay';
  $('pay').textContent = 'Pay ' + euro(s.totalCents);
  $('reset').hidden = s.step !== 'paid' && s.step !== 'check-failed';
  const r = s.receipt;
  $('receipt').hidden = !r;
  if (r) $('receipt').innerHTML = '<h2 style="margin:0;font-size:18px">Receipt ' + esc(r.institutionInvoiceId) + '</h2><ul>' + r.products.map((p) => '<li><span>' + esc(p.productName) + ' × ' + p.amount + '</span><span>€ ' + Number(p.rowPrice).toFixed(2) + '</span></li>').join('') + '</ul><div class="total"><span>Paid</span><span>€ ' + Number(r.total).toFixed(2) + '</span></div>';
  clearTimeout(render.timer);
  if (s.step === 'checking') render.timer = setTimeout(() => call('state').then(render, showError), 1000);
}
function showError(e) { $('status').textContent = e.message; }
$('scanForm').onsubmit = (ev) => { ev.preventDefault(); const code = $('barcode').value; $('barcode').value = ''; call('scan', { barcode: code }).then(render, showError); };
$('searchForm').onsubmit = (ev) => {
  ev.preventDefault();
  call('search', { name: $('name').value }).then((r) => {
    $('found').innerHTML = r.products.map((p, i) => '<li><span>' + esc(p.name) + ' · ' + euro(p.priceCents) + '</span><button type="button" class="secondary" data-i="' + i + '">Add</button></li>').join('') || '<li>Nothing found</li>';
    $('found').querySelectorAll('button').forEach((b) => (b.onclick = () => call('scan', { barcode: r.products[Number(b.dataset.i)].barcode }).then(render, showError)));
  }, showError);
};
$('checkout').onclick = () => call('check', {}).then(render, showError);
$('pay').onclick = () => call('pay', {}).then(render, showError);
$('reset').onclick = () => call('reset', {}).then(render, showError);
call('state').then(render, showError);
</script></body></html>`;
}
