export { applyRegistryPlan, countWrites } from './apply-registry-plan.ts';
export { type CsvDelimiter, formatCsv, parseCsv } from './csv.ts';
export {
  type ImportRegistryInput,
  importRegistry,
  importRegistryInputSchema,
  type RegistryImportPhase,
  type RegistryImportProgress,
  type RegistryImportReport,
} from './import-registry.ts';
export { REGISTRY_ISSUE_CODES, type RegistryIssue, type RegistryIssueCode } from './issues.ts';
export {
  COLUMN_TITLES,
  columnOfHeader,
  REGISTRY_COLUMNS,
  REQUIRED_COLUMNS,
  type RegistryColumn,
} from './layout.ts';
export {
  type EntityCounts,
  planRegistryImport,
  REGISTRY_ENTITIES,
  type RegistryEntity,
  type RegistryPlan,
  type RegistrySummary,
} from './plan-registry-import.ts';
export {
  decodeText,
  detectDelimiter,
  RegistryFileError,
  type RegistryTable,
  readRegistryTable,
} from './read-registry-file.ts';
export { MAX_REGISTRY_ROWS, type RegistryValidation, validateRegistry } from './validate-registry.ts';
export { type RegistryRowInput, writeRegistryCsv, writeRegistryXlsx } from './write-registry-file.ts';
