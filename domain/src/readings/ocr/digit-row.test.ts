import { describe, expect, it } from 'vitest';
import { components, grayAndRed, inkMasks, type RgbImage } from './digit-row.ts';

/** 120×60: a black drum with a white bar on the left, a white drum with a red bar on the right. */
function drums(): RgbImage {
  const width = 120;
  const height = 60;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const left = x < 60;
      const bar = y >= 10 && y < 50 && (left ? x >= 25 && x < 33 : x >= 85 && x < 93);
      const rgb = left ? (bar ? [240, 240, 240] : [25, 25, 25]) : bar ? [205, 30, 35] : [235, 235, 235];
      data.set(rgb, (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

describe('digit-row thresholding', () => {
  it('finds light ink on the dark drum and red ink on the white drum, in one pass', () => {
    const img = drums();
    const { gray, red } = grayAndRed(img);
    const at = (x: number, y: number) => y * img.width + x;
    // Red is as dark as black in the ink channel, and marked red.
    expect(gray[at(88, 30)]).toBeLessThan(50);
    expect(red[at(88, 30)]).toBeGreaterThan(150);
    expect(red[at(10, 30)]).toBe(0);

    const masks = inkMasks(gray, img.width, img.height, 12, 48);
    expect(masks.light[at(28, 30)]).toBe(1);
    expect(masks.dark[at(28, 30)]).toBe(0);
    expect(masks.dark[at(88, 30)]).toBe(1);
    expect(masks.light[at(88, 30)]).toBe(0);
    // The drums themselves are not ink of the digits' polarity.
    expect(masks.light[at(15, 30)]).toBe(0);
    expect(masks.dark[at(105, 30)]).toBe(0);

    // (The white drum, light beside the red bar, is a light component too: it is the other polarity's background.)
    const bars = components(masks.light, img.width, img.height, 1).components.filter((c) => c.x1 < 60);
    expect(bars).toHaveLength(1);
    expect(bars[0]).toMatchObject({ x0: 25, x1: 32, y0: 10, y1: 49 });
  });
});
