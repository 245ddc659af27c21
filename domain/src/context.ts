import type { Database } from '@domovoy/prisma';

/** What every use-case receives besides its input: the database, and a clock so time-based rules can be tested. */
export interface DomainDeps {
  db: Database;
  now?: () => Date;
}

export const nowOf = (deps: DomainDeps) => (deps.now ? deps.now() : new Date());
