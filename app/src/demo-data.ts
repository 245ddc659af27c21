import { DEMO_LOGINS, demoLogins, formatDemoLogins, seedDemoIfEmpty } from '@domovoy/domain';
import type { Config, Logger } from '@domovoy/platform';
import type { Database } from '@domovoy/prisma';

/**
 * The first start of an empty embedded database loads the demo (so `npm start` shows a working panel), and every
 * start that finds the demo logins prints them. A real PostgreSQL deployment is never seeded implicitly.
 */
export async function prepareDemoData(config: Config, db: Database, logger: Logger): Promise<string[]> {
  if (config.demoData === 'off') return [];
  if (db.kind === 'pglite') {
    const seeded = await seedDemoIfEmpty(db, { log: (line) => logger.info(line) });
    if (seeded) logger.info('demo data loaded into the empty embedded database');
  }
  const present = await db.prisma.staffUser.count({
    where: { email: { in: DEMO_LOGINS.map((l) => l.email) }, active: true },
  });
  if (present === 0) return [];
  return [
    'demo logins (demo data only: change or disable them before keeping real data here):',
    ...formatDemoLogins(demoLogins()).map((line) => `  ${line}`),
  ];
}
