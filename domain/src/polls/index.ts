export { type CastVoteResult, castVote, castVoteInputSchema } from './cast-vote.ts';
export { closeDuePolls } from './close-due-polls.ts';
export { closePoll, closePollInputSchema } from './close-poll.ts';
export {
  computeResults,
  type DecisionName,
  type OptionResult,
  type PollKindName,
  type PollResults,
  type QuestionResult,
  type ResultsInput,
  type ThresholdName,
} from './compute-results.ts';
export {
  answerTextSchema,
  type CreatePollInput,
  createPoll,
  createPollInputSchema,
  MEETING_FORMS,
  POLL_KINDS,
  POLL_THRESHOLDS,
  pollTitleSchema,
  questionTextSchema,
  RESULTS_VISIBILITIES,
  simpleAnswersSchema,
  VOTE_UNITS,
} from './create-poll.ts';
export { getPoll, getPollResults, pollIdInputSchema } from './get-poll.ts';
export { listPolls, listPollsInputSchema, POLL_STATUSES } from './list-polls.ts';
export { deadlineAfterDays, parseLocalDeadline } from './poll-deadline.ts';
export {
  type BallotPoll,
  type Button as PollButton,
  type Choices as PollChoices,
  formatDeadline,
  nextUnanswered,
  optionLabel,
  pollCallback,
  questionScreen,
  resultsText,
  type Screen as PollScreen,
  summaryScreen,
  thresholdText,
} from './poll-messages.ts';
export { getPollRegister, pollRegisterInputSchema, type RegisterRow } from './poll-register.ts';
export { loadPollStaff, type PollStaff } from './poll-staff.ts';
export type { PollView } from './poll-view.ts';
export { protocolInputSchema } from './protocol-data.ts';
export { getPollProtocolPdf, renderProtocolPdf } from './protocol-pdf.ts';
export { getPollProtocolXlsx, renderProtocolXlsx } from './protocol-xlsx.ts';
export { publishPoll, publishPollInputSchema } from './publish-poll.ts';
export {
  DEFAULT_POLL_REMINDER_OPTIONS,
  type PollReminderOptions,
  remindNonVoters,
} from './remind-non-voters.ts';
export {
  getResidentPoll,
  listResidentPolls,
  type ResidentPoll,
  residentPollInputSchema,
  resultsVisible,
} from './resident-polls.ts';
