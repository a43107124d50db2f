import { SerialPort } from 'serialport';
import { answerFor, type ScaleModel } from './model';

/** Faults the simulator can play on the line. */
export interface LineFaults {
  /** Do not answer at all (a hung scale). */
  silent: boolean;
  /** Bytes sent before the next answer (line noise). */
  noiseNext: Buffer | null;
  /** Send this instead of the next answer (a corrupted frame). */
  replaceNext: Buffer | null;
}

/**
 * The scale's serial side on one end of a pty pair: reads commands ending in CR (at most 16
 * bytes; longer input is thrown away up to the next CR) and writes the answers.
 */
export class ScaleLine {
  readonly faults: LineFaults = { silent: false, noiseNext: null, replaceNext: null };
  #port: SerialPort | null = null;
  #cmd = '';
  #overflow = false;

  constructor(
    private readonly model: ScaleModel,
    private readonly path: string,
  ) {}

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: 9600, autoOpen: false });
    port.on('error', () => undefined);
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    port.on('data', (chunk: Buffer) => this.#onData(chunk));
    this.#port = port;
  }

  async close(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
  }

  /** Writes raw bytes to the kiosk (tests: garbage). */
  send(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port) return Promise.resolve();
    return new Promise((r) => port.write(bytes, () => port.drain(() => r())));
  }

  #onData(chunk: Buffer): void {
    for (const b of chunk) {
      if (b === 0x0d) {
        const cmd = this.#overflow ? '' : this.#cmd;
        this.#cmd = '';
        this.#overflow = false;
        if (cmd !== '') void this.#answer(cmd);
      } else if (this.#cmd.length >= 16) this.#overflow = true;
      else this.#cmd += String.fromCharCode(b & 0x7f);
    }
  }

  async #answer(cmd: string): Promise<void> {
    if (this.faults.silent) return;
    const answer = Buffer.from(answerFor(this.model, cmd), 'latin1');
    const noise = this.faults.noiseNext;
    const replace = this.faults.replaceNext;
    this.faults.noiseNext = null;
    this.faults.replaceNext = null;
    await this.send(Buffer.concat([noise ?? Buffer.alloc(0), replace ?? answer]));
  }
}
