import { createRng, randomMeterOptions, renderMeter } from '@domovoy/domain/ocr-testing';
import { seedSmallRegistry } from '@domovoy/test-support/fixtures';
import { type BotStand, startBotStand } from '@domovoy/test-support/stand';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const IN_WINDOW = new Date('2026-11-21T10:00:00Z');

/** A clear photo of a meter showing 00134 with a red fractional part 27 (rendered, deterministic). */
async function meterPhoto(integer: string, fraction: string) {
  const rng = createRng(7);
  const meter = await renderMeter(
    rng,
    {
      // A clean, well-lit photo; the OCR benchmark covers the hard cases.
      ...randomMeterOptions(rng),
      font: 'DejaVu Sans Mono',
      bold: true,
      integerDigits: integer.length,
      fractionDigits: fraction.length,
      drumStyle: 'dark',
      fractionStyle: fraction ? 'red-background' : 'none',
      rotation: 0,
      blur: 0,
      noise: 0,
      jpegQuality: 92,
      width: 900,
      shear: 0,
      lighting: 'even',
      contrast: 1,
      tint: 0,
    },
    { integer, fraction },
  );
  return meter.buffer;
}

// OCR is CPU-heavy; one back-end pair is enough to prove the flow (the reading rules are tested on all of them).
describe('a meter reading from a photo [pglite] [memory]', () => {
  let stand: BotStand;
  let meterId: string;
  beforeAll(async () => {
    stand = await startBotStand({ database: 'pglite', kv: 'memory', now: IN_WINDOW });
    const registry = await seedSmallRegistry(stand.db, { flats: 1 });
    const meter = await stand.db.prisma.meter.create({
      data: {
        premisesId: registry.flats[0]!.premises.id,
        type: 'COLD_WATER',
        serial: 'CW-9',
        installedAt: new Date('2024-01-01'),
        verificationDueAt: new Date('2030-01-01'),
        initialValues: ['120'],
      },
    });
    meterId = meter.id;
  });
  afterAll(() => stand?.stop());

  it('suggests the value read from the photo; the resident corrects it; the photo is kept with the reading', async () => {
    const u = stand.user('ru');
    await u.send('/start TESTCODE01');
    await u.tap('Собственник');
    await u.send('/readings');
    await u.tap('✏️ Холодная вода №CW-9');
    const photoMessage = await u.sendPhoto(await meterPhoto('00134', '27'));
    expect(u.replies().some((m) => m.text === 'Распознаю фото… Это займёт несколько секунд.')).toBe(true);
    await expect.poll(() => u.replies().at(-1)?.text ?? '', { timeout: 20_000 }).toMatch(/^На фото: /);
    expect(await u.lastReply()).toBe(
      'На фото: 134.27. Если верно — нажмите кнопку, иначе введите правильное значение.',
    );
    expect(u.buttons()).toEqual(['✅ Да, 134.27']);
    // Nothing is saved from the photo alone.
    expect(await stand.db.prisma.meterReading.count({ where: { meterId } })).toBe(0);
    await u.send('134,28');
    expect(await u.lastReply()).toContain('• 134.28 (расход 14.28)');
    await u.tap('✅ Отправить');
    expect(await u.lastReply()).toBe('Показания приняты: 134.28. Спасибо!');
    const saved = await stand.db.prisma.meterReading.findFirst({ where: { meterId } });
    expect(saved?.value.toString()).toBe('134.28');
    expect(saved?.source).toBe('OCR');
    expect(saved?.photoFileId).toBe(photoMessage.photo?.at(-1)?.file_id);
  });

  it('a tapped suggestion goes through the same summary and confirmation', async () => {
    await stand.db.prisma.meterReading.deleteMany({ where: { meterId } });
    const u = stand.user('en');
    await u.send('/start TESTCODE01');
    await u.tap('Owner');
    await u.send('/readings');
    await u.tap('✏️ Cold water No. CW-9');
    await u.sendPhoto(await meterPhoto('00140', '5'));
    await expect
      .poll(() => u.replies().at(-1)?.text ?? '', { timeout: 20_000 })
      .toMatch(/^The photo shows: 140.5/);
    await u.tap('✅ Yes, 140.5');
    expect(await u.lastReply()).toContain('• 140.5 (consumption 20.5)');
    await u.tap('✅ Send');
    expect(await u.lastReply()).toBe('Readings accepted: 140.5. Thank you!');
  });

  it('a photo outside the reading flow gets directions', async () => {
    const u = stand.user('en');
    await u.sendPhoto(await meterPhoto('00001', ''));
    expect(await u.lastReply()).toMatch(/^To submit a reading from a photo/);
  });
});
