import { existsSync } from 'node:fs';
import { DEMO_LOGINS, demoLogins, formatDemoLogins, seedDemoIfEmpty } from '@domovoy/domain';
import { ConfigError, loadConfig } from '@domovoy/platform';
import { createDatabase } from '@domovoy/prisma';

/**
 * `npm run seed:demo`: loads the demo data (2 houses, 294 premises, 12 months of readings, charges and payments,
 * tickets, one login per staff role) into the configured database — DATABASE_URL, or the embedded one in
 * DATA_DIR — and prints the demo logins.
 *
 * Demo data only goes into an empty database (no organisation). On a database that already has data the command
 * changes nothing, says so, prints the demo logins that exist there, and exits 0: "the database has data" is the
 * state the command is meant to reach, so scripts can run it unconditionally (`npm run seed:demo && npm start`).
 * Exit 1: a bad configuration (the message names the variable) or a database error.
 */
async function main(): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
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
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const db = await createDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
    log: (message) => out(`database: ${message}`),
  });
  try {
    out(`database: ${db.location}`);
    const result = await seedDemoIfEmpty(db, { log: out });
    if (result) {
      out('\nDemo data loaded. Staff logins (demo passwords: change them before real use):');
      for (const line of formatDemoLogins(result.logins)) out(`  ${line}`);
      return 0;
    }
    out('The database already has data, so the demo data was not loaded; nothing was changed.');
    const present = await db.prisma.staffUser.findMany({
      where: { email: { in: DEMO_LOGINS.map((l) => l.email) }, active: true },
      select: { email: true },
    });
    const emails = new Set(present.map((u) => u.email));
    const logins = demoLogins().filter((l) => emails.has(l.email));
    if (logins.length > 0) {
      out('Demo logins found in it (unless their passwords were changed):');
      for (const line of formatDemoLogins(logins)) out(`  ${line}`);
    } else {
      out('It has no demo logins. To try the demo, point DATA_DIR (or DATABASE_URL) at an empty database.');
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
