/** Public surface of the catalog module. */
export { Catalog, type ImportReport, type CategoryPage } from './catalog';
export { CatalogImportError, CatalogSchemaError } from './errors';
export { CSV_COLUMNS } from './csvRows';
export { SCHEMA_VERSION } from './schema';
