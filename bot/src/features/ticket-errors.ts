import { isAppError } from '@domovoy/domain';
import type { Context } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import { statusLabel } from './ticket-labels.ts';

const KIND_KEYS: Record<string, string> = {
  PHOTO: 'tickets.kind_photo',
  VIDEO: 'tickets.kind_video',
  DOCUMENT: 'tickets.kind_document',
  VOICE: 'tickets.kind_voice',
};

/**
 * Domain refusals about tickets, files and staff links in the user's language; anything else goes to the shared
 * mapper (and from there to the error boundary).
 */
export async function replyWithTicketError(ctx: Context, error: unknown, ticketNumber?: number) {
  if (!isAppError(error)) throw error;
  const what = error.details.what;
  const kind = ctx.t(KIND_KEYS[String(error.details.kind)] ?? 'tickets.kind_document');
  if (what === 'attachment_too_large') {
    return void (await ctx.reply(ctx.t('tickets.file_too_large', { kind, mb: Number(error.details.maxMb) })));
  }
  if (what === 'attachment_type') return void (await ctx.reply(ctx.t('tickets.file_type', { kind })));
  if (what === 'ticket_transition') {
    const allowed = (error.details.allowed as string[] | undefined) ?? [];
    const text = ctx.t('tickets.move_refused', {
      number: ticketNumber ?? Number(error.details.number ?? 0),
      from: statusLabel(ctx.t, String(error.details.from)),
      to: statusLabel(ctx.t, String(error.details.to)),
    });
    const hint =
      allowed.length > 0
        ? ctx.t('tickets.move_allowed', {
            statuses: allowed
              .map((s) => ctx.t('tickets.quoted_status', { status: statusLabel(ctx.t, s) }))
              .join(', '),
          })
        : ctx.t('tickets.move_none');
    return void (await ctx.reply(`${text}\n${hint}`));
  }
  if (what === 'ticket_closed') return void (await ctx.reply(ctx.t('tickets.comment_closed')));
  if (what === 'ticket_not_closed') return void (await ctx.reply(ctx.t('tickets.rate_not_closed')));
  if (what === 'ticket_finished') return void (await ctx.reply(ctx.t('executor.finished')));
  if (what === 'staff_code') return void (await ctx.reply(ctx.t('executor.code_not_found')));
  if (what === 'staff_code_attempts') {
    return void (await ctx.reply(
      ctx.t('executor.too_many_codes', { minutes: Number(error.details.retryAfterMinutes ?? 60) }),
    ));
  }
  if (error.code === 'NOT_FOUND' && what === 'ticket')
    return void (await ctx.reply(ctx.t('tickets.not_found')));
  if (error.code === 'FORBIDDEN' && error.details.permission?.toString().startsWith('tickets')) {
    return void (await ctx.reply(ctx.t('executor.not_yours')));
  }
  await replyWithAppError(ctx, error);
}
