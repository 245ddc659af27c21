import { SUPPORTED_LANGUAGES } from '@domovoy/locales';
import { z } from 'zod';
import type { DomainDeps } from '../context.ts';

const inputSchema = z.object({
  telegramUserId: z.bigint().positive(),
  languageCode: z.enum(SUPPORTED_LANGUAGES),
});

/** The language every later message to this resident is rendered in, including outbox messages sent by workers. */
export async function setResidentLanguage(
  deps: DomainDeps,
  input: z.input<typeof inputSchema>,
): Promise<void> {
  const { telegramUserId, languageCode } = inputSchema.parse(input);
  await deps.db.prisma.resident.updateMany({ where: { telegramUserId }, data: { languageCode } });
}
