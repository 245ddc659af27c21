import {
  castVote,
  createPoll,
  deadlineAfterDays,
  formatDeadline,
  getResidentPoll,
  isAppError,
  listResidentPolls,
  loadPollStaff,
  nextUnanswered,
  type PollScreen,
  parseLocalDeadline,
  pollTitleSchema,
  publishPoll,
  questionScreen,
  questionTextSchema,
  type ResidentPoll,
  resultsText,
  simpleAnswersSchema,
  summaryScreen,
} from '@domovoy/domain';
import { GrammyError, type InlineKeyboard } from 'grammy';
import { menuSectionData } from '../callback-data/menu.ts';
import { pollActionData, pollDraftData } from '../callback-data/polls.ts';
import { Composer } from '../composer.ts';
import type { Context, SessionData } from '../context.ts';
import { replyWithAppError } from '../handlers/app-error-reply.ts';
import {
  audienceKeyboard,
  deadlineKeyboard,
  houseChoiceKeyboard,
  kindKeyboard,
  moreQuestionsKeyboard,
  pollListKeyboard,
  previewKeyboard,
  screenKeyboard,
  THRESHOLD_KEYS,
  thresholdKeyboard,
  unitKeyboard,
} from '../keyboards/polls.ts';

/**
 * Polls and owners' meetings. Residents get the invitation from the outbox with the first question's buttons, tap
 * through the questions (for / against / abstain in an owners' meeting), see their answers and change them until the
 * deadline, and see results when the poll allows (`/polls` or the menu lists them). A chair or manager whose Telegram
 * is linked to their staff account drafts and publishes one with `/poll`: title, kind, questions with answers or a
 * threshold, deadline, audience, preview. Who may vote, with what weight, and every count are the domain's.
 */
export const pollsFeature = new Composer<Context>();
const chats = pollsFeature.chatType('private');

type Draft = NonNullable<SessionData['pollDraft']>;

const telegramId = (ctx: Context) => BigInt(ctx.from!.id);
const nowOf = (ctx: Context) => ctx.deps.now?.() ?? new Date();
const MAX_QUESTIONS = 20;

/** The domain's refusals a resident can meet while voting, by `details.what`. */
const ERROR_KEYS: Record<string, string> = {
  not_owner: 'polls.not_owner',
  not_in_audience: 'polls.not_in_audience',
  poll_closed: 'polls.closed',
  flat_already_voted: 'polls.flat_already_voted',
  poll: 'polls.not_found',
  poll_option: 'polls.not_found',
  resident: 'polls.not_found',
};

async function replyWithPollError(ctx: Context, error: unknown) {
  const key = isAppError(error) ? ERROR_KEYS[String(error.details.what)] : undefined;
  if (!key) return replyWithAppError(ctx, error);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  await ctx.reply(ctx.t(key));
}

/** Edits the message the button was on, or sends a new one; an unchanged screen is not an error. */
async function render(ctx: Context, text: string, reply_markup: InlineKeyboard | undefined, edit: boolean) {
  if (!edit) return void (await ctx.reply(text, reply_markup ? { reply_markup } : {}));
  try {
    await ctx.editMessageText(text, reply_markup ? { reply_markup } : {});
  } catch (error) {
    if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
  }
}

const renderScreen = (ctx: Context, screen: PollScreen, edit: boolean) =>
  render(ctx, screen.text, screenKeyboard(screen), edit);

// ── Residents ───────────────────────────────────────────────────────────────────────────────────────────────────

async function showPolls(ctx: Context, edit: boolean) {
  let polls: ResidentPoll[] = [];
  try {
    polls = await listResidentPolls(ctx.deps, telegramId(ctx));
  } catch (error) {
    if (!isAppError(error, 'NOT_FOUND')) throw error;
  }
  const items = polls.map((poll) => ({
    poll,
    label: poll.open
      ? ctx.t('polls.list_active', {
          title: poll.poll.title,
          date: formatDeadline(ctx.language, poll.poll.endsAt, poll.poll.timezone),
        })
      : ctx.t('polls.list_finished', { title: poll.poll.title }),
  }));
  const text = polls.length === 0 ? ctx.t('polls.list_empty') : ctx.t('polls.list_title');
  await render(ctx, text, pollListKeyboard(ctx.t, items), edit);
}

/** The next screen of a resident's ballot: the first unanswered question after `after`, else their answers. */
function ballotScreen(ctx: Context, view: ResidentPoll, after: number): PollScreen {
  const next = view.open ? nextUnanswered(view.poll, view.choices, after) : null;
  return next !== null
    ? questionScreen(ctx.language, view.poll, next, view.choices)
    : summaryScreen(ctx.language, view.poll, view.choices, {
        open: view.open,
        canSeeResults: view.canSeeResults,
      });
}

chats.callbackQuery(menuSectionData.filter, async (ctx, next) => {
  if (menuSectionData.unpack(ctx.callbackQuery.data).section !== 'polls') return next();
  await ctx.answerCallbackQuery();
  await showPolls(ctx, true);
});

chats.command('polls', (ctx) => showPolls(ctx, false));

chats.callbackQuery(pollActionData.filter, async (ctx) => {
  const { action, pollId, q, o } = pollActionData.unpack(ctx.callbackQuery.data);
  const who = { telegramUserId: telegramId(ctx), pollId };
  if (action === 'v') {
    try {
      const vote = await castVote(ctx.deps, { ...who, question: Number(q), option: Number(o) });
      await ctx.answerCallbackQuery({
        text: ctx.t(vote.changed ? 'polls.vote_changed' : 'polls.vote_saved'),
      });
      const view = await getResidentPoll(ctx.deps, who);
      await renderScreen(ctx, ballotScreen(ctx, view, vote.question), true);
    } catch (error) {
      await replyWithPollError(ctx, error);
    }
    return;
  }
  await ctx.answerCallbackQuery();
  let view: ResidentPoll;
  try {
    view = await getResidentPoll(ctx.deps, who);
  } catch (error) {
    return replyWithPollError(ctx, error);
  }
  if (action === 'r') {
    if (!view.results) return void (await ctx.reply(ctx.t('polls.results_hidden')));
    await ctx.reply(
      resultsText(ctx.language, view.poll, view.results, { final: view.status === 'FINISHED' }),
    );
    return;
  }
  if (!view.eligible) return void (await ctx.reply(ctx.t(ERROR_KEYS[view.refusal ?? 'not_in_audience']!)));
  if (action === 'q' && view.open) {
    await renderScreen(ctx, questionScreen(ctx.language, view.poll, Number(q), view.choices), true);
    return;
  }
  await renderScreen(ctx, ballotScreen(ctx, view, 0), true);
});

// ── Staff: /poll ───────────────────────────────────────────────────────────────────────────────────────────────

/** The staff member and the draft's house, re-read at every step: a revoked right stops the flow. */
async function draftHouse(ctx: Context, draft: Draft) {
  const staff = await loadPollStaff(ctx.deps, telegramId(ctx));
  const house = staff?.houses.find((h) => h.id === draft.houseId);
  return staff && house ? { staff, house } : null;
}

async function staffOnly(ctx: Context) {
  ctx.session.pollDraft = undefined;
  await ctx.reply(ctx.t('polls.staff_only'));
}

chats.command('poll', async (ctx) => {
  const staff = await loadPollStaff(ctx.deps, telegramId(ctx));
  if (!staff || staff.houses.length === 0) return staffOnly(ctx);
  const draft: Draft = { step: 'title', questions: [], entrances: [] };
  ctx.session.pollDraft = draft;
  if (staff.houses.length === 1) {
    draft.houseId = staff.houses[0]!.id;
    await ctx.reply(ctx.t('polls.ask_title'));
    return;
  }
  draft.step = 'house';
  await ctx.reply(ctx.t('polls.choose_house'), { reply_markup: houseChoiceKeyboard(staff.houses) });
});

const askQuestion = (ctx: Context, draft: Draft, edit: boolean) => {
  draft.step = 'question';
  return render(ctx, ctx.t('polls.ask_question', { number: draft.questions.length + 1 }), undefined, edit);
};

const questionAdded = (ctx: Context, draft: Draft, edit: boolean) => {
  draft.step = 'more';
  draft.pendingQuestion = undefined;
  return render(
    ctx,
    ctx.t('polls.question_added', { number: draft.questions.length }),
    moreQuestionsKeyboard(ctx.t, draft.questions.length < MAX_QUESTIONS),
    edit,
  );
};

/** After the deadline: a simple poll in a house with entrances asks whom to invite; otherwise the preview. */
async function afterDeadline(ctx: Context, draft: Draft, edit: boolean) {
  const found = await draftHouse(ctx, draft);
  if (!found) return staffOnly(ctx);
  if (draft.kind === 'SIMPLE' && found.house.entrances.length > 0) {
    draft.step = 'audience';
    await render(ctx, ctx.t('polls.ask_audience'), audienceKeyboard(ctx.t, found.house.entrances), edit);
    return;
  }
  draft.entrances = [];
  await showPreview(ctx, draft, edit);
}

async function showPreview(ctx: Context, draft: Draft, edit: boolean) {
  const found = await draftHouse(ctx, draft);
  if (!found || !draft.title || !draft.kind || !draft.endsAt) return staffOnly(ctx);
  draft.step = 'preview';
  const kind =
    draft.kind === 'SIMPLE'
      ? `${ctx.t('polls.kind_simple')}, ${ctx.t(draft.voteUnit === 'PER_PREMISES' ? 'polls.unit_premises' : 'polls.unit_resident')}`
      : ctx.t('polls.kind_meeting');
  const audience =
    draft.entrances.length === 0
      ? ctx.t('polls.audience_whole_house')
      : draft.entrances.map((number) => ctx.t('polls.audience_entrance_list', { number })).join(', ');
  const questions = draft.questions.flatMap((q, i) => [
    ctx.t('polls.preview_question', { number: i + 1, text: q.text }),
    draft.kind === 'SIMPLE'
      ? ctx.t('polls.preview_options', { options: q.options.join(' / ') })
      : ctx.t('polls.preview_threshold', {
          threshold: ctx.t(THRESHOLD_KEYS[q.threshold as keyof typeof THRESHOLD_KEYS]),
        }),
  ]);
  const text = [
    ctx.t('polls.preview_title'),
    '',
    ctx.t('polls.summary_title', { title: draft.title }),
    ctx.t('polls.preview_house', { address: found.house.address }),
    ctx.t('polls.preview_kind', { kind }),
    ctx.t('polls.preview_audience', { audience }),
    ctx.t('polls.preview_deadline', {
      date: formatDeadline(ctx.language, new Date(draft.endsAt), found.house.timezone),
    }),
    '',
    ...questions,
  ].join('\n');
  await render(ctx, text, previewKeyboard(ctx.t), edit);
}

async function publish(ctx: Context, draft: Draft) {
  const found = await draftHouse(ctx, draft);
  if (!found || !draft.title || !draft.kind || !draft.endsAt) return staffOnly(ctx);
  const { actor } = found.staff;
  let pollId: string;
  try {
    const created = await createPoll(ctx.deps, actor, {
      houseId: found.house.id,
      kind: draft.kind,
      title: draft.title,
      ...(draft.kind === 'SIMPLE' ? { voteUnit: draft.voteUnit ?? 'PER_RESIDENT' } : {}),
      entrances: draft.entrances,
      endsAt: new Date(draft.endsAt),
      questions: draft.questions.map((q) => ({
        text: q.text,
        options: q.options,
        threshold: q.threshold as 'MAJORITY_OF_PARTICIPANTS',
      })),
    });
    pollId = created.id;
  } catch (error) {
    if (!isAppError(error)) throw error;
    ctx.logger.warn({ code: error.code, what: error.details.what }, 'poll draft refused');
    // Usually the deadline passed while the preview waited: ask for it again.
    draft.step = 'deadline';
    await render(ctx, ctx.t('polls.deadline_invalid'), deadlineKeyboard(ctx.t), true);
    return;
  }
  ctx.session.pollDraft = undefined;
  try {
    const published = await publishPoll(ctx.deps, actor, { pollId });
    await render(ctx, ctx.t('polls.published', { count: published.recipients }), undefined, true);
  } catch (error) {
    if (!isAppError(error)) throw error;
    ctx.logger.warn({ code: error.code, what: error.details.what, pollId }, 'poll publication refused');
    await render(ctx, ctx.t('polls.publish_failed'), undefined, true);
  }
}

chats.callbackQuery(pollDraftData.filter, async (ctx) => {
  const { step, value } = pollDraftData.unpack(ctx.callbackQuery.data);
  await ctx.answerCallbackQuery();
  const draft = ctx.session.pollDraft;
  if (step === 'cancel') {
    ctx.session.pollDraft = undefined;
    return render(ctx, ctx.t('polls.draft_cancelled'), undefined, true);
  }
  if (!draft) return void (await ctx.reply(ctx.t('polls.draft_expired')));
  switch (step) {
    case 'house': {
      const staff = await loadPollStaff(ctx.deps, telegramId(ctx));
      if (!staff?.houses.some((h) => h.id === value)) return staffOnly(ctx);
      draft.houseId = value;
      draft.step = 'title';
      return render(ctx, ctx.t('polls.ask_title'), undefined, true);
    }
    case 'kind':
      if (draft.step !== 'kind' || (value !== 'SIMPLE' && value !== 'OWNERS_MEETING')) break;
      draft.kind = value;
      if (value === 'SIMPLE') {
        draft.step = 'unit';
        return render(ctx, ctx.t('polls.ask_unit'), unitKeyboard(ctx.t), true);
      }
      return askQuestion(ctx, draft, true);
    case 'unit':
      if (draft.step !== 'unit' || (value !== 'PER_RESIDENT' && value !== 'PER_PREMISES')) break;
      draft.voteUnit = value;
      return askQuestion(ctx, draft, true);
    case 'thr':
      if (draft.step !== 'threshold' || !draft.pendingQuestion || !(value in THRESHOLD_KEYS)) break;
      draft.questions.push({ text: draft.pendingQuestion, options: [], threshold: value });
      return questionAdded(ctx, draft, true);
    case 'more':
      if (draft.step !== 'more') break;
      if (value === 'yes' && draft.questions.length < MAX_QUESTIONS) return askQuestion(ctx, draft, true);
      draft.step = 'deadline';
      return render(ctx, ctx.t('polls.ask_deadline'), deadlineKeyboard(ctx.t), true);
    case 'days': {
      if (draft.step !== 'deadline') break;
      const found = await draftHouse(ctx, draft);
      if (!found) return staffOnly(ctx);
      draft.endsAt = deadlineAfterDays(nowOf(ctx), found.house.timezone, Number(value) || 7).toISOString();
      return afterDeadline(ctx, draft, true);
    }
    case 'aud':
      if (draft.step !== 'audience') break;
      draft.entrances = value === '0' ? [] : [Number(value)];
      return showPreview(ctx, draft, true);
    case 'pub':
      if (draft.step !== 'preview') break;
      return publish(ctx, draft);
  }
  await ctx.reply(ctx.t('errors.button_outdated'));
});

chats.on('message:text', async (ctx, next) => {
  const draft = ctx.session.pollDraft;
  if (!draft || ctx.message.text.startsWith('/')) return next();
  const text = ctx.message.text.trim();
  switch (draft.step) {
    case 'title': {
      const title = pollTitleSchema.safeParse(text);
      if (!title.success) return void (await ctx.reply(ctx.t('polls.title_invalid')));
      draft.title = title.data;
      draft.step = 'kind';
      await ctx.reply(ctx.t('polls.ask_kind'), { reply_markup: kindKeyboard(ctx.t) });
      return;
    }
    case 'question': {
      const question = questionTextSchema.safeParse(text);
      if (!question.success) return void (await ctx.reply(ctx.t('polls.question_invalid')));
      draft.pendingQuestion = question.data;
      if (draft.kind === 'SIMPLE') {
        draft.step = 'options';
        await ctx.reply(ctx.t('polls.ask_options'));
      } else {
        draft.step = 'threshold';
        await ctx.reply(ctx.t('polls.ask_threshold'), { reply_markup: thresholdKeyboard(ctx.t) });
      }
      return;
    }
    case 'options': {
      const answers = simpleAnswersSchema.safeParse(
        text
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      );
      if (!answers.success || !draft.pendingQuestion)
        return void (await ctx.reply(ctx.t('polls.options_invalid')));
      draft.questions.push({
        text: draft.pendingQuestion,
        options: answers.data,
        threshold: 'MAJORITY_OF_PARTICIPANTS',
      });
      await questionAdded(ctx, draft, false);
      return;
    }
    case 'deadline': {
      const found = await draftHouse(ctx, draft);
      if (!found) return staffOnly(ctx);
      const endsAt = parseLocalDeadline(text, found.house.timezone, nowOf(ctx));
      if (!endsAt)
        return void (await ctx.reply(ctx.t('polls.deadline_invalid'), {
          reply_markup: deadlineKeyboard(ctx.t),
        }));
      draft.endsAt = endsAt.toISOString();
      await afterDeadline(ctx, draft, false);
      return;
    }
    default:
      return next();
  }
});
