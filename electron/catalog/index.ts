/** Public surface of the catalog module. */
export { Catalog, type ImportReport, type CategoryPage, type PreparedImport } from './catalog';
export { CatalogImportError, CatalogSchemaError } from './errors';
export { CSV_COLUMNS, CSV_OPTIONAL_COLUMNS } from './csvRows';
export { SCHEMA_VERSION } from './schema';
