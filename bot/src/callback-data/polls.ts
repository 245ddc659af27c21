import { defineCallbackData } from './define.ts';

/**
 * A resident's poll buttons: `pl:<action>:<pollId>:<question>:<option>` with positions, the shape the domain writes
 * into the invitations it sends through the outbox (`pollCallback`). Actions: v vote, q a question, s the ballot,
 * r results.
 */
export const pollActionData = defineCallbackData('pl', ['action', 'pollId', 'q', 'o']);
/** The /poll flow of a chair or manager: `pc:<step>:<value>` (a house id, a kind, a threshold, days …). */
export const pollDraftData = defineCallbackData('pc', ['step', 'value']);
