import type { SupportedLanguage } from '@domovoy/locales';
import { botText } from '../notifications/texts.ts';
import type { DecisionName, PollKindName, PollResults, ThresholdName } from './compute-results.ts';

/**
 * What residents see of a poll in Telegram, rendered once for both paths: the outbox (the invitation, reminders,
 * final results) and the bot (the ballot as they tap through it), so the message they tap on and the one it turns
 * into always look alike. Texts come from the `polls` section of locales/<lang>/bot.json.
 */

export interface BallotPoll {
  id: string;
  kind: PollKindName;
  title: string;
  description: string | null;
  endsAt: Date;
  timezone: string;
  questions: {
    position: number;
    text: string;
    threshold: ThresholdName;
    options: { position: number; text: string; decision: DecisionName | null }[];
  }[];
}

/** The resident's answers: question position → option position. */
export type Choices = Record<number, number>;

export interface Button {
  text: string;
  callback_data: string;
}

export interface Screen {
  text: string;
  keyboard: Button[][];
}

/**
 * Buttons of a poll: `pl:<action>:<pollId>:<question>:<option>` (the bot's `callback-data/polls.ts` reads the same
 * shape). Positions rather than ids keep it under Telegram's 64 bytes. Actions: v vote, q show a question, s the
 * ballot (next unanswered question or the summary), r results.
 */
export type PollAction = 'v' | 'q' | 's' | 'r';
export const pollCallback = (action: PollAction, pollId: string, question = '', option = '') =>
  `pl:${action}:${pollId}:${question}:${option}`;

const LOCALES: Record<SupportedLanguage, string> = { ru: 'ru-RU', en: 'en-GB' };

/** "30 ноября в 18:00" / "30 November at 18:00" on the house's clock. */
export function formatDeadline(language: SupportedLanguage, instant: Date, timeZone: string) {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(instant);
}

const THRESHOLD_KEYS: Record<ThresholdName, string> = {
  MAJORITY_OF_PARTICIPANTS: 'polls.threshold_majority',
  MORE_THAN_HALF_OF_ALL: 'polls.threshold_half_all',
  TWO_THIRDS_OF_ALL: 'polls.threshold_two_thirds',
  UNANIMOUS: 'polls.threshold_unanimous',
};

const DECISION_KEYS: Record<DecisionName, string> = {
  FOR: 'polls.decision_for',
  AGAINST: 'polls.decision_against',
  ABSTAIN: 'polls.decision_abstain',
};

export const thresholdText = (language: SupportedLanguage, threshold: ThresholdName) =>
  botText(language, THRESHOLD_KEYS[threshold]);

/** An owners' meeting option is shown by its meaning in the reader's language; a simple poll's as written. */
export const optionLabel = (
  language: SupportedLanguage,
  option: { text: string; decision: DecisionName | null },
) => (option.decision ? botText(language, DECISION_KEYS[option.decision]) : option.text);

function intro(language: SupportedLanguage, poll: BallotPoll): string[] {
  const meeting = poll.kind === 'OWNERS_MEETING';
  return [
    botText(language, meeting ? 'polls.announce_meeting' : 'polls.announce_simple', { title: poll.title }),
    ...(poll.description ? [poll.description] : []),
    ...(meeting ? [botText(language, 'polls.meeting_note')] : []),
    botText(language, 'polls.deadline', { date: formatDeadline(language, poll.endsAt, poll.timezone) }),
    '',
  ];
}

/** One question with a button per answer (the chosen one ticked). With `intro`: the invitation message. */
export function questionScreen(
  language: SupportedLanguage,
  poll: BallotPoll,
  position: number,
  choices: Choices,
  options: { intro?: boolean } = {},
): Screen {
  const question = poll.questions.find((q) => q.position === position) ?? poll.questions[0]!;
  const lines = [
    ...(options.intro
      ? intro(language, poll)
      : [botText(language, 'polls.summary_title', { title: poll.title })]),
    botText(language, 'polls.question_header', { number: question.position, total: poll.questions.length }),
    question.text,
    ...(poll.kind === 'OWNERS_MEETING'
      ? [
          botText(language, 'polls.threshold_line', {
            threshold: thresholdText(language, question.threshold),
          }),
        ]
      : []),
  ];
  const keyboard = question.options.map((o) => {
    const label = optionLabel(language, o);
    return [
      {
        text:
          choices[question.position] === o.position ? botText(language, 'polls.chosen', { label }) : label,
        callback_data: pollCallback('v', poll.id, String(question.position), String(o.position)),
      },
    ];
  });
  return { text: lines.join('\n'), keyboard };
}

/** The first question after `after` (wrapping) the resident has not answered, or null when all are. */
export function nextUnanswered(poll: BallotPoll, choices: Choices, after = 0): number | null {
  const positions = poll.questions.map((q) => q.position);
  const ordered = [...positions.filter((p) => p > after), ...positions.filter((p) => p <= after)];
  return ordered.find((p) => choices[p] === undefined) ?? null;
}

/** The resident's answers, with buttons to change each while the poll runs and to see results when allowed. */
export function summaryScreen(
  language: SupportedLanguage,
  poll: BallotPoll,
  choices: Choices,
  state: { open: boolean; canSeeResults: boolean },
): Screen {
  const lines = [
    botText(language, 'polls.summary_title', { title: poll.title }),
    botText(language, 'polls.summary_voted'),
    ...poll.questions.map((q) => {
      const chosen = q.options.find((o) => o.position === choices[q.position]);
      return botText(language, 'polls.summary_line', {
        number: q.position,
        question: q.text,
        answer: chosen ? optionLabel(language, chosen) : botText(language, 'polls.not_answered'),
      });
    }),
    '',
    state.open
      ? botText(language, 'polls.change_until', {
          date: formatDeadline(language, poll.endsAt, poll.timezone),
        })
      : botText(language, 'polls.finished_note'),
  ];
  const keyboard: Button[][] = [];
  if (state.open) {
    const row = poll.questions.map((q) => ({
      text: botText(language, 'polls.change_button', { number: q.position }),
      callback_data: pollCallback('q', poll.id, String(q.position)),
    }));
    for (let i = 0; i < row.length; i += 4) keyboard.push(row.slice(i, i + 4));
  }
  if (state.canSeeResults)
    keyboard.push([
      { text: botText(language, 'polls.results_button'), callback_data: pollCallback('r', poll.id) },
    ]);
  return { text: lines.join('\n'), keyboard };
}

const pct = (value: string | null) => value ?? '—';

/** The results as text: quorum and each question's decision (owners' meeting), or counts per answer. */
export function resultsText(
  language: SupportedLanguage,
  poll: BallotPoll,
  results: PollResults,
  state: { final: boolean },
): string {
  const t = (key: string, vars?: Record<string, string | number>) => botText(language, key, vars);
  const lines = [t('polls.results_title', { title: poll.title })];
  if (!state.final)
    lines.push(t('polls.results_interim', { date: formatDeadline(language, poll.endsAt, poll.timezone) }));
  if (results.kind === 'OWNERS_MEETING') {
    lines.push(
      t('polls.results_meeting_total', {
        total: results.totalVotes ?? '0.00',
        votes: results.participantVotes ?? '0.00',
        percent: pct(results.participantPercent),
      }),
      t(results.quorum ? 'polls.quorum_yes' : 'polls.quorum_no'),
    );
  } else {
    lines.push(t('polls.results_simple_total', { count: results.participants }));
  }
  for (const q of results.questions) {
    lines.push('', `${q.position}. ${q.text}`);
    for (const o of q.options) {
      const label = optionLabel(language, o);
      lines.push(
        results.kind === 'OWNERS_MEETING'
          ? t('polls.result_option_votes', { label, votes: o.votes ?? '0.00', percent: pct(o.percent) })
          : t('polls.result_option_count', { label, count: o.count, percent: pct(o.percent) }),
      );
    }
    if (q.decision === 'ADOPTED' || q.decision === 'REJECTED') {
      lines.push(
        t(q.decision === 'ADOPTED' ? 'polls.decision_adopted' : 'polls.decision_rejected', {
          threshold: thresholdText(language, q.threshold),
        }),
      );
    } else if (q.decision === null) {
      const leaders = q.options.filter((o) => q.leaders.includes(o.id)).map((o) => o.text);
      lines.push(
        leaders.length > 0 ? t('polls.leaders', { options: leaders.join(', ') }) : t('polls.no_votes'),
      );
    }
  }
  return lines.join('\n');
}

/** Sent once, a day before the deadline, to those of the audience who have not voted yet. */
export function reminderScreen(language: SupportedLanguage, poll: BallotPoll): Screen {
  return {
    text: botText(language, 'polls.reminder', {
      title: poll.title,
      date: formatDeadline(language, poll.endsAt, poll.timezone),
    }),
    keyboard: [[{ text: botText(language, 'polls.vote_button'), callback_data: pollCallback('s', poll.id) }]],
  };
}

/** The Bot API `params` of a screen: what outbox rows carry. */
export const screenParams = (screen: Screen) => ({
  text: screen.text,
  ...(screen.keyboard.length > 0 ? { reply_markup: { inline_keyboard: screen.keyboard } } : {}),
});
