// Prisma CLI configuration (Prisma 7 reads the database URL from here, not from schema.prisma).
//
// The project's own scripts do not need a database for the CLI: `npm run db:generate` only generates the client,
// and `npm run db:migration` diffs on an in-memory PGlite. DATABASE_URL matters only for the ordinary online
// commands, e.g. `npx prisma migrate status --config prisma/prisma.config.ts` (they download Prisma's native
// engine, so they do not work on offline machines).
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  ...(url ? { datasource: { url } } : {}),
});
