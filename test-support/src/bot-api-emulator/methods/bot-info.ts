import { badRequest } from '../errors.ts';
import type { MethodHandler } from './context.ts';

interface BotCommand {
  command: string;
  description: string;
}

const getMe: MethodHandler = ({ core }) => ({
  ...core.bot,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
});

const getChat: MethodHandler = ({ core, params }) => {
  const chatId = params.chatId();
  const chat = core.store.privateChat(chatId);
  return { ...chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
};

const setMyCommands: MethodHandler = ({ core, params }) => {
  const commands = params.json<BotCommand[]>('commands', "can't parse commands JSON object");
  if (!Array.isArray(commands)) throw badRequest('commands must be an array');
  if (commands.length > 100) throw badRequest('too many commands');
  for (const command of commands) {
    if (typeof command?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(command.command)) {
      throw badRequest('BOT_COMMAND_INVALID');
    }
    if (
      typeof command.description !== 'string' ||
      command.description.length < 1 ||
      command.description.length > 256
    ) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  const key = core.store.commandsKey(params.json('scope'), params.string('language_code'));
  core.store.commands.set(
    key,
    commands.map(({ command, description }) => ({ command, description })),
  );
  return true;
};

const getMyCommands: MethodHandler = ({ core, params }) =>
  core.store.commands.get(core.store.commandsKey(params.json('scope'), params.string('language_code'))) ?? [];

const deleteMyCommands: MethodHandler = ({ core, params }) => {
  core.store.commands.delete(core.store.commandsKey(params.json('scope'), params.string('language_code')));
  return true;
};

const setChatMenuButton: MethodHandler = ({ core, params }) => {
  const chatId = params.number('chat_id');
  if (chatId !== undefined) core.store.privateChat(chatId);
  const button = params.json<Record<string, unknown>>(
    'menu_button',
    "can't parse menu button JSON object",
  ) ?? {
    type: 'default',
  };
  if (!['default', 'commands', 'web_app'].includes(String(button.type)))
    throw badRequest('menu button type is invalid');
  core.store.menuButtons.set(String(chatId ?? 'default'), button);
  return true;
};

const getChatMenuButton: MethodHandler = ({ core, params }) => {
  const chatId = params.number('chat_id');
  return (
    core.store.menuButtons.get(String(chatId ?? 'default')) ??
    core.store.menuButtons.get('default') ?? { type: 'default' }
  );
};

const ok: MethodHandler = () => true;

export const botInfoMethods: Record<string, MethodHandler> = {
  getMe,
  getChat,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  setChatMenuButton,
  getChatMenuButton,
  close: ok,
  logOut: ok,
};
