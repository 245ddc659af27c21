import { readFileSync } from 'node:fs';
import type { TicketCategory, TicketUrgency } from '@domovoy/prisma';
import { z } from 'zod';

export const CATEGORIES = [
  'PLUMBING',
  'ELECTRICITY',
  'HEATING',
  'LIFT',
  'CLEANING',
  'YARD',
  'INTERCOM',
  'ROOF_FACADE',
  'NOISE',
  'BILLING',
  'OTHER',
] as const satisfies readonly TicketCategory[];
export const URGENCIES = [
  'EMERGENCY',
  'URGENT',
  'NORMAL',
  'PLANNED',
] as const satisfies readonly TicketUrgency[];

// A new value in the Prisma enums breaks the build here, not the bot at run time.
const everyCategory: Exclude<TicketCategory, (typeof CATEGORIES)[number]> extends never ? true : never = true;
const everyUrgency: Exclude<TicketUrgency, (typeof URGENCIES)[number]> extends never ? true : never = true;
void everyCategory;
void everyUrgency;

const exampleSchema = z.strictObject({
  text: z.string().trim().min(1),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
});

export type TicketExample = z.infer<typeof exampleSchema> & { lang: 'ru' | 'en' };

export const EXAMPLE_FILES = ['ru', 'en'] as const;

/** Parses one JSONL file of labelled tickets; a bad line fails loudly with its file and line number. */
export function parseExamples(jsonl: string, lang: 'ru' | 'en', source = `${lang}.jsonl`): TicketExample[] {
  const out: TicketExample[] = [];
  for (const [index, line] of jsonl.split('\n').entries()) {
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof exampleSchema>;
    try {
      parsed = exampleSchema.parse(JSON.parse(line));
    } catch (error) {
      throw new Error(`${source}:${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
    out.push({ ...parsed, lang });
  }
  return out;
}

let cached: TicketExample[] | undefined;

/** The labelled tickets committed in `examples/` (Russian first, then English), read once per process. */
export function loadExamples(): TicketExample[] {
  cached ??= EXAMPLE_FILES.flatMap((lang) =>
    parseExamples(readFileSync(new URL(`./examples/${lang}.jsonl`, import.meta.url), 'utf8'), lang),
  );
  return cached;
}
