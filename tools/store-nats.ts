/**
 * Writes a store's nats-server configuration from a JSON description:
 * `npm run store:nats -- <spec.json> <out.conf>` (the output file is 0600: it may hold the store
 * node's or the leaf's password). The description (tools/store-nats-spec.ts): storeId, host,
 * port, storeDir, domain?, tls? { certFile, keyFile, caFile?, verify? }, storeNode { user?, nkey |
 * password }, kiosks [{ laneId, user?, nkey | password }], leaf? { url, user, password, tls? { caFile } }.
 * Exit codes: 0 written, 1 cannot read or write a file, 2 an invalid description.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { storeConfigFromSpec } from './store-nats-spec';

const args = process.argv.slice(2);
if (args.length !== 2) {
  process.stderr.write('usage: npm run store:nats -- <spec.json> <out.conf>\n');
  process.exit(2);
}
// npm runs scripts in the repository: relative paths are taken from where the command was typed.
const [spec, out] = args.map((a) => resolve(process.env.INIT_CWD ?? '.', a)) as [string, string];
let input: unknown;
try {
  input = JSON.parse(readFileSync(spec, 'utf8'));
} catch (e) {
  process.stderr.write(`store:nats: cannot read ${spec} as JSON (${(e as NodeJS.ErrnoException).code ?? (e as Error).name})\n`);
  process.exit(1);
}
let text: string;
try {
  text = storeConfigFromSpec(input);
} catch (e) {
  process.stderr.write(`store:nats: ${spec}: ${(e as Error).message}\n`);
  process.exit(2);
}
try {
  writeFileSync(out, text, { mode: 0o600 });
} catch (e) {
  process.stderr.write(`store:nats: cannot write ${out} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`);
  process.exit(1);
}
process.stdout.write(`store:nats: wrote ${out}; start it with nats-server -c ${out}\n`);
