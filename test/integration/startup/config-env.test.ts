/**
 * Configuration input: every KASSA_* variable validated, a JSON syntax error located without
 * echoing the file, secrets never in a message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, jsonErrorOffset, jsonErrorPlace, loadConfig, validateEnv } from '../../../electron/config/load';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kassa-env-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function refusal(env: Record<string, string>): string {
  try {
    validateEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
}

describe('environment variables', () => {
  it.each([
    ['KASSA_WEB_PORT', '-1'],
    ['KASSA_WEB_PORT', '65536'],
    ['KASSA_WEB_PORT', '80.5'],
    ['KASSA_WEB_PORT', ''],
    ['KASSA_NODE_PORT', '0x50'],
    ['KASSA_NODE_PORT', '99999999999'],
    ['KASSA_SCANNER_BAUD', '0'],
    ['KASSA_SCANNER_BAUD', '9601'],
    ['KASSA_PRINTER_BAUD', 'fast'],
    ['KASSA_PRINTER_BAUD', '-9600'],
    ['KASSA_SCALE_BAUD', '9601'],
    ['KASSA_SCALE_BAUD', 'x'],
    ['KASSA_SCALE_PORT', ''],
    ['KASSA_LOG_LEVEL', 'verbose'],
    ['KASSA_LOG_LEVEL', 'INFO'],
    ['KASSA_LOG_LEVEL', ''],
    ['KASSA_DATA_DIR', ''],
    ['KASSA_CONFIG', '  '],
    ['KASSA_CATALOG', ''],
    ['KASSA_SCANNER_PORT', ''],
    ['KASSA_PRINTER_PORT', ' '],
    ['KASSA_SWIP_URL', 'ftp://swip.example'],
    ['KASSA_SWIP_URL', 'swip.example'],
    ['KASSA_SMARTS_GATEWAY_URL', 'javascript:alert(1)'],
    ['KASSA_SWIP_MERCHANT_ID', ''],
  ])('%s=%j is refused naming the variable', (name, value) => {
    expect(refusal({ [name]: value })).toContain(name);
  });

  it.each([
    ['KASSA_WEB_PORT', '0'],
    ['KASSA_WEB_PORT', '65535'],
    ['KASSA_NODE_PORT', '8443'],
    ['KASSA_SCANNER_BAUD', '9600'],
    ['KASSA_PRINTER_BAUD', '115200'],
    ['KASSA_SCALE_BAUD', '4800'],
    ['KASSA_LOG_LEVEL', 'debug'],
    ['KASSA_LOG_LEVEL', 'error'],
    ['KASSA_SWIP_URL', 'https://capi3.example/base'],
    ['KASSA_SMARTS_GATEWAY_URL', 'http://127.0.0.1:9000'],
  ])('%s=%j is accepted', (name, value) => {
    expect(() => validateEnv({ [name]: value })).not.toThrow();
  });

  it('a secret variable is named but its value never shown', () => {
    const msg = refusal({ KASSA_SWIP_TOKEN: '   ' });
    expect(msg).toContain('KASSA_SWIP_TOKEN');
    const d = tmp();
    // Too short for the schema: the message names the field, not the value.
    let text = '';
    try {
      loadConfig({ KASSA_DATA_DIR: d, KASSA_SWIP_TOKEN: 'abc1234' }, () => d);
    } catch (e) {
      text = (e as Error).message;
    }
    expect(text).toMatch(/swip\.token/);
    expect(text).not.toContain('abc1234');
  });

  it('a bad URL is refused without echoing it (it may carry credentials)', () => {
    const msg = refusal({ KASSA_SWIP_URL: 'ftp://user:pa55word@swip.example' });
    expect(msg).toContain('KASSA_SWIP_URL');
    expect(msg).not.toContain('pa55word');
  });

  it('loadConfig validates the environment before anything else', () => {
    const d = tmp();
    expect(() => loadConfig({ KASSA_DATA_DIR: d, KASSA_LOG_LEVEL: 'verbose' }, () => d)).toThrow(/KASSA_LOG_LEVEL/);
  });
});

describe('configuration file', () => {
  const secret = 'Zq7-very-secret-token-Zq7';
  it.each([
    [`{"swip": {"token": "${secret}",}}`, 1],
    [`{\n "swip": {\n  "token": "${secret}"\n  "merchantId": "A"\n }\n}`, 4],
    [`{\n "swip": { "token": ${secret} }\n}`, 2],
    [`{"swip": {"token": "${secret}"`, null],
    [`{"swip": {"token": "${secret}\u0001"}}`, 1],
  ])('a JSON syntax error gives the file and the place, never the text: %j', (text, line) => {
    const d = tmp();
    writeFileSync(join(d, 'kassa.config.json'), text);
    let msg = '';
    try {
      loadConfig({ KASSA_DATA_DIR: d }, () => d);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      msg = (e as Error).message;
    }
    expect(msg).toContain(join(d, 'kassa.config.json'));
    expect(msg).not.toContain('Zq7');
    expect(msg).not.toContain('token');
    if (line === null) expect(msg).toMatch(/ends before the JSON is complete/);
    else expect(msg).toMatch(new RegExp(`syntax error at line ${line}, column \\d+$`));
  });

  it('jsonErrorPlace counts lines and columns', () => {
    expect(jsonErrorPlace('{\n  "a": 1,\n  "b" 2\n}')).toBe('syntax error at line 3, column 7');
    expect(jsonErrorPlace('{"a": [1, 2,]}')).toBe('syntax error at line 1, column 13');
    expect(jsonErrorPlace('{"a": tru}')).toBe('syntax error at line 1, column 7');
    expect(jsonErrorPlace('{"a": "x\\q"}')).toBe('syntax error at line 1, column 10');
    expect(jsonErrorPlace('{"a": 01}')).toBe('syntax error at line 1, column 8');
    expect(jsonErrorPlace('{} x')).toBe('syntax error at line 1, column 4');
    expect(jsonErrorPlace('{"a": [1')).toBe('the text ends before the JSON is complete');
  });

  it('the scanner agrees with JSON.parse on what is valid', () => {
    for (const t of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' {"a" : { "b" : [ ] } } ', '"x"', '0', '-0.1', '1e', '[1,]', '{"a":1,}', 'nul', '"\u0001"', '[01]']) {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(t) === -1, t).toBe(valid);
    }
  });

  it('the scanner agrees with JSON.parse on random and damaged JSON', () => {
    const agrees = (t: string) => {
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      return (jsonErrorOffset(t) === -1) === valid;
    };
    fc.assert(fc.property(fc.json(), (t) => agrees(t)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), (t, at, insert) => {
        const k = at % (t.length + 1);
        return agrees(t.slice(0, k) + insert + t.slice(k + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('baud rates and URLs in the file follow the same rules', () => {
    for (const [cfg, field] of [
      [{ scanner: { kind: 'serial', path: '/dev/ttyS0', baudRate: 12345 } }, 'scanner.baudRate'],
      [{ printer: { kind: 'none', baudRate: 0 } }, 'printer.baudRate'],
      [{ swip: { baseUrl: 'ftp://swip.example' } }, 'swip.baseUrl'],
      [{ smarts: { gatewayUrl: 'file:///tmp/x' } }, 'smarts.gatewayUrl'],
      [{ scale: { kind: 'serial', path: '/dev/ttyS1', baudRate: 9601 } }, 'scale.baudRate'],
      [{ scale: { kind: 'serial' } }, 'scale.path'],
      [{ scale: { protocol: 'dialog06' } }, 'scale.protocol'],
      [{ scale: { dataBits: 6 } }, 'scale.dataBits'],
      [{ scale: { tareGrams: -5 } }, 'scale.tareGrams'],
      [{ scale: { capacityGrams: 1000, tareGrams: 990, minGrams: 20 } }, 'scale.tareGrams'],
      [{ scale: { minGrams: 0 } }, 'scale.minGrams'],
    ] as const) {
      const d = tmp();
      writeFileSync(join(d, 'kassa.config.json'), JSON.stringify(cfg));
      expect(() => loadConfig({ KASSA_DATA_DIR: d }, () => d)).toThrow(field);
    }
  });

  it('the scale: env sets a serial scale; kind left to the mode; defaults are NCI 9600 7E1, 15 kg, 20 g, no tare', () => {
    const d = tmp();
    const plain = loadConfig({ KASSA_DATA_DIR: d }, () => d).config.scale;
    expect(plain).toEqual({ protocol: 'nci', baudRate: 9600, dataBits: 7, parity: 'even', capacityGrams: 15000, minGrams: 20, tareGrams: 0, responseTimeoutMs: 1000 });
    const set = loadConfig({ KASSA_DATA_DIR: d, KASSA_SCALE_PORT: '/dev/ttyUSB7', KASSA_SCALE_BAUD: '19200' }, () => d).config.scale;
    expect(set).toMatchObject({ kind: 'serial', path: '/dev/ttyUSB7', baudRate: 19200 });
  });
});
