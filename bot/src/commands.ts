import type { DomovoyBot } from './create-bot.ts';
import { translator } from './i18n.ts';

/** What residents use; staff commands (/staff, /work, /poll, /check) stay out of every resident's menu. */
const COMMANDS = [
  ['start', 'commands.start'],
  ['menu', 'commands.menu'],
  ['readings', 'commands.readings'],
  ['ticket', 'commands.ticket'],
  ['tickets', 'commands.tickets'],
  ['balance', 'commands.balance'],
  ['finances', 'commands.finances'],
  ['pass', 'commands.pass'],
  ['polls', 'commands.polls'],
  ['news', 'commands.news'],
  ['flats', 'commands.flats'],
  ['lang', 'commands.lang'],
  ['help', 'commands.help'],
] as const;

/** The command list Telegram shows in the menu, in each supported language. */
export async function setBotCommands(bot: DomovoyBot) {
  for (const language of ['ru', 'en'] as const) {
    const t = translator(language);
    await bot.api.setMyCommands(
      COMMANDS.map(([command, key]) => ({ command, description: t(key) })),
      { language_code: language },
    );
  }
  const t = translator('ru');
  await bot.api.setMyCommands(COMMANDS.map(([command, key]) => ({ command, description: t(key) })));
}
