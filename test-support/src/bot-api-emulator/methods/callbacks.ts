import { badRequest } from '../errors.ts';
import type { MethodHandler } from './context.ts';

const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';

const answerCallbackQuery: MethodHandler = (ctx) => {
  const { params, core } = ctx;
  const id = params.requireString('callback_query_id', 'query is empty');
  const query = core.store.callbackQueries.get(id);
  if (!query || query.answered) throw badRequest(QUERY_INVALID);
  const text = params.string('text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  query.answered = true;
  const showAlert = params.bool('show_alert');
  const url = params.string('url');
  const cacheTime = params.number('cache_time');
  core.store.users.get(query.userId)?.callbackAnswers.push({
    callback_query_id: id,
    ...(text !== undefined ? { text } : {}),
    ...(showAlert !== undefined ? { show_alert: showAlert } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
    at: Date.now(),
  });
  core.store.events.emit('change', query.userId);
  return true;
};

export const callbackMethods: Record<string, MethodHandler> = { answerCallbackQuery };
