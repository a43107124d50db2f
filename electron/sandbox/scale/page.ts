/** The simulator's control page: plain HTML + a few lines of script, no external assets. */
export function scalePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kassa scale simulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:18px system-ui,sans-serif;margin:2em;max-width:34em}#display{font:48px monospace;background:#111;color:#7f7;padding:.3em .5em;border-radius:6px}
button{font-size:18px;margin:.3em .3em 0 0;padding:.4em .8em}input{font-size:18px;width:7em}</style></head>
<body><h1>Scale simulator (NCI)</h1><div id="display">…</div><p id="flags"></p>
<p><input id="g" type="number" value="1234" min="-1000" max="100000"> g
<button data-a="put">Put on scale</button><button data-a="put-move">Put, moving 2 s</button></p>
<p><button data-a="remove">Remove</button><button data-a="move-on">Start moving</button><button data-a="move-off">Stop moving</button>
<button data-a="zero">Zero</button><button data-a="over">Over capacity</button><button data-a="lift">Under zero</button></p>
<script>
const post=(a,b)=>fetch('/__control/'+a,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(b||{})});
const g=()=>Math.round(Number(document.getElementById('g').value)||0);
const acts={put:()=>post('put',{grams:g()}),'put-move':()=>post('put',{grams:g(),settleMs:2000}),remove:()=>post('remove'),
'move-on':()=>post('motion',{on:true}),'move-off':()=>post('motion',{on:false}),zero:()=>post('zero'),
over:async()=>{const s=await (await fetch('/__control/state')).json();return post('put',{grams:s.capacityGrams+1000})},lift:()=>post('put',{grams:-50})};
document.querySelectorAll('button').forEach(b=>b.onclick=()=>acts[b.dataset.a]().then(show));
async function show(){const s=await (await fetch('/__control/state')).json();document.getElementById('display').textContent=s.display;
document.getElementById('flags').textContent=(s.moving?'moving · ':'stable · ')+(s.zeroed?'zeroed':'not zeroed')+' · capacity '+s.capacityGrams+' g · '+s.requests+' requests';}
show();setInterval(show,500);
</script></body></html>`;
}
