import { Composer } from '../composer.ts';
import type { Context } from '../context.ts';

export const helpFeature = new Composer<Context>();

helpFeature.command('help', (ctx) => ctx.reply(ctx.t('help.text')));
