/**
 * Load generator for node.bench.ts and product-search.bench.ts, run in its own process so the
 * node's event loop measures only the server. Usage: tsx node-load.ts '<json LoadPlan>'. Prints
 * one JSON line with figures. Traffic goes to the given loopback URL only; bounded by count and
 * time. Kinds: `check` (purchase checks, 50-product baskets), `barcode` (product search by
 * barcode: 90 % products of the synthetic catalog, 10 % unknown codes → 404) and `name`
 * (product search by name with the catalog benchmark's kiosk queries, in all four languages).
 */
import { makeBasket } from '../../electron/sandbox/smarts/requests';
import { barcodeOf, queries, rng } from './synthetic-catalog';

interface LoadPlan {
  url: string;
  token: string;
  mode: 'rate' | 'max';
  /** requests per second (mode rate) */
  rate?: number;
  /** concurrent connections (mode max) */
  concurrency?: number;
  seconds: number;
  /** rate mode: most requests in flight (connections); default 64 */
  maxInFlight?: number;
  /** basket size; default 50 */
  products?: number;
  runId: string;
  /** what to send; default check */
  kind?: 'check' | 'barcode' | 'name';
  /** barcode: size of the synthetic catalog the node serves */
  catalogSize?: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(plan.url)) throw new Error('load goes to 127.0.0.1 only');

const kind = plan.kind ?? 'check';
const PATHS = { check: '/control/check', barcode: '/product/search/barcode', name: '/product/search/name' } as const;
const LANG_CODES = ['EN', 'ET', 'PL', 'RU'];

// Pre-built bodies: for checks the invoiceId is spliced in so every request is a new check.
const templates = Array.from({ length: 32 }, (_, i) => {
  const [head, tail] = JSON.stringify(makeBasket(plan.products ?? 50, i + 1, '__ID__')).split('__ID__');
  return { head: head!, tail: tail! };
});
function searchBodies(): string[] {
  const r = rng(1234);
  const size = plan.catalogSize ?? 1;
  if (kind === 'barcode') {
    return Array.from({ length: 4096 }, () => {
      const i = Math.floor(r() * size);
      // Products have barcodeOf(2i) (and some barcodeOf(2i + 1)); codes past 2 × size are unknown.
      const code = barcodeOf(r() < 0.9 ? i * 2 : size * 2 + i);
      return JSON.stringify({ barcode: code, langCode: LANG_CODES[i % 4] });
    });
  }
  return queries(2048).map((q, i) => JSON.stringify({ name: q, langCode: LANG_CODES[i % 4] }));
}
const searches = kind === 'check' ? [] : searchBodies();
let seq = 0;
function nextBody(): string {
  if (kind !== 'check') return searches[seq++ % searches.length]!;
  const t = templates[seq % templates.length]!;
  return `${t.head}${plan.runId}-${++seq}${t.tail}`;
}

const headers = { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' };
const decisions: Record<string, number> = {};
const statuses: Record<string, number> = {};
let results = 0;
let errors = 0;
const service: number[] = []; // send → answer
const corrected: number[] = []; // scheduled time → answer (rate mode: no coordinated omission)

async function one(scheduledAt: number): Promise<void> {
  const sent = performance.now();
  try {
    const res = await fetch(`${plan.url}${PATHS[kind]}`, { method: 'POST', headers, body: nextBody() });
    const body = (await res.json()) as { decision?: string } | unknown[];
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    // An unknown barcode is answered 404, as it should be; anything else not 200 is an error.
    if (res.status !== 200 && !(kind === 'barcode' && res.status === 404)) errors++;
    else if (Array.isArray(body)) results += body.length;
    else if (kind === 'check') decisions[body.decision ?? '?'] = (decisions[body.decision ?? '?'] ?? 0) + 1;
  } catch {
    errors++; // counted and reported below
  }
  const done = performance.now();
  service.push(done - sent);
  corrected.push(done - scheduledAt);
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(2));
}

async function runRate(): Promise<{ skipped: number }> {
  const rate = plan.rate ?? 500;
  const total = Math.round(rate * plan.seconds);
  const interval = 1000 / rate;
  // A bounded client, like a real caller's connection pool: past this the request is shed and counted.
  const maxInFlight = plan.maxInFlight ?? 64;
  const inFlight = new Set<Promise<void>>();
  let skipped = 0;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const at = t0 + i * interval;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= maxInFlight) {
      skipped++;
      continue;
    }
    const p = one(at).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return { skipped };
}

async function runMax(): Promise<void> {
  const until = performance.now() + plan.seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) await one(performance.now());
  };
  await Promise.all(Array.from({ length: plan.concurrency ?? 16 }, worker));
}

const started = performance.now();
const extra = plan.mode === 'rate' ? await runRate() : (await runMax(), {});
const elapsed = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    mode: plan.mode,
    kind,
    requests: service.length,
    errors,
    statuses,
    ...(kind === 'check' ? { decisions } : {}),
    ...(kind === 'name' ? { productsPerAnswer: Number((results / Math.max(1, statuses[200] ?? 0)).toFixed(1)) } : {}),
    seconds: Number(elapsed.toFixed(2)),
    rps: Number((service.length / elapsed).toFixed(1)),
    bodyBytes: nextBody().length,
    serviceMs: { p50: pct(service, 50), p90: pct(service, 90), p99: pct(service, 99), max: pct(service, 100) },
    ...(plan.mode === 'rate' ? { correctedMs: { p50: pct(corrected, 50), p99: pct(corrected, 99), max: pct(corrected, 100) } } : {}),
    ...extra,
  }) + '\n',
);
