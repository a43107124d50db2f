/**
 * The SWiP sandbox of the soak bench, in a process of its own so that its ledger (which keeps
 * every order) does not count in the kiosk's memory. Prints `swip sandbox at <url>`; stops on
 * SIGTERM or when its parent's stdin closes.
 */
import { SwipSandbox } from '../../electron/sandbox/swip';

const [token, merchantId, storeId] = process.argv.slice(2);
const sandbox = await SwipSandbox.start({ token: token!, merchantId: merchantId!, storeId: storeId! });
process.stdout.write(`swip sandbox at ${sandbox.url}\n`);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('close', stop);
process.stdin.resume();
