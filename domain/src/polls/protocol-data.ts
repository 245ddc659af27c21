import type { SupportedLanguage } from '@domovoy/locales';
import { z } from 'zod';
import { writeAudit } from '../audit/write-audit.ts';
import type { DomainDeps } from '../context.ts';
import { idSchema } from '../registry/registry-fields.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import type { DecisionName, PollResults, ThresholdName } from './compute-results.ts';
import { loadPollResults } from './load-results.ts';
import { loadPollForStaff, requireStatus } from './poll-access.ts';
import { loadRegister, type RegisterRow, requireMeeting } from './poll-register.ts';
import { type PollView, pollView } from './poll-view.ts';

export const protocolInputSchema = z.object({
  pollId: idSchema,
  language: z.enum(['ru', 'en']).default('ru'),
});

export interface ProtocolData {
  poll: PollView;
  organization: string;
  results: PollResults;
  register: RegisterRow[];
  language: SupportedLanguage;
}

/**
 * What the protocol of a finished owners' meeting shows (Minstroy order 44/pr of 28.01.2019): the meeting, the
 * quorum, each question's votes and decision, and the register of owners who voted. Loading it for a download is
 * audited: the register names owners.
 */
export async function loadProtocol(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof protocolInputSchema>,
  format: 'pdf' | 'xlsx',
): Promise<ProtocolData> {
  const args = protocolInputSchema.parse(input);
  const poll = await loadPollForStaff(deps.db.prisma, actor, args.pollId);
  requireMeeting(poll);
  requireStatus(poll, 'FINISHED');
  const [organization, results, register] = await Promise.all([
    deps.db.prisma.organization.findUniqueOrThrow({
      where: { id: poll.organizationId },
      select: { name: true },
    }),
    loadPollResults(deps.db.prisma, poll),
    loadRegister(deps.db.prisma, poll),
  ]);
  await deps.db.prisma.$transaction(async (tx) => {
    await writeAudit(tx, actor, {
      action: 'poll.protocol.export',
      entityType: 'poll',
      entityId: poll.id,
      after: { format, owners: register.length },
    });
  });
  return {
    poll: pollView(poll),
    organization: organization.name,
    results,
    register,
    language: args.language,
  };
}

/** Labels of the protocol documents (PDF and XLSX), in the language staff asked for. */
export const PROTOCOL_TEXTS = {
  ru: {
    title: 'ПРОТОКОЛ',
    subtitle: 'общего собрания собственников помещений в многоквартирном доме',
    address: 'Адрес дома',
    form: 'Форма проведения',
    forms: {
      IN_PERSON: 'очное голосование',
      ABSENTEE: 'заочное голосование',
      MIXED: 'очно-заочное голосование',
    },
    start: 'Начало голосования',
    end: 'Окончание голосования',
    initiator: 'Инициатор собрания',
    manager: 'Управляющая организация',
    totalVotes: 'Общее количество голосов собственников помещений в доме',
    participants: 'Приняли участие собственники, обладающие',
    participantsCount: 'Долей собственности, по которым поданы голоса',
    quorum: 'Кворум',
    quorumYes: 'имеется — собрание правомочно (ЖК РФ ст. 45 ч. 3)',
    quorumNo: 'отсутствует — собрание неправомочно, решения не приняты (ЖК РФ ст. 45 ч. 3)',
    agenda: 'Вопросы повестки дня и принятые решения',
    threshold: 'Порядок принятия решения',
    thresholds: {
      MAJORITY_OF_PARTICIPANTS: 'большинство голосов собственников, принявших участие в собрании',
      MORE_THAN_HALF_OF_ALL: 'более 50 % голосов от общего числа голосов собственников',
      TWO_THIRDS_OF_ALL: 'не менее 2/3 голосов от общего числа голосов собственников',
      UNANIMOUS: '100 % голосов от общего числа голосов собственников',
    } satisfies Record<ThresholdName, string>,
    base: { PARTICIPANTS: '% от голосов участников', ALL: '% от всех голосов', VOTERS: '%' },
    decisions: { FOR: 'За', AGAINST: 'Против', ABSTAIN: 'Воздержались' } satisfies Record<
      DecisionName,
      string
    >,
    answer: { FOR: 'за', AGAINST: 'против', ABSTAIN: 'возд.' } satisfies Record<DecisionName, string>,
    votes: 'Голоса, м²',
    decision: 'Решение',
    adopted: 'принято',
    rejected: 'не принято',
    noQuorum: 'не принято (нет кворума)',
    register: 'Реестр собственников, принявших участие в голосовании',
    columns: {
      n: '№',
      owner: 'Собственник',
      premises: 'Помещение',
      share: 'Доля',
      area: 'Площадь, м²',
      votes: 'Голоса, м²',
      answers: 'Решения по вопросам',
      signature: 'Подпись',
      question: 'Вопрос',
    },
    flat: 'кв.',
    nonResidential: 'пом.',
    noVoters: 'Никто не проголосовал.',
    signatures: ['Председатель собрания', 'Секретарь собрания', 'Члены счётной комиссии'],
    sheetProtocol: 'Протокол',
    sheetRegister: 'Реестр',
    m2: 'м²',
  },
  en: {
    title: 'MINUTES',
    subtitle: 'of the general meeting of the owners of premises in the apartment building',
    address: 'Address',
    form: 'Form of the meeting',
    forms: { IN_PERSON: 'in person', ABSENTEE: 'absentee vote', MIXED: 'in person and absentee' },
    start: 'Voting started',
    end: 'Voting ended',
    initiator: 'Initiated by',
    manager: 'Management organisation',
    totalVotes: 'Total votes of the owners of the building',
    participants: 'Owners who took part hold',
    participantsCount: 'Ownerships that voted',
    quorum: 'Quorum',
    quorumYes: 'reached: the meeting is valid (Housing Code art. 45 p. 3)',
    quorumNo: 'not reached: the meeting is not valid, no decisions were made (Housing Code art. 45 p. 3)',
    agenda: 'Agenda and decisions',
    threshold: 'Decided by',
    thresholds: {
      MAJORITY_OF_PARTICIPANTS: 'a majority of the votes of the owners who took part',
      MORE_THAN_HALF_OF_ALL: 'more than 50 % of all owners’ votes',
      TWO_THIRDS_OF_ALL: 'at least 2/3 of all owners’ votes',
      UNANIMOUS: '100 % of all owners’ votes',
    } satisfies Record<ThresholdName, string>,
    base: { PARTICIPANTS: '% of participants’ votes', ALL: '% of all votes', VOTERS: '%' },
    decisions: { FOR: 'For', AGAINST: 'Against', ABSTAIN: 'Abstained' } satisfies Record<
      DecisionName,
      string
    >,
    answer: { FOR: 'for', AGAINST: 'against', ABSTAIN: 'abst.' } satisfies Record<DecisionName, string>,
    votes: 'Votes, m²',
    decision: 'Decision',
    adopted: 'adopted',
    rejected: 'rejected',
    noQuorum: 'not adopted (no quorum)',
    register: 'Register of the owners who voted',
    columns: {
      n: 'No.',
      owner: 'Owner',
      premises: 'Premises',
      share: 'Share',
      area: 'Area, m²',
      votes: 'Votes, m²',
      answers: 'Answers',
      signature: 'Signature',
      question: 'Question',
    },
    flat: 'flat',
    nonResidential: 'prem.',
    noVoters: 'Nobody voted.',
    signatures: ['Chair of the meeting', 'Secretary of the meeting', 'Counting committee'],
    sheetProtocol: 'Minutes',
    sheetRegister: 'Register',
    m2: 'm²',
  },
} as const;

export type ProtocolTexts = (typeof PROTOCOL_TEXTS)[SupportedLanguage];

/** "30.11.2026 18:00" on the house's clock. */
export function protocolDateTime(iso: string, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

export const decisionText = (t: ProtocolTexts, decision: PollResults['questions'][number]['decision']) =>
  decision === 'ADOPTED' ? t.adopted : decision === 'REJECTED' ? t.rejected : t.noQuorum;

export const premisesText = (t: ProtocolTexts, row: RegisterRow) =>
  `${row.premisesKind === 'FLAT' ? t.flat : t.nonResidential} ${row.premisesNumber}`;

export const answersText = (t: ProtocolTexts, row: RegisterRow) =>
  Object.entries(row.answers)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([position, decision]) => `${position}: ${t.answer[decision]}`)
    .join('; ');

export const protocolFileName = (poll: PollView, extension: string) =>
  `protocol-${poll.endsAt.slice(0, 10)}-${poll.id.slice(-8)}.${extension}`;
