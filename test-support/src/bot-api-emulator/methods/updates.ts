import { badRequest } from '../errors.ts';
import type { MethodHandler } from './context.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

const getUpdates: MethodHandler = ({ core, params, signal }) => {
  const offset = params.number('offset');
  const limit = Math.min(Math.max(params.number('limit') ?? 100, 1), 100);
  const timeout = Math.max(params.number('timeout') ?? 0, 0);
  return core.updates.getUpdates(offset, limit, timeout, signal);
};

const setWebhook: MethodHandler = ({ core, params }) => {
  const url = params.string('url') ?? '';
  const dropPending = params.bool('drop_pending_updates') ?? false;
  if (url === '') {
    core.updates.deleteWebhook(dropPending);
    return true;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('bad webhook: invalid URL');
  }
  if (!/^https?:$/.test(parsed.protocol))
    throw badRequest('bad webhook: HTTPS url must be provided for webhook');
  if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
    throw badRequest('bad webhook: the emulator only delivers webhooks to 127.0.0.1/localhost');
  }
  const secretToken = params.string('secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest('secret token contains unallowed characters');
  }
  const maxConnections = params.number('max_connections');
  const allowedUpdates = params.json<string[]>('allowed_updates');
  core.updates.setWebhook(
    {
      url,
      ...(secretToken !== undefined ? { secretToken } : {}),
      ...(maxConnections !== undefined ? { maxConnections } : {}),
      ...(allowedUpdates !== undefined ? { allowedUpdates } : {}),
    },
    dropPending,
  );
  return true;
};

const deleteWebhook: MethodHandler = ({ core, params }) => {
  core.updates.deleteWebhook(params.bool('drop_pending_updates') ?? false);
  return true;
};

const getWebhookInfo: MethodHandler = ({ core }) => {
  const hook = core.updates.webhook;
  return {
    url: hook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: core.updates.pendingCount,
    ...(hook?.maxConnections !== undefined ? { max_connections: hook.maxConnections } : {}),
    ...(hook?.allowedUpdates !== undefined ? { allowed_updates: hook.allowedUpdates } : {}),
    ...(hook?.lastErrorDate !== undefined ? { last_error_date: hook.lastErrorDate } : {}),
    ...(hook?.lastErrorMessage !== undefined ? { last_error_message: hook.lastErrorMessage } : {}),
  };
};

export const updateMethods: Record<string, MethodHandler> = {
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
