/**
 * Child process for swap.test.ts: opens the catalog file given as argv[2] and imports argv[3]
 * synthetic products, so the test can kill it in the middle of the import.
 */
import { Catalog } from '../../../electron/catalog';
import { memoryLog } from '../../../electron/log';
import { generate } from '../../bench/synthetic-catalog';

const [file, count] = process.argv.slice(2);
const catalog = Catalog.open(file!, memoryLog());
process.stdout.write('importing\n');
catalog.importProducts(generate(Number(count)), 'child');
catalog.close();
process.stdout.write('done\n');
