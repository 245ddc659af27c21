import type { PollScreen, ResidentPoll } from '@domovoy/domain';
import { InlineKeyboard } from 'grammy';
import type { TFunction } from 'i18next';
import { menuSectionData } from '../callback-data/menu.ts';
import { pollActionData, pollDraftData } from '../callback-data/polls.ts';

const draft = (step: string, value = '') => pollDraftData.pack({ step, value });

/** A screen the domain rendered (the same one the outbox sends) as a grammY keyboard. */
export function screenKeyboard(screen: PollScreen) {
  return InlineKeyboard.from(
    screen.keyboard.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.callback_data))),
  );
}

/** The resident's polls: vote in running ones, see results of finished ones when allowed. */
export function pollListKeyboard(t: TFunction<'bot'>, polls: { poll: ResidentPoll; label: string }[]) {
  const keyboard = new InlineKeyboard();
  for (const { poll, label } of polls) {
    const action = poll.open ? 's' : 'r';
    keyboard.text(label, pollActionData.pack({ action, pollId: poll.poll.id, q: '', o: '' })).row();
  }
  return keyboard.text(t('menu.back'), menuSectionData.pack({ section: 'main' }));
}

export function houseChoiceKeyboard(houses: { id: string; address: string }[]) {
  const keyboard = new InlineKeyboard();
  for (const house of houses) keyboard.text(house.address, draft('house', house.id)).row();
  return keyboard;
}

export function kindKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('polls.kind_simple'), draft('kind', 'SIMPLE'))
    .row()
    .text(t('polls.kind_meeting'), draft('kind', 'OWNERS_MEETING'));
}

export function unitKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('polls.unit_resident'), draft('unit', 'PER_RESIDENT'))
    .row()
    .text(t('polls.unit_premises'), draft('unit', 'PER_PREMISES'));
}

export const THRESHOLD_KEYS = {
  MAJORITY_OF_PARTICIPANTS: 'polls.threshold_majority',
  MORE_THAN_HALF_OF_ALL: 'polls.threshold_half_all',
  TWO_THIRDS_OF_ALL: 'polls.threshold_two_thirds',
  UNANIMOUS: 'polls.threshold_unanimous',
} as const;

export function thresholdKeyboard(t: TFunction<'bot'>) {
  const keyboard = new InlineKeyboard();
  for (const [threshold, key] of Object.entries(THRESHOLD_KEYS))
    keyboard.text(t(key), draft('thr', threshold)).row();
  return keyboard;
}

export function moreQuestionsKeyboard(t: TFunction<'bot'>, canAdd: boolean) {
  const keyboard = new InlineKeyboard();
  if (canAdd) keyboard.text(t('polls.add_question'), draft('more', 'yes'));
  return keyboard.text(t('polls.questions_done'), draft('more', 'no'));
}

export function deadlineKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('polls.deadline_three_days'), draft('days', '3'))
    .text(t('polls.deadline_week'), draft('days', '7'))
    .text(t('polls.deadline_two_weeks'), draft('days', '14'));
}

export function audienceKeyboard(t: TFunction<'bot'>, entrances: number[]) {
  const keyboard = new InlineKeyboard().text(t('polls.audience_house'), draft('aud', '0')).row();
  entrances.forEach((number, i) => {
    keyboard.text(t('polls.audience_entrance', { number }), draft('aud', String(number)));
    if (i % 3 === 2) keyboard.row();
  });
  return keyboard;
}

export function previewKeyboard(t: TFunction<'bot'>) {
  return new InlineKeyboard()
    .text(t('polls.publish_button'), draft('pub'))
    .text(t('polls.cancel_button'), draft('cancel'));
}
