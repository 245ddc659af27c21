#!/usr/bin/env node
// Generates the Prisma client into prisma/generated (git-ignored) from prisma/schema.prisma.
//
// Usage: npm run db:generate   (or: node prisma/scripts/generate.mjs [extra prisma generate flags])
//
// Works offline: the Prisma CLI wants to download its native schema engine even though `generate` only needs the
// WebAssembly shipped in the `prisma` package. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable skips the
// download. A value already in the environment is respected.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(prismaDir, 'schema.prisma');
const outputDir = join(prismaDir, 'generated');
const show = (path) => {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
};

function fail(message) {
  console.error(`db:generate: ${message}`);
  process.exit(1);
}

let cliPath;
try {
  const require = createRequire(join(prismaDir, 'package.json'));
  cliPath = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
} catch {
  fail('the `prisma` package is not installed; run `npm install` at the repository root.');
}
if (!existsSync(cliPath)) fail(`the Prisma CLI is missing at ${cliPath}; reinstall the \`prisma\` package.`);

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/true';
// No update check / telemetry call: it would only time out offline.
if (!env.CHECKPOINT_DISABLE) env.CHECKPOINT_DISABLE = '1';

const result = spawnSync(
  process.execPath,
  [
    cliPath,
    'generate',
    '--config',
    join(prismaDir, 'prisma.config.ts'),
    '--schema',
    schemaPath,
    ...process.argv.slice(2),
  ],
  { cwd: prismaDir, env, stdio: 'inherit' },
);

if (result.error) fail(`could not start the Prisma CLI: ${result.error.message}`);
if (result.status !== 0) {
  fail(
    `\`prisma generate\` failed (exit code ${result.status ?? `signal ${result.signal}`}). ` +
      'Check the schema errors above; if the CLI tried to download an engine (ENOTFOUND), make sure ' +
      'PRISMA_SCHEMA_ENGINE_BINARY points to an existing executable.',
  );
}
if (!existsSync(join(outputDir, 'client.ts'))) {
  fail(`generation reported success but ${show(join(outputDir, 'client.ts'))} is missing.`);
}
console.log(`db:generate: Prisma client written to ${show(outputDir)}`);
