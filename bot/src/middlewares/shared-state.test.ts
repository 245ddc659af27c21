import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Update dedupe and the per-chat lock through the real bot (the many-instance case: app/test/scale-out.test.ts). */
describe.each(STAND_BACKENDS)('one update once, one chat at a time [$database] [$kv]', (backends) => {
  let stand: BotStand;
  beforeAll(async () => {
    stand = await startBotStand(backends);
  });
  afterAll(() => stand?.stop());

  it('a redelivered update (same update_id) is acknowledged and not handled again', async () => {
    const u = stand.user('en');
    const message = await u.send('/help');
    expect(stand.emu.sentTo(u.id)).toHaveLength(1);
    const first = await stand.emu.pushUpdate({ message });
    expect(stand.emu.sentTo(u.id)).toHaveLength(2);
    await stand.emu.pushUpdate({ update_id: first.update_id, message });
    await Promise.all([
      stand.emu.pushUpdate({ update_id: first.update_id, message }),
      stand.emu.pushUpdate({ update_id: first.update_id, message }),
    ]);
    expect(stand.emu.sentTo(u.id)).toHaveLength(2);
  });

  it('updates of a busy chat wait for it and then run one by one in update_id order', async () => {
    const u = stand.user('en');
    await u.send('/start');
    const before = stand.emu.sentTo(u.id).length;
    // A slow update elsewhere holds the chat.
    const lock = `qlock:chat:${stand.emu.botUser.id}:${u.chatId}`;
    expect(await stand.kv.store.setIfAbsent(lock, 'slow-update', 5_000)).toBe(true);
    const pending = ['/help', '/lang', '/help'].map((text) => u.send(text));
    await new Promise((r) => setTimeout(r, 300));
    expect(stand.emu.sentTo(u.id)).toHaveLength(before);
    await stand.kv.store.deleteIfEquals(lock, 'slow-update');
    await Promise.all(pending);
    const texts = stand.emu
      .sentTo(u.id)
      .slice(before)
      .map((s) => (s.text?.startsWith('What I can do') ? 'help' : 'lang'));
    expect(texts).toEqual(['help', 'lang', 'help']);
  });
});
