import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@domovoy/platform';
import {
  type BackupTarget,
  backupDatabase,
  createDatabase,
  describePostgresUrl,
  restoreDatabase,
} from '@domovoy/prisma';

/**
 * `npm run backup [-- --out FILE]` and `npm run restore -- FILE --yes`, for the configured database: DATABASE_URL
 * (pg_dump / pg_restore) or the embedded one in DATA_DIR (stop the app first: the embedded database belongs to one
 * process at a time). A restore replaces everything, so it asks for `--yes`; afterwards newer migrations are applied,
 * so a backup from an older release opens in this one.
 * Exit 0 done, 1 bad configuration or arguments, 2 the backup or restore failed.
 */
const USAGE = 'usage: npm run backup [-- --out FILE]  |  npm run restore -- FILE --yes';

async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, yes: { type: 'boolean', default: false } },
  });
  const [command, file] = positionals;
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting and its meaning.\n`);
      return 1;
    }
    throw error;
  }
  const target: BackupTarget = config.database.url
    ? { url: config.database.url }
    : { dataDir: config.database.dataDir };
  const where =
    'url' in target ? describePostgresUrl(target.url) : `the embedded database in ${config.database.dataDir}`;
  const out = (line: string) => process.stdout.write(`${line}\n`);

  if (command === 'backup') {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const name = 'url' in target ? `domovoy-${stamp}.pgdump` : `domovoy-${stamp}.tar.gz`;
    const path = values.out ?? join(config.database.dataDir, 'backups', name);
    out(`backing up ${where} …`);
    const result = await backupDatabase(target, path);
    out(`backup written: ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB)`);
    out(`restore it with: npm run restore -- ${result.file} --yes`);
    return 0;
  }
  if (command === 'restore' && file) {
    if (!values.yes) {
      process.stderr.write(
        `This replaces all data in ${where} with ${file}.\nRun again with --yes to go ahead: npm run restore -- ${file} --yes\n`,
      );
      return 1;
    }
    out(`restoring ${file} into ${where} …`);
    const { keptAside } = await restoreDatabase(target, file);
    if (keptAside)
      out(`the previous data folder is kept at ${keptAside} (delete it when you no longer need it)`);
    out(`the backup is in place; applying migrations newer than the backup …`);
    try {
      const db = await createDatabase({ ...config.database, log: (line) => out(`database: ${line}`) });
      await db.close();
    } catch (error) {
      // Say what state things are in: the data is the backup's now, only the upgrade failed.
      throw new Error(
        `the backup's data was restored, but applying newer migrations failed (the app will retry them when it starts): ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    out('restore done.');
    return 0;
  }
  process.stderr.write(`${USAGE}\n`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
