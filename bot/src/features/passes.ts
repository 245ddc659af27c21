import {
  cancelPass,
  checkPass,
  getResidentPass,
  guestNameSchema,
  isAppError,
  listResidentFlats,
  listResidentPasses,
  MAX_PASS_DAYS,
  orderPass,
  type PassCheckOutcome,
  type PassDatesProblem,
  type PassView,
  type PassWhen,
  type PlateProblem,
  parseCheckInput,
  parsePlate,
  passCheckUrl,
  passQrPng,
  plateInCyrillic,
  staffActorByTelegram,
} from '@domovoy/domain';
import type { PassCheckResult } from '@domovoy/prisma';
import { InputFile } from 'grammy';
import { menuSectionData } from '../callback-data/menu.ts';
import { guardEntryData, passActionData } from '../callback-data/passes.ts';
import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';
import { formatDay } from '../formatting.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import {
  cancelPassKeyboard,
  markEntryKeyboard,
  passesKeyboard,
  passKindKeyboard,
  passWhenKeyboard,
} from '../keyboards/passes.ts';

/**
 * Passes. Residents order a guest or car pass (`/pass` or the menu), one-time for today or tomorrow or for a few
 * days, get its QR code, see and cancel their passes (`/passes`). Guards — staff whose Telegram is linked and who
 * may check passes — send `/check <plate, code or the QR's address>` and mark the entry under a valid pass.
 */
export const passesFeature = new Composer<Context>();
const chats = passesFeature.chatType('private');

const PLATE_PROBLEM_KEYS: Record<PlateProblem, string> = {
  empty: 'passes.plate_empty',
  letters: 'passes.plate_letters',
  format: 'passes.plate_format',
};
const DATE_PROBLEM_KEYS: Record<PassDatesProblem, string> = {
  format: 'passes.dates_format',
  past: 'passes.dates_past',
  order: 'passes.dates_order',
  too_long: 'passes.dates_too_long',
  too_far: 'passes.dates_too_far',
};
const RESULT_KEYS: Record<PassCheckResult, string> = {
  VALID: 'passes.result_valid',
  NOT_YET_VALID: 'passes.result_not_yet_valid',
  EXPIRED: 'passes.result_expired',
  USED: 'passes.result_used',
  REVOKED: 'passes.result_revoked',
  NOT_APPROVED: 'passes.result_not_approved',
  WRONG_HOUSE: 'passes.result_wrong_house',
  UNKNOWN: 'passes.result_unknown',
};

type PassFacts = Pick<
  PassView,
  'kind' | 'guestName' | 'plateNormalized' | 'oneTime' | 'validFrom' | 'validTo' | 'timezone'
>;

const whoOf = (ctx: Context, pass: PassFacts) =>
  pass.kind === 'CAR'
    ? ctx.t('passes.who_car', { plate: plateInCyrillic(pass.plateNormalized ?? '') })
    : ctx.t('passes.who_guest', { name: pass.guestName ?? '' });

function whenOf(ctx: Context, pass: PassFacts) {
  const from = formatDay(pass.validFrom, ctx.language, pass.timezone);
  // validTo is the first instant after the last day.
  const to = formatDay(new Date(pass.validTo.getTime() - 1), ctx.language, pass.timezone);
  if (from === to) return ctx.t(pass.oneTime ? 'passes.when_once' : 'passes.when_day', { date: from });
  return ctx.t(pass.oneTime ? 'passes.when_once_range' : 'passes.when_range', { from, to });
}

/** Where a pass QR points: the panel's check page at PUBLIC_URL, or this server's own address. */
function checkBase(ctx: Context) {
  const { bot, http } = ctx.deps.config;
  return bot?.publicUrl ?? `http://localhost:${http?.port ?? 3000}`;
}

async function showPasses(ctx: Context, edit: boolean) {
  const passes = await listResidentPasses(ctx.deps, BigInt(ctx.from!.id));
  const lines = passes.map((p) =>
    ctx.t('passes.item', {
      who: whoOf(ctx, p),
      when: whenOf(ctx, p),
      status: ctx.t(p.status === 'PENDING_APPROVAL' ? 'passes.status_pending' : 'passes.status_active'),
    }),
  );
  const text = passes.length === 0 ? ctx.t('passes.none') : `${ctx.t('passes.title')}\n\n${lines.join('\n')}`;
  const reply_markup = passesKeyboard(
    ctx.t,
    passes.map((p) => ({ id: p.id, label: whoOf(ctx, p) })),
  );
  if (edit) await ctx.editMessageText(text, { reply_markup });
  else await ctx.reply(text, { reply_markup });
}

async function startDraft(ctx: Context, kind?: 'GUEST' | 'CAR') {
  const flats = await listResidentFlats(ctx.deps, BigInt(ctx.from!.id));
  const flat = flats.find((f) => f.accountId === ctx.session.currentAccountId) ?? flats[0];
  if (!flat) {
    await ctx.reply(ctx.t('passes.no_flats'));
    return;
  }
  ctx.session.passDraft = { accountId: flat.accountId, step: 'kind' };
  if (kind) await chooseKind(ctx, kind);
  else await ctx.reply(ctx.t('passes.ask_kind'), { reply_markup: passKindKeyboard(ctx.t) });
}

async function chooseKind(ctx: Context, kind: 'GUEST' | 'CAR') {
  const draft = ctx.session.passDraft;
  if (!draft) return void (await ctx.reply(ctx.t('passes.flow_expired')));
  draft.kind = kind;
  draft.step = kind === 'GUEST' ? 'name' : 'plate';
  await ctx.reply(ctx.t(kind === 'GUEST' ? 'passes.ask_guest_name' : 'passes.ask_plate'));
}

async function sendQr(
  ctx: Context,
  pass: PassFacts & { token: string; address: string; premisesNumber: string },
) {
  const png = passQrPng(passCheckUrl(checkBase(ctx), pass.token));
  await ctx.replyWithPhoto(new InputFile(png, 'pass.png'), {
    caption: ctx.t('passes.qr_caption', {
      who: whoOf(ctx, pass),
      when: whenOf(ctx, pass),
      address: pass.address,
      number: pass.premisesNumber,
    }),
  });
}

async function order(ctx: Context, when: PassWhen, oneTime: boolean) {
  const draft = ctx.session.passDraft;
  if (!draft?.kind) return void (await ctx.reply(ctx.t('passes.flow_expired')));
  try {
    const pass = await orderPass(ctx.deps, {
      telegramUserId: BigInt(ctx.from!.id),
      accountId: draft.accountId,
      kind: draft.kind,
      ...(draft.kind === 'GUEST' ? { guestName: draft.guestName } : { plate: draft.plate }),
      oneTime,
      when,
    });
    ctx.session.passDraft = undefined;
    await sendQr(ctx, pass);
    if (pass.pendingApproval) await ctx.reply(ctx.t('passes.pending_note'));
  } catch (error) {
    if (isAppError(error, 'VALIDATION') && error.details.what === 'pass_dates') {
      draft.step = 'dates';
      const key = DATE_PROBLEM_KEYS[error.details.reason as PassDatesProblem] ?? 'passes.dates_format';
      await ctx.reply(ctx.t(key, { days: error.details.maxDays, ahead: error.details.maxDaysAhead }));
    } else if (isAppError(error, 'CONFLICT') && error.details.what === 'pass_limit') {
      ctx.session.passDraft = undefined;
      await ctx.reply(ctx.t('passes.limit', { limit: error.details.limit }));
    } else if (isAppError(error, 'FORBIDDEN') && error.details.what === 'flat_link') {
      ctx.session.passDraft = undefined;
      await ctx.reply(ctx.t('passes.no_flats'));
    } else {
      await replyWithAppError(ctx, error);
    }
  }
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'passes') return next();
  await ctx.answerCallbackQuery();
  await showPasses(ctx, true);
});

chats.command('passes', (ctx) => showPasses(ctx, false));
chats.command('pass', (ctx) => startDraft(ctx));

chats.callbackQuery(passActionData.filter, async (ctx) => {
  const { action, value } = passActionData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const telegramUserId = BigInt(ctx.from.id);
  switch (action) {
    case 'kind':
      if (value !== 'GUEST' && value !== 'CAR') break;
      if (ctx.session.passDraft?.step === 'kind') return void (await chooseKind(ctx, value));
      return void (await startDraft(ctx, value));
    case 'day':
      if (value !== 'today' && value !== 'tomorrow') break;
      return void (await order(ctx, { day: value }, true));
    case 'dates':
      if (!ctx.session.passDraft?.kind) return void (await ctx.reply(ctx.t('passes.flow_expired')));
      ctx.session.passDraft.step = 'dates';
      return void (await ctx.reply(ctx.t('passes.ask_dates', { days: MAX_PASS_DAYS })));
    case 'abort':
      ctx.session.passDraft = undefined;
      return void (await ctx.editMessageText(ctx.t('passes.aborted')));
    case 'qr':
      try {
        return void (await sendQr(ctx, await getResidentPass(ctx.deps, { telegramUserId, passId: value })));
      } catch (error) {
        return void (await replyWithPassError(ctx, error));
      }
    case 'cancel':
      try {
        const pass = await getResidentPass(ctx.deps, { telegramUserId, passId: value });
        await ctx.editMessageText(
          ctx.t('passes.cancel_confirm', { who: whoOf(ctx, pass), when: whenOf(ctx, pass) }),
          {
            reply_markup: cancelPassKeyboard(ctx.t, pass.id),
          },
        );
      } catch (error) {
        await replyWithPassError(ctx, error);
      }
      return;
    case 'cancel-yes':
      try {
        await cancelPass(ctx.deps, { telegramUserId, passId: value });
        await ctx.editMessageText(ctx.t('passes.cancelled'));
        await showPasses(ctx, false);
      } catch (error) {
        await replyWithPassError(ctx, error);
      }
      return;
    case 'cancel-no':
      return void (await showPasses(ctx, true));
  }
  await ctx.reply(ctx.t('errors.button_outdated'));
});

/** A pass that is gone or no longer cancellable: say so instead of failing. */
async function replyWithPassError(ctx: Context, error: unknown) {
  if (
    isAppError(error, 'NOT_FOUND') ||
    (isAppError(error, 'INVALID_STATE') && error.details.what === 'pass_status')
  )
    await ctx.reply(ctx.t('passes.cancel_failed'));
  else await replyWithAppError(ctx, error);
}

chats.on('message:text', async (ctx, next) => {
  const draft = ctx.session.passDraft;
  const text = ctx.message.text;
  if (!draft || text.startsWith('/') || !['name', 'plate', 'dates'].includes(draft.step)) return next();
  if (draft.step === 'name') {
    const name = guestNameSchema.safeParse(text);
    if (!name.success) return void (await ctx.reply(ctx.t('passes.guest_name_bad')));
    draft.guestName = name.data;
  } else if (draft.step === 'plate') {
    const plate = parsePlate(text);
    if (!plate.ok) return void (await ctx.reply(ctx.t(PLATE_PROBLEM_KEYS[plate.reason])));
    draft.plate = text.trim();
  } else {
    return void (await order(ctx, { text }, false));
  }
  draft.step = 'when';
  await ctx.reply(ctx.t('passes.ask_when'), { reply_markup: passWhenKeyboard(ctx.t) });
});

// ── Guards ──────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Runs a guard's check; staff without a linked Telegram or without the right to check passes (the domain
 * decides) are told the command is not theirs.
 */
async function guardCheck(ctx: Context, input: { token: string } | { plate: string }, enter: boolean) {
  const actor = await staffActorByTelegram(ctx.deps, BigInt(ctx.from!.id));
  try {
    if (actor) return await checkPass(ctx.deps, actor, { ...input, enter });
  } catch (error) {
    if (!isAppError(error, 'FORBIDDEN')) throw error;
  }
  await ctx.reply(ctx.t('passes.check_not_guard'));
  return null;
}

function outcomeText(ctx: Context, outcome: PassCheckOutcome) {
  const head = outcome.entered ? ctx.t('passes.entered') : ctx.t(RESULT_KEYS[outcome.result]);
  const pass = outcome.pass;
  if (!pass) return head;
  return `${head}\n\n${ctx.t('passes.check_details', {
    who: whoOf(ctx, pass),
    when: whenOf(ctx, pass),
    address: pass.address,
    number: pass.premisesNumber,
  })}`;
}

chats.command('check', async (ctx) => {
  const input = parseCheckInput(ctx.match);
  if (input.kind === 'invalid') {
    const key = input.reason === 'empty' ? 'passes.check_usage' : 'passes.check_invalid';
    return void (await ctx.reply(ctx.t(key)));
  }
  const outcome = await guardCheck(
    ctx,
    input.kind === 'token' ? { token: input.token } : { plate: input.plate },
    false,
  );
  if (!outcome) return;
  const check =
    input.kind === 'token'
      ? { by: 't' as const, value: input.token }
      : { by: 'p' as const, value: input.plate };
  await ctx.reply(outcomeText(ctx, outcome), {
    ...(outcome.result === 'VALID' ? { reply_markup: markEntryKeyboard(ctx.t, check) } : {}),
  });
});

chats.callbackQuery(guardEntryData.filter, async (ctx) => {
  const { by, value } = guardEntryData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const outcome = await guardCheck(ctx, by === 't' ? { token: value } : { plate: value }, true);
  if (outcome) await ctx.editMessageText(outcomeText(ctx, outcome));
});
