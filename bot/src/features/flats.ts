import {
  findInvitedFlat,
  linkByInviteCode,
  linkByPhone,
  listResidentFlats,
  type ResidentFlat,
  unlinkFlat,
} from '@domovoy/domain';
import { flatActionData, joinRoleData } from '../callback-data/flats.ts';
import { menuSectionData } from '../callback-data/menu.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import { ensureResident } from '../handlers/ensure-resident.ts';
import {
  flatsKeyboard,
  joinRoleKeyboard,
  sharePhoneKeyboard,
  unlinkConfirmKeyboard,
} from '../keyboards/flats.ts';

/** Joining: link a flat by invite code (typed or via a deep link) or by phone; list, switch and unlink flats. */
export const flatsFeature = new Composer<Context>();
const chats = flatsFeature.chatType('private');

const ROLE_KEYS = {
  OWNER: 'flats.role_owner',
  TENANT: 'flats.role_tenant',
  FAMILY: 'flats.role_family',
} as const;

function flatsText(ctx: Context, flats: ResidentFlat[]) {
  if (flats.length === 0) return ctx.t('flats.none');
  const current = ctx.session.currentAccountId;
  const lines = flats.map((f, i) =>
    ctx.t('flats.item', {
      marker: ctx.t(
        f.accountId === current || (!current && i === 0) ? 'flats.current_marker' : 'flats.other_marker',
      ),
      address: f.address,
      number: f.premisesNumber,
      account: f.accountNumber,
      role: ctx.t(ROLE_KEYS[f.role]),
    }),
  );
  return `${ctx.t('flats.title')}\n\n${lines.join('\n')}`;
}

async function showFlats(ctx: Context, edit: boolean) {
  const flats = await listResidentFlats(ctx.deps, BigInt(ctx.from!.id));
  if (!flats.some((f) => f.accountId === ctx.session.currentAccountId))
    ctx.session.currentAccountId = flats[0]?.accountId;
  const text = flatsText(ctx, flats);
  const reply_markup = flatsKeyboard(ctx.t, flats, ctx.session.currentAccountId);
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

/** First step of joining with a code: show the flat and ask who the resident is. */
export async function offerInvite(ctx: Context, code: string) {
  try {
    const flat = await findInvitedFlat(ctx.deps, { telegramUserId: BigInt(ctx.from!.id), code });
    if (flat.alreadyLinked) {
      await ctx.reply(ctx.t('join.already_linked'));
      return;
    }
    ctx.session.pendingInvite = code;
    ctx.session.step = undefined;
    await ctx.reply(
      ctx.t('join.found', {
        address: flat.address,
        number: flat.premisesNumber,
        account: flat.accountNumber,
      }),
      { reply_markup: joinRoleKeyboard(ctx.t) },
    );
  } catch (error) {
    await replyWithAppError(ctx, error);
  }
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'flats') return next();
  await ctx.answerCallbackQuery();
  await showFlats(ctx, true);
});

chats.command('flats', (ctx) => showFlats(ctx, false));

chats.callbackQuery(flatActionData.filter, async (ctx) => {
  const { action, accountId } = flatActionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const flats = await listResidentFlats(ctx.deps, BigInt(ctx.from.id));
  const flat = flats.find((f) => f.accountId === accountId);
  switch (action) {
    case 'code':
      ctx.session.step = 'invite_code';
      await ctx.reply(ctx.t('join.enter_code'));
      return;
    case 'phone':
      await ctx.reply(ctx.t('join.share_phone'), { reply_markup: sharePhoneKeyboard(ctx.t) });
      return;
    case 'switch':
      if (!flat) break;
      ctx.session.currentAccountId = flat.accountId;
      await ctx.reply(ctx.t('flats.switched', { number: flat.premisesNumber, address: flat.address }));
      await showFlats(ctx, false);
      return;
    case 'unlink':
      if (!flat) break;
      await ctx.editMessageText(
        ctx.t('flats.unlink_confirm', { number: flat.premisesNumber, address: flat.address }),
        {
          reply_markup: unlinkConfirmKeyboard(ctx.t, flat.accountId),
        },
      );
      return;
    case 'unlink-yes':
      if (!flat) break;
      await unlinkFlat(ctx.deps, { telegramUserId: BigInt(ctx.from.id), accountId: flat.accountId });
      if (ctx.session.currentAccountId === flat.accountId) ctx.session.currentAccountId = undefined;
      await ctx.editMessageText(ctx.t('flats.unlinked'));
      await showFlats(ctx, false);
      return;
    case 'unlink-no':
      await ctx.editMessageText(ctx.t('flats.cancelled'));
      return;
  }
  await ctx.reply(ctx.t('errors.button_outdated'));
});

chats.callbackQuery(joinRoleData.filter, async (ctx) => {
  const { role } = joinRoleData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const code = ctx.session.pendingInvite;
  if (!code || (role !== 'OWNER' && role !== 'TENANT' && role !== 'FAMILY')) {
    await ctx.reply(ctx.t('join.session_expired'));
    return;
  }
  try {
    await ensureResident(ctx);
    const linked = await linkByInviteCode(ctx.deps, { telegramUserId: BigInt(ctx.from.id), code, role });
    ctx.session.pendingInvite = undefined;
    ctx.session.currentAccountId = linked.accountId;
    await ctx.editMessageText(
      ctx.t('join.linked', { number: linked.premisesNumber, address: linked.address }),
    );
    if (role === 'OWNER' && !linked.ownerConfirmed) await ctx.reply(ctx.t('join.linked_owner_unconfirmed'));
  } catch (error) {
    await replyWithAppError(ctx, error);
  }
});

chats.on('message:contact', async (ctx) => {
  // A forwarded or picked contact is someone else's; only the account's own number proves anything.
  if (ctx.message.contact.user_id !== ctx.from.id) {
    await ctx.reply(ctx.t('join.not_own_contact'), { reply_markup: sharePhoneKeyboard(ctx.t) });
    return;
  }
  try {
    await ensureResident(ctx);
    const flats = await linkByPhone(ctx.deps, {
      telegramUserId: BigInt(ctx.from.id),
      phone: ctx.message.contact.phone_number,
    });
    ctx.session.currentAccountId ??= flats[0]?.accountId;
    const list = flats.map((f) => `${f.address}, ${f.premisesNumber}`).join('; ');
    await ctx.reply(ctx.t('join.phone_linked', { flats: list }), { reply_markup: { remove_keyboard: true } });
  } catch (error) {
    await replyWithAppError(ctx, error);
  }
});

chats.on('message:text', async (ctx, next) => {
  if (ctx.session.step !== 'invite_code' || ctx.message.text.startsWith('/')) return next();
  await offerInvite(ctx, ctx.message.text);
});
