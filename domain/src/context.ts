import type { Kv } from '@domovoy/platform';
import type { Database, Prisma } from '@domovoy/prisma';

/**
 * What every use-case receives besides its input: the database, the shared key-value state (rate limits, locks)
 * and a clock so time-based rules can be tested.
 */
export interface DomainDeps {
  db: Database;
  kv?: Kv;
  now?: () => Date;
}

/** A Prisma interactive-transaction client: what writes that must commit together receive. */
export type Tx = Prisma.TransactionClient;

export const nowOf = (deps: DomainDeps) => (deps.now ? deps.now() : new Date());
