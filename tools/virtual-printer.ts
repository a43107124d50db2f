/**
 * Virtual receipt printer on a serial port (one end of a pty pair):
 *   socat -d -d pty,raw,echo=0,link=/tmp/kassa-printer pty,raw,echo=0,link=/tmp/kassa-printer-host
 *   npx tsx tools/virtual-printer.ts --port /tmp/kassa-printer --out ./artifacts/receipts [--profile epson-tm-t20iii]
 * Each receipt (split at the cut) is written as NNNN.txt and NNNN.png (and NNNN.bin, the raw bytes).
 * Status keys on stdin: p = toggle paper out, n = near end, c = cover open, o = offline, s = silent, q = quit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLog } from '../electron/log';
import { loadPrinterProfile } from '../electron/devices/printer/profile';
import { renderReceiptPng } from '../electron/devices/printer/virtual/render-png';
import { VirtualPrinter } from '../electron/devices/printer/virtual/virtual-printer';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    out: { type: 'string', default: 'artifacts/receipts' },
    profile: { type: 'string', default: 'epson-tm-t20iii' },
    baud: { type: 'string', default: '19200' },
  },
});
if (!values.port) {
  process.stderr.write('usage: tools/virtual-printer.ts --port /dev/pts/X [--out dir] [--profile id] [--baud 19200]\n');
  process.exit(2);
}
const log = createLog('virtual-printer');
const profile = loadPrinterProfile(values.profile);
const out = values.out;
mkdirSync(out, { recursive: true });
const vp = await VirtualPrinter.start({ path: values.port, log, codepageMapping: profile.codepageMapping, baudRate: Number(values.baud) });
let n = 0;
vp.on('receipt', (decoded, bytes) => {
  n += 1;
  const base = join(out, String(n).padStart(4, '0'));
  writeFileSync(`${base}.txt`, decoded.text + '\n');
  writeFileSync(`${base}.png`, renderReceiptPng(decoded, { widthDots: profile.dotsWidth }));
  writeFileSync(`${base}.bin`, bytes);
  log.info('receipt written', { file: `${base}.png`, lines: decoded.lines.length, notes: decoded.notes.length });
});
vp.on('discarded', (count) => log.warn('bytes not printed (printer cannot print now)', { count }));

let silent = false;
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (d: Buffer) => {
  const f = vp.statusFlags();
  for (const key of d.toString()) {
    if (key === 'p') vp.setStatus({ paperOut: !f.paperOut });
    else if (key === 'n') vp.setStatus({ paperNearEnd: !f.paperNearEnd });
    else if (key === 'c') vp.setStatus({ coverOpen: !f.coverOpen });
    else if (key === 'o') vp.setStatus({ offline: !f.offline });
    else if (key === 's') vp.setSilent((silent = !silent));
    else if (key === 'q' || key === '\u0003') void vp.close().then(() => process.exit(0));
  }
  log.info('status', { ...vp.statusFlags(), silent });
});
process.on('SIGINT', () => void vp.close().then(() => process.exit(0)));
