export * from '../generated/client.ts';
export {
  type BackupResult,
  type BackupTarget,
  backupDatabase,
  describePostgresUrl,
  embeddedDir,
  restoreDatabase,
} from './backup.ts';
export {
  createDatabase,
  type Database,
  type DatabaseOptions,
  type ListenHandlers,
} from './create-database.ts';
export { MIGRATIONS_DIR, readMigrations, runMigrations } from './migrate.ts';
export type { QueryOptions, SqlExecutor, SqlRunner } from './sql-runner.ts';
