import type { z } from 'zod';
import { type DomainDeps, nowOf } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import { audienceSchema, countAudience, resolveAudience } from './audience.ts';

/** How many residents a segment reaches right now, before composing or sending (broadcasts.send, house-scoped). */
export async function previewAudience(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof audienceSchema>,
): Promise<{ recipients: number }> {
  const audience = resolveAudience(actor, audienceSchema.parse(input));
  const recipients = await countAudience(deps.db.prisma, actor.organizationId, nowOf(deps), audience);
  return { recipients };
}
