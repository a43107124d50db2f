/**
 * The phone-sized "InPost app" page at GET /app/:bindingKey (the QR code's deep link): confirm the
 * binding, change a quantity, apply a promo code, create the order, pay or reject. Self-contained
 * HTML; its buttons POST to /app/:bindingKey/action and it re-reads /app/:bindingKey/state.
 */
export function appPage(key: string): string {
  const k = JSON.stringify(key);
  return `<!doctype html><html lang="pl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>InPost Pay (simulator)</title><style>
*{box-sizing:border-box}body{margin:0;font:16px/1.4 system-ui,sans-serif;background:#1d1d1b;color:#1d1d1b}
main{max-width:24rem;margin:0 auto;min-height:100vh;background:#f4f4f4;padding:1rem}
header{background:#ffcd00;margin:-1rem -1rem 1rem;padding:1rem;font-weight:800;font-size:1.2rem}
.card{background:#fff;border-radius:.75rem;padding:1rem;margin-bottom:1rem;box-shadow:0 1px 4px rgba(0,0,0,.1)}
.line{display:flex;align-items:center;gap:.5rem;padding:.4rem 0;border-bottom:1px solid #eee}.line .name{flex:1}
.qty button{width:2.25rem;height:2.25rem;font-size:1.2rem;border-radius:50%;border:1px solid #999;background:#fff}
.total{font-size:1.6rem;font-weight:800}button.main{display:block;width:100%;min-height:3rem;margin:.5rem 0;font:inherit;font-weight:700;border:0;border-radius:.6rem;background:#ffcd00}
button.reject{background:#fff;border:2px solid #a11;color:#a11}input{font:inherit;padding:.5rem;width:100%;border:1px solid #999;border-radius:.4rem}
#msg{min-height:1.4em;font-weight:600}.muted{color:#666;font-size:.9rem}
</style></head><body><main><header>InPost Pay</header>
<div id="msg" role="status"></div><div id="root">…</div></main><script>
const KEY=${k};
const $=(s)=>document.querySelector(s);
const pln=(n)=>n.toFixed(2).replace('.',',')+'\\u00a0zł';
async function act(body){const r=await fetch('/app/'+encodeURIComponent(KEY)+'/action',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});
 const j=await r.json();$('#msg').textContent=j.ok?'':(j.message||'error');await load();}
let last='';
async function load(){const r=await fetch('/app/'+encodeURIComponent(KEY)+'/state');if(!r.ok){$('#root').innerHTML='<p class="card">Koszyk nie istnieje.</p>';return;}
 const txt=await r.text();if(txt===last)return;last=txt;const s=JSON.parse(txt);const b=s.basket;let h='';
 if(!s.linked){h+='<div class="card"><p>Sklep: <b>'+esc(s.merchant)+'</b></p><p>Połącz koszyk z aplikacją.</p><button class="main" data-testid="confirm" id="confirm">Potwierdź / Confirm</button></div>';}
 h+='<div class="card"><b>Koszyk</b>'+b.products.map(p=>'<div class="line" data-product="'+esc(p.product_id)+'"><span class="name">'+esc(p.product_name)+'<br><span class="muted">'+pln((p.promo_price||p.base_price).gross)+'</span></span>'+
  (s.linked&&!s.order?'<span class="qty"><button data-q="'+esc(p.product_id)+'" data-n="'+(p.quantity.quantity-1)+'" aria-label="minus">−</button> ':'')+'<b data-testid="qty">'+p.quantity.quantity+'</b>'+(s.linked&&!s.order?' <button data-q="'+esc(p.product_id)+'" data-n="'+(p.quantity.quantity+1)+'" aria-label="plus">+</button></span>':'')+'</div>').join('');
 const fin=b.summary.basket_final_price||b.summary.basket_base_price;
 h+=(b.promo_codes.length?'<p class="muted">Kody: '+b.promo_codes.map(c=>esc(c.promo_code_value)).join(', ')+'</p>':'')+'<p>Razem: <span class="total" data-testid="total">'+pln(fin.gross)+'</span></p>'+(b.summary.basket_notice?'<p>'+esc(b.summary.basket_notice.description)+'</p>':'')+'</div>';
 if(s.linked&&!s.order){h+='<div class="card"><label>Kod rabatowy <input id="code" data-testid="promo-input"></label><button class="main" id="promo" data-testid="promo">Zastosuj / Apply</button></div><button class="main" id="order" data-testid="order">Zamawiam / Create order</button>';}
 if(s.order){h+='<div class="card"><p>Zamówienie <b>'+esc(s.order.orderId)+'</b>: <span data-testid="order-state">'+s.order.paymentStatus+' · '+s.order.orderStatus+'</span></p>'+(s.order.paymentStatus==='UNPAID'&&s.order.orderStatus==='ORDER_PROCESSING'?'<button class="main" id="pay" data-testid="pay">Zapłać BLIK / Pay</button><button class="main reject" id="reject" data-testid="reject">Odrzuć / Reject</button>':'')+'</div>';}
 $('#root').innerHTML=h;}
function esc(t){return String(t).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);}
document.addEventListener('click',(e)=>{const t=e.target.closest('button');if(!t)return;
 if(t.dataset.q)return act({action:'quantity',productId:t.dataset.q,quantity:Number(t.dataset.n)});
 if(t.id==='confirm')return act({action:'confirm'});if(t.id==='promo')return act({action:'promo',code:$('#code').value});
 if(t.id==='order')return act({action:'order'});if(t.id==='pay')return act({action:'pay'});if(t.id==='reject')return act({action:'reject'});});
load();setInterval(load,1500);
</script></body></html>`;
}
