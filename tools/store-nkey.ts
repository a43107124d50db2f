/**
 * A kiosk's (or the store node's) NATS sign-in key: `npm run store:nkey -- <seed file>`.
 * Without the file: creates a user nkey, writes its seed there (mode 0600, one line `SU…`) and
 * prints the public key. With the file: checks it (owner-only, a valid user seed) and prints its
 * public key again. The public key goes into the store's nats-server configuration (`nkey:`);
 * the seed file goes to the kiosk (`storeBus.nkeySeedFile`). The seed is never printed.
 * Exit codes: 0 done, 1 the file cannot be written or is not a valid seed file, 2 bad usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../electron/config/load';
import { createSeedFile, publicKeyOf, readSeedFile } from '../electron/store/nats-auth';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith('-')) {
  process.stderr.write('usage: npm run store:nkey -- <seed file>   (creates it if absent; prints the public key)\n');
  process.exit(2);
}
// npm runs scripts in the repository: a relative path is taken from where the command was typed.
const file = resolve(process.env.INIT_CWD ?? '.', args[0]!);
try {
  if (existsSync(file)) {
    process.stdout.write(`${publicKeyOf(readSeedFile(file, 'seed file'))}\n`);
    process.stderr.write(`store:nkey: ${file} exists; its public key is above\n`);
  } else {
    process.stdout.write(`${createSeedFile(file)}\n`);
    process.stderr.write(`store:nkey: wrote the seed to ${file} (0600); list the public key above in the store's nats-server configuration\n`);
  }
} catch (e) {
  const why = e instanceof ConfigError ? e.message.replace(/^configuration field "seed file": /, '') : `cannot write ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  process.stderr.write(`store:nkey: ${why}\n`);
  process.exit(1);
}
