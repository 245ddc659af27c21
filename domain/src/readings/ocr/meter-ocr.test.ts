import { afterAll, describe, expect, it } from 'vitest';
import { MeterReader, MeterReaderBusyError } from './meter-ocr.ts';
import {
  blankMeterPhoto,
  createRng,
  renderMeter,
  type SyntheticMeter,
  type SyntheticMeterOptions,
  syntheticMeter,
} from './synthetic-meter.ts';

const base: SyntheticMeterOptions = {
  font: 'DejaVu Sans',
  bold: false,
  integerDigits: 5,
  fractionDigits: 3,
  drumStyle: 'dark',
  fractionStyle: 'red-background',
  rotation: 0,
  blur: 0,
  noise: 0,
  jpegQuality: 85,
  width: 960,
  windowScale: 0.55,
  shear: 0,
  lighting: 'even',
  contrast: 1,
  tint: 0,
  glare: 'none',
};

const meter = (
  seed: number,
  options: Partial<SyntheticMeterOptions>,
  values: { integer: string; fraction: string },
) => renderMeter(createRng(seed), { ...base, ...options }, values);

// One of each kind the reader must handle: light digits on dark drums with red drums, dark digits on white drums
// with red digits, grey drums, a tilted and blurred photo, a sheared one in a shadow, no fraction at all.
const cases: [string, () => Promise<SyntheticMeter>][] = [
  ['black drums, red drums', () => meter(1, {}, { integer: '00412', fraction: '735' })],
  [
    'white drums, red digits, serif',
    () =>
      meter(
        2,
        { font: 'Liberation Serif', drumStyle: 'light', fractionStyle: 'red-digits', integerDigits: 6 },
        { integer: '093581', fraction: '26' },
      ),
  ],
  [
    'grey drums, mono, tilted 6°, blurred',
    () =>
      meter(
        3,
        {
          font: 'DejaVu Sans Mono',
          bold: true,
          drumStyle: 'grey',
          rotation: 6,
          blur: 1.2,
          noise: 6,
          jpegQuality: 55,
        },
        { integer: '27064', fraction: '1' },
      ),
  ],
  [
    'sheared, shadow, dim, no fraction',
    () =>
      meter(
        4,
        {
          font: 'Liberation Sans Narrow',
          fractionStyle: 'none',
          shear: -0.08,
          lighting: 'shadow',
          contrast: 0.6,
          integerDigits: 4,
        },
        { integer: '5190', fraction: '' },
      ),
  ],
];

describe('MeterReader', () => {
  const reader = new MeterReader();
  afterAll(() => reader.close());

  it.each(cases)('reads %s', async (_name, make) => {
    const m = await make();
    const reading = await reader.read(m.buffer);
    expect(reading.integer).toBe(m.expectedInteger);
    expect(reading.fraction).toBe(m.expectedFraction);
    expect(reading.text).toBe(
      m.expectedFraction ? `${m.expectedInteger}.${m.expectedFraction}` : m.expectedInteger,
    );
    expect(reading.confidence).toBeGreaterThanOrEqual(60);
  });

  it('suggests nothing for a photo without digits, or for bytes that are not an image', async () => {
    const blank = await reader.read(await blankMeterPhoto(5));
    expect(blank).toMatchObject({ integer: null, fraction: null, text: '', confidence: 0 });
    const garbage = await reader.read(Buffer.from('not an image at all'));
    expect(garbage).toMatchObject({ integer: null, fraction: null, confidence: 0 });
  });

  it('keeps one worker for every read, and serves a concurrent batch', async () => {
    const images = await Promise.all([0, 1, 2, 3].map((i) => syntheticMeter(11, i)));
    const readings = await Promise.all(images.map((m) => reader.read(m.buffer)));
    expect(readings).toHaveLength(images.length);
    // Deterministic images: the integer part is read for (nearly) all of them.
    const right = readings.filter((r, i) => r.integer === images[i]!.expectedInteger).length;
    expect(right).toBeGreaterThanOrEqual(images.length - 1);
    expect(reader.workersCreated).toBe(1);
  });
});

describe('MeterReader queue', () => {
  it('refuses reads beyond maxQueue and rejects waiting reads on close', async () => {
    const reader = new MeterReader({ maxQueue: 1 });
    const photo = await blankMeterPhoto(6);
    const first = reader.read(photo); // running
    const second = reader.read(photo); // waiting
    await expect(reader.read(photo)).rejects.toBeInstanceOf(MeterReaderBusyError);
    await expect(first).resolves.toMatchObject({ integer: null });
    await expect(second).resolves.toMatchObject({ integer: null });
    const third = reader.read(photo);
    const fourth = reader.read(photo);
    await reader.close();
    await expect(fourth).rejects.toThrow('closed');
    await third.catch(() => undefined);
    await expect(reader.read(photo)).rejects.toThrow('closed');
  });
});
