import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotApiEmulator, startBotApiEmulator } from './emulator.ts';
import { createSampleBot, type SampleBot } from './sample-bot.fixture.ts';
import { sampleBotScenarios } from './scenarios.fixture.ts';

describe('Bot API emulator with a grammY bot in polling mode (bot.start())', () => {
  let emu: BotApiEmulator;
  let sample: SampleBot;

  beforeAll(async () => {
    emu = await startBotApiEmulator();
    sample = createSampleBot(emu.apiRoot, emu.token);
    await new Promise<void>((resolve, reject) => {
      sample.bot.start({ onStart: () => resolve() }).catch(reject);
    });
  });

  afterAll(async () => {
    await sample?.bot.stop();
    await emu?.close();
  });

  sampleBotScenarios(() => ({ emu, sample }));

  it('confirms updates through getUpdates offsets and long-polls while idle', async () => {
    const u = emu.user();
    await u.send('ping');
    expect(await u.lastReply()).toBe('Echo: ping');
    const updateId = sample.handledUpdateIds.at(-1) ?? Number.NaN;
    const polls = emu.calls('getUpdates');
    expect(polls.at(-1)?.params.timeout).toBeGreaterThan(0);
    // u.send() resolved only after the bot confirmed the update by asking for everything above it.
    expect(polls.at(-1)?.params.offset).toBe(updateId + 1);
    expect(emu.webhook()).toBeUndefined();
    expect(emu.calls('deleteWebhook')).toHaveLength(1); // bot.start() removes any webhook first
  });
});
