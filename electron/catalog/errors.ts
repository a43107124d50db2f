/**
 * Typed failures of the catalog. An import is refused as a whole with the first bad row;
 * the catalog in force stays untouched.
 */

/** Why an import was refused. `row` is the 1-based data row (0 = the file as a whole). */
export class CatalogImportError extends Error {
  readonly kind = 'CatalogImportError';
  /** 1-based data row (header not counted); 0 when the fault is in the file as a whole. */
  readonly row: number;
  /** The offending field in the source format's own name (`unitPriceCents` or `unit_price`). */
  readonly field?: string;
  /** Short English reason for the operator. */
  readonly reason: string;
  /** CSV only: the 1-based physical line the record starts on (header = line 1). */
  readonly line?: number;
  readonly source: string;

  constructor(args: { source: string; row: number; reason: string; field?: string; line?: number }) {
    const where = args.row === 0 ? 'file' : `row ${args.row}${args.line !== undefined ? ` (line ${args.line})` : ''}`;
    const what = args.field ? ` field ${args.field}:` : '';
    super(`catalog import refused, ${args.source}: ${where}:${what} ${args.reason}`);
    this.name = 'CatalogImportError';
    this.source = args.source;
    this.row = args.row;
    this.reason = args.reason;
    if (args.field !== undefined) this.field = args.field;
    if (args.line !== undefined) this.line = args.line;
  }
}

/** The database file has a schema this build cannot use (newer than known, or damaged). */
export class CatalogSchemaError extends Error {
  readonly kind = 'CatalogSchemaError';
  constructor(message: string) {
    super(message);
    this.name = 'CatalogSchemaError';
  }
}

/** A row fault found by a validator, before the row number and source are known. */
export class RowFault extends Error {
  readonly kind = 'RowFault';
  constructor(
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(reason);
  }
}
