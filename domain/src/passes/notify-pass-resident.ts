import { isSupportedLanguage } from '@domovoy/locales';
import type { Tx } from '../context.ts';
import { botText } from '../notifications/texts.ts';
import { enqueueMessage } from '../outbox/enqueue-message.ts';
import { plateInCyrillic } from './plate.ts';

const NOTICE_KEYS = {
  approved: 'passes.notice_approved',
  revoked: 'passes.notice_revoked',
  revoked_with_comment: 'passes.notice_revoked_with_comment',
} as const;

/**
 * Tells the resident who ordered a pass that staff approved or revoked it, through the outbox in the same
 * transaction as the change. Passes staff issued themselves have no resident: nothing is sent.
 */
export async function notifyPassResident(
  tx: Tx,
  pass: {
    id: string;
    residentId: string | null;
    kind: 'GUEST' | 'CAR';
    guestName: string | null;
    plateNormalized: string | null;
  },
  notice: { kind: 'approved' } | { kind: 'revoked'; comment?: string | null },
): Promise<void> {
  if (!pass.residentId) return;
  const resident = await tx.resident.findUnique({
    where: { id: pass.residentId },
    select: { chatId: true, languageCode: true, deletedAt: true },
  });
  if (!resident || resident.deletedAt) return;
  const lang = isSupportedLanguage(resident.languageCode) ? resident.languageCode : 'ru';
  const who =
    pass.kind === 'CAR'
      ? botText(lang, 'passes.who_car', { plate: plateInCyrillic(pass.plateNormalized ?? '') })
      : botText(lang, 'passes.who_guest', { name: pass.guestName ?? '' });
  const key =
    notice.kind === 'approved'
      ? NOTICE_KEYS.approved
      : notice.comment
        ? NOTICE_KEYS.revoked_with_comment
        : NOTICE_KEYS.revoked;
  const text = botText(lang, key, {
    who,
    comment: notice.kind === 'revoked' ? (notice.comment ?? '') : '',
  });
  await enqueueMessage(tx, {
    dedupeKey: `pass-${notice.kind}:${pass.id}`,
    chatId: resident.chatId,
    residentId: pass.residentId,
    kind: 'PASS_STATUS',
    priority: 'high',
    payload: { method: 'sendMessage', params: { text } },
  });
}
