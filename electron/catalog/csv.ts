/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes, "" for a
 * quote inside quotes, commas and line breaks allowed inside quotes, CRLF or LF line ends,
 * an optional UTF-8 BOM. Written here because it is ~80 lines and must report the physical
 * line of every record for import errors.
 */

/** One CSV record and the 1-based physical line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** A CSV syntax fault (unterminated quote, text after a closing quote) at a physical line. */
export class CsvSyntaxError extends Error {
  readonly kind = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`CSV syntax error at line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Parses CSV text into records; blank lines are skipped. Throws CsvSyntaxError. */
export function parseCsv(input: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(input, (fields, line) => void records.push({ fields, line }));
  return records;
}

/**
 * Calls `onRecord(fields, line)` for every record of `input` in order, as it is read (so a
 * million-row import keeps no record objects), skipping blank lines. Throws CsvSyntaxError at
 * the first syntax fault, after the records before it were passed on.
 */
export function forEachCsvRecord(input: string, onRecord: (fields: string[], line: number) => void): void {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    // Read one record: fields until an unquoted line end or the end of the text.
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let out = '';
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) throw new CsvSyntaxError(openLine, 'quoted field is never closed');
          out += text.slice(from, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        line += countLineBreaks(out);
        value = out;
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== CR && c !== LF) {
          throw new CsvSyntaxError(line, 'text after a closing quote (quotes inside a field must be doubled)');
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) throw new CsvSyntaxError(line, 'quote inside an unquoted field (quote the whole field)');
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) i++;
      if (text.charCodeAt(i) === LF) i++;
      if (c === CR || c === LF) line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, startLine);
  }
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    // CRLF counts once: count LF, and a CR only when no LF follows.
    if (c === LF || (c === CR && s.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}
