/**
 * Setting up a real deployment, or getting back in: an administrator for the whole organisation, from the command
 * line, on the database the app uses (DATABASE_URL, else the embedded one in DATA_DIR).
 *
 *   npm run create-admin -- --email <email> --name <full name> [--org-inn <INN>]
 *   npm run create-admin -- --email <email> --name <full name> --org-kind UK|TSZH|TSN|ZHSK --org-name <name>
 *       --org-inn <INN> [--org-kpp <KPP>] [--org-ogrn <OGRN>] --org-address <address> [--org-short-name <name>]
 *       [--org-phone <phone>] [--org-email <email>] --bank-name <bank> --bic <BIC>
 *       --bank-account <20 digits> --corr-account <20 digits or 0> [--timezone Europe/Moscow]
 *
 * The first form adds an administrator to the organisation with that INN (or to the only one there is); the second
 * creates the organisation with its requisites, checked as banks check them, and its first administrator (the
 * panel's Organisation page corrects them later). The
 * password is generated and printed once: the administrator changes it after signing in. Exit codes: 0 done,
 * 1 refused (what is wrong is printed; nothing was written), 2 wrong usage or the database could not be opened.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createOrganizationAdmin, isAppError } from '@domovoy/domain';
import { ConfigError, loadConfig } from '@domovoy/platform';
import { createDatabase } from '@domovoy/prisma';
import { ZodError } from 'zod';

const USAGE = `usage: npm run create-admin -- --email <email> --name <full name> [--org-inn <INN>]
   or: npm run create-admin -- --email <email> --name <full name> --org-kind UK|TSZH|TSN|ZHSK --org-name <name>
         --org-inn <INN> [--org-kpp <KPP>] [--org-ogrn <OGRN>] --org-address <address> [--org-short-name <name>]
         [--org-phone <phone>] [--org-email <email>] --bank-name <bank> --bic <BIC>
         --bank-account <20 digits> --corr-account <20 digits or 0> [--timezone <IANA zone>]`;

const ORG_OPTIONS = {
  'org-kind': 'kind',
  'org-name': 'name',
  'org-short-name': 'shortName',
  'org-kpp': 'kpp',
  'org-ogrn': 'ogrn',
  'org-address': 'address',
  'org-phone': 'phone',
  'org-email': 'email',
  'bank-name': 'bankName',
  bic: 'bic',
  'bank-account': 'bankAccount',
  'corr-account': 'corrAccount',
  timezone: 'timezone',
} as const;

/** Command-line names of the fields, for the messages. */
const FLAG_OF: Record<string, string> = {
  ...Object.fromEntries(Object.entries(ORG_OPTIONS).map(([flag, field]) => [field, `--${flag}`])),
  inn: '--org-inn',
  email: '--email',
  fullName: '--name',
};

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'org-inn': { type: 'string' },
      ...Object.fromEntries(Object.keys(ORG_OPTIONS).map((flag) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 0 || !values.email || !values.name) throw new UsageError(USAGE);
  const opts = values as unknown as Record<string, string | undefined>;
  const orgGiven = Object.keys(ORG_OPTIONS).some((flag) => opts[flag] !== undefined);
  const organization = orgGiven
    ? {
        ...Object.fromEntries(
          Object.entries(ORG_OPTIONS).flatMap(([flag, field]) =>
            opts[flag] === undefined ? [] : [[field, opts[flag]]],
          ),
        ),
        inn: opts['org-inn'] ?? '',
      }
    : undefined;
  // 16 characters of 96 random bits: far beyond any guessing, and within every password rule.
  const password = randomBytes(12).toString('base64url');

  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const db = await createDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  try {
    const result = await createOrganizationAdmin(
      { db },
      {
        admin: { email: values.email, fullName: values.name, password },
        ...(opts['org-inn'] ? { organizationInn: opts['org-inn'] } : {}),
        ...(organization ? { organization: organization as never } : {}),
      },
    );
    const org = result.organization;
    const where = config.bot.publicUrl ?? `http://localhost:${config.http.port}`;
    process.stdout.write(
      [
        org.created
          ? `Organisation created: ${org.name} (INN ${org.inn}).`
          : `Organisation: ${org.name} (INN ${org.inn}).`,
        `Administrator ${values.email.trim().toLowerCase()} can sign in at ${where} with the password`,
        '',
        `  ${password}`,
        '',
        'It is shown only now. Change it after signing in (the menu under your name).',
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ZodError) {
      process.stderr.write('refused, nothing was written:\n');
      for (const issue of error.issues) {
        const field = issue.path.at(-1);
        const flag = typeof field === 'string' ? (FLAG_OF[field] ?? field) : 'input';
        process.stderr.write(`  ${flag}: ${issue.message}\n`);
      }
      return 1;
    }
    if (isAppError(error)) {
      process.stderr.write(`refused, nothing was written: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError)
      process.stderr.write(`${error.message}\n`);
    else
      process.stderr.write(
        `create-admin failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    process.exit(2);
  },
);
