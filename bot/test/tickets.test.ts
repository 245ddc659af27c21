import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeTicketStatus, hashPassword, loadStaffPrincipal, replyToTicket } from '@domovoy/domain';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, STAND_BACKENDS, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe.each(STAND_BACKENDS)('tickets from the bot [$database] [$kv]', (backends) => {
  let stand: BotStand;
  let registry: Awaited<ReturnType<typeof seedSmallRegistry>>;
  let dispatcherId: string;
  let filesDir: string;
  beforeAll(async () => {
    stand = await startBotStand({ ...backends, roles: 'bot,worker' });
    // The stand's DATA_DIR is the repository's ./data: the photos this test stores go to a scratch folder.
    filesDir = await mkdtemp(join(tmpdir(), 'domovoy-ticket-files-'));
    stand.app.http!.deps.config.files.dir = filesDir;
    registry = await seedSmallRegistry(stand.db, { flats: 2 });
    const dispatcher = await stand.db.prisma.staffUser.create({
      data: {
        organizationId: registry.org.id,
        email: 'disp@test.local',
        fullName: 'Диспетчер',
        passwordHash: await hashPassword('irrelevant-password'),
        roles: { create: [{ role: 'DISPATCHER', houseId: registry.house.id }] },
      },
    });
    dispatcherId = dispatcher.id;
  });
  afterAll(async () => {
    await stand?.stop();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  it('a resident opens a ticket with two photos; the dispatcher’s status change and reply reach them in Telegram', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE01');
    await u.tap('Собственник');
    await u.send('/tickets');
    expect(await u.lastReply()).toBe('У вас пока нет заявок.');
    await u.tap('➕ Новая заявка');
    await u.send('Течёт кран на кухне');
    // The classifier's guess comes first and is marked; the resident still chooses.
    expect(await u.lastReply()).toBe(
      'К чему это относится? Похоже на «Сантехника» — нажмите её или выберите другую.',
    );
    await u.tap('✓ Сантехника');
    await u.tap('Нет, обычная заявка');
    await u.sendPhoto(Buffer.from('photo-1'));
    await u.sendPhoto(Buffer.from('photo-2'));
    expect(await u.lastReply()).toBe('Фото добавлено (2).');
    await u.tap('✅ Создать заявку');
    expect(await u.lastReply()).toBe('Заявка №1 создана. Мы сообщим вам о каждом изменении.');

    const ticket = await stand.db.prisma.ticket.findFirstOrThrow({
      where: { houseId: registry.house.id, number: 1 },
      include: { attachments: true },
    });
    expect(ticket).toMatchObject({
      category: 'PLUMBING',
      urgency: 'NORMAL',
      status: 'NEW',
      description: 'Течёт кран на кухне',
    });
    expect(ticket.attachments).toHaveLength(2);
    // Copied from Telegram into the file store after the reply, off the update path.
    await expect
      .poll(
        async () =>
          (await stand.db.prisma.ticketAttachment.findMany({ where: { ticketId: ticket.id } }))
            .map((a) => [a.kind, a.size, a.storageKey.startsWith('tickets/')])
            .sort(),
        { timeout: 15_000 },
      )
      .toEqual([
        ['PHOTO', 7, true],
        ['PHOTO', 7, true],
      ]);

    const { principal } = await loadStaffPrincipal({ db: stand.db }, dispatcherId);
    await changeTicketStatus({ db: stand.db }, principal, { ticketId: ticket.id, status: 'ACCEPTED' });
    await replyToTicket({ db: stand.db }, principal, {
      ticketId: ticket.id,
      text: 'Мастер придёт завтра в 10:00',
    });
    await replyToTicket({ db: stand.db }, principal, {
      ticketId: ticket.id,
      text: 'внутренняя заметка',
      internal: true,
    });
    await expect
      .poll(() => u.replies().filter((m) => /Заявка №1: принята|Ответ по заявке/.test(m.text ?? '')).length, {
        timeout: 15_000,
      })
      .toBe(2);
    expect(u.replies().map((m) => m.text)).toContain('💬 Ответ по заявке №1:\nМастер придёт завтра в 10:00');
    expect(u.replies().some((m) => m.text?.includes('внутренняя заметка'))).toBe(false);
    await expect(
      changeTicketStatus({ db: stand.db }, principal, { ticketId: ticket.id, status: 'CLOSED' }),
    ).rejects.toThrow(/cannot go from ACCEPTED to CLOSED/);
    await u.send('/tickets');
    expect(await u.lastReply()).toContain('№1 · принята в работу · Сантехника: Течёт кран на кухне');
  });

  it('an emergency shows the house’s emergency phone at once', async () => {
    const u = stand.user('en');
    await u.send('/start TESTCODE02');
    await u.tap('Owner');
    await u.send('/ticket');
    await u.send('Water is pouring from the ceiling');
    await u.tap('✓ Plumbing');
    // Recognised as an emergency: the question says so and the emergency answer comes first, marked.
    expect(await u.lastReply()).toBe(
      'This looks like an emergency. Is it? (flooding, gas smell, no power, stuck lift, smoke)',
    );
    await u.tap('✓ 🚨 Yes, an emergency');
    await u.tap('✅ Create ticket');
    expect(await u.lastReply()).toBe(
      "🚨 Ticket No. 2 is marked as an emergency and passed to the dispatcher at once. The house's emergency phone: +7 495 111-22-33",
    );
  });
});
