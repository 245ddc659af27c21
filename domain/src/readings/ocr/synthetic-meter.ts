/**
 * Deterministic synthetic meter photos for the OCR tests and `npm run bench:ocr`.
 *
 * An SVG (wall, pipes, the meter body with printed labels, the counter window with one box per drum digit, the
 * fractional drums in red) is rendered by sharp with the machine's fonts (DejaVu, Liberation), then rotated,
 * unevenly lit, blurred, given sensor noise and JPEG-compressed. Every choice comes from a seeded PRNG, so the same
 * seed gives the same images on every run and machine with the same fonts.
 */
import sharp from 'sharp';

export const METER_FONTS = [
  'DejaVu Sans',
  'DejaVu Sans Mono',
  'DejaVu Serif',
  'DejaVu Sans Condensed',
  'Liberation Sans',
  'Liberation Mono',
  'Liberation Serif',
  'Liberation Sans Narrow',
] as const;

export type DrumStyle = 'dark' | 'light' | 'grey';
export type FractionStyle = 'red-background' | 'red-digits' | 'none';

export interface SyntheticMeterOptions {
  font: string;
  bold: boolean;
  integerDigits: number;
  fractionDigits: number;
  drumStyle: DrumStyle;
  fractionStyle: FractionStyle;
  /** Degrees, positive = clockwise. */
  rotation: number;
  /** Gaussian blur sigma, 0 = sharp. */
  blur: number;
  /** Standard deviation of the per-pixel noise (0–255 scale). */
  noise: number;
  jpegQuality: number;
  /** Output width in pixels (a phone photo after Telegram's compression: 640–1280). */
  width: number;
  /** Width of the counter window as a share of the image width. */
  windowScale: number;
  /** Horizontal shear (the phone held off-axis), e.g. 0.08 = 8 px sideways per 100 px down. */
  shear: number;
  /** Light across the photo: even, a gradient from one side, or a soft shadow band across the meter. */
  lighting: 'even' | 'gradient' | 'shadow';
  /** Contrast kept, 1 = full; a dim photo keeps ~0.5. */
  contrast: number;
  /** Warm cast of indoor light: red up, blue down by this share. */
  tint: number;
  /** A reflection on the glass: none, faint, or a strong highlight washing out part of a digit or two. */
  glare: 'none' | 'soft' | 'strong';
}

export interface SyntheticMeter {
  buffer: Buffer;
  expectedInteger: string;
  /** null when the meter has no fractional drums. */
  expectedFraction: string | null;
  options: SyntheticMeterOptions;
}

/** mulberry32: small, fast, good enough for test data; the same seed gives the same sequence everywhere. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min: number, max: number) => min + (max - min) * next(),
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
    /** Standard normal (Box–Muller). */
    gauss: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}
export type Rng = ReturnType<typeof createRng>;

const hex = (v: number) =>
  Math.max(0, Math.min(255, Math.round(v)))
    .toString(16)
    .padStart(2, '0');
const rgb = (r: number, g: number, b: number) => `#${hex(r)}${hex(g)}${hex(b)}`;
const grey = (v: number) => rgb(v, v, v);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Draws one photo's options: the variety the bench measures (and reports per variant). */
export function randomMeterOptions(rng: Rng): SyntheticMeterOptions {
  return {
    font: rng.pick(METER_FONTS),
    bold: rng.chance(0.5),
    integerDigits: rng.int(4, 6),
    fractionDigits: rng.int(0, 3),
    drumStyle: rng.pick(['dark', 'dark', 'light', 'grey'] as const),
    fractionStyle: rng.chance(0.6) ? 'red-background' : 'red-digits',
    rotation: rng.chance(0.3) ? rng.range(-1.5, 1.5) : rng.range(-8, 8),
    blur: rng.chance(0.4) ? rng.range(0.6, 2.2) : 0,
    noise: rng.chance(0.5) ? rng.range(3, 12) : 0,
    jpegQuality: rng.int(45, 92),
    width: rng.pick([640, 800, 960, 1280]),
    windowScale: rng.range(0.35, 0.75),
    shear: rng.chance(0.5) ? rng.range(-0.12, 0.12) : 0,
    lighting: rng.pick(['even', 'gradient', 'gradient', 'shadow'] as const),
    contrast: rng.chance(0.35) ? rng.range(0.45, 0.75) : rng.range(0.85, 1),
    tint: rng.chance(0.5) ? rng.range(0.03, 0.15) : 0,
    glare: rng.chance(0.1) ? 'strong' : rng.chance(0.3) ? 'soft' : 'none',
  };
}

function meterDigits(rng: Rng, count: number) {
  // Young meters show leading zeros ("00123"); old ones use every drum.
  const leadingZeros = rng.chance(0.5) ? rng.int(1, Math.min(3, count - 2)) : 0;
  let s = '0'.repeat(leadingZeros);
  while (s.length < count) s += String(rng.int(0, 9));
  return s;
}

interface Scene {
  svg: string;
  width: number;
  height: number;
}

function drawScene(rng: Rng, o: SyntheticMeterOptions, integer: string, fraction: string): Scene {
  const width = o.width;
  const height = Math.round(width * rng.range(0.62, 0.8));
  const parts: string[] = [];

  // Wall with uneven light, pipes and unrelated objects.
  const wall = rng.range(120, 225);
  const tint = rng.range(-15, 15);
  parts.push(
    `<defs><linearGradient id="wall" x1="0" y1="0" x2="${rng.range(0.3, 1).toFixed(2)}" y2="1">` +
      `<stop offset="0" stop-color="${rgb(wall + tint, wall, wall - tint)}"/>` +
      `<stop offset="1" stop-color="${rgb(wall * 0.7 + tint, wall * 0.7, wall * 0.7 - tint)}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#wall)"/>`,
  );
  for (let i = rng.int(1, 4); i > 0; i--) {
    const vertical = rng.chance(0.5);
    const pos = rng.range(0.05, 0.95) * (vertical ? width : height);
    const thick = rng.range(0.03, 0.08) * width;
    const shade = rng.range(60, 230);
    parts.push(
      vertical
        ? `<rect x="${pos}" y="0" width="${thick}" height="${height}" fill="${grey(shade)}"/>`
        : `<rect x="0" y="${pos}" width="${width}" height="${thick}" fill="${grey(shade)}"/>`,
    );
  }
  if (rng.chance(0.3)) {
    parts.push(
      `<circle cx="${rng.range(0, width)}" cy="${rng.range(0, height)}" r="${rng.range(0.04, 0.1) * width}" ` +
        `fill="${rgb(rng.range(150, 230), rng.range(20, 60), rng.range(20, 60))}"/>`,
    );
  }

  // The counter window geometry.
  const nInt = integer.length;
  const nFrac = fraction.length;
  const boxRatio = rng.range(0.95, 1.15);
  const gapRatio = rng.range(0.06, 0.2);
  const sepRatio = nFrac > 0 ? gapRatio + rng.range(0, 0.25) : 0;
  const padRatio = rng.range(0.12, 0.3);
  const units = (nInt + nFrac) * boxRatio * (1 + gapRatio) + sepRatio + 2 * padRatio;
  const digitH = Math.min((o.windowScale * width) / units, height * 0.2);
  const fontSize = digitH * 1.35;
  const boxW = digitH * boxRatio;
  const boxH = digitH * rng.range(1.25, 1.5);
  const gap = Math.max(2, boxW * gapRatio);
  const sep = nFrac > 0 ? Math.max(2, boxW * sepRatio) : 0;
  const windowPad = boxW * padRatio;
  const windowW = windowPad * 2 + (nInt + nFrac) * boxW + (nInt + nFrac - 1) * gap + sep;
  const windowH = boxH + windowPad * 2;

  // The meter body around it, with its printed labels.
  const bodyW = windowW * rng.range(1.2, 1.5);
  const bodyH = windowH * rng.range(2.4, 3.4);
  const cx = width / 2 + rng.range(-0.08, 0.08) * width;
  const cy = height / 2 + rng.range(-0.08, 0.08) * height;
  const bodyShade = rng.range(215, 250);
  const bodyFill = rgb(bodyShade, bodyShade, bodyShade - rng.range(0, 25));
  if (rng.chance(0.5)) {
    const r = Math.max(bodyW, bodyH) / 2;
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="${r * 1.04}" fill="${grey(rng.range(90, 200))}"/>`,
      `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${bodyFill}"/>`,
    );
  } else {
    parts.push(
      `<rect x="${cx - bodyW / 2}" y="${cy - bodyH / 2}" width="${bodyW}" height="${bodyH}" rx="${bodyW * 0.08}" ` +
        `fill="${bodyFill}" stroke="${grey(rng.range(80, 180))}" stroke-width="${Math.max(2, width / 200)}"/>`,
    );
  }
  const wx = cx - windowW / 2;
  const wy = cy - windowH / 2;
  const labelSize = digitH * rng.range(0.28, 0.4);
  const labelFont = rng.pick(METER_FONTS);
  const labels = [
    rng.pick(['СВ-15', 'ВСКМ 90-15', 'СГВ-15 Х', 'ETW-UA', 'ОСВУ-15']),
    `№ ${meterDigits(rng, 8)}`,
    `Qn ${rng.pick(['1,5', '2,5'])} m³/h  ${rng.pick(['2019', '2021', '2023'])}`,
  ];
  parts.push(
    `<text x="${cx}" y="${wy - labelSize * 0.9}" font-family="${labelFont}" font-size="${labelSize}" ` +
      `text-anchor="middle" fill="${grey(40)}">${esc(labels[0] ?? '')}</text>`,
    `<text x="${cx}" y="${wy + windowH + labelSize * 1.5}" font-family="${labelFont}" font-size="${labelSize * 0.8}" ` +
      `text-anchor="middle" fill="${grey(60)}">${esc(labels[1] ?? '')}</text>`,
    `<text x="${cx}" y="${wy + windowH + labelSize * 2.8}" font-family="${labelFont}" font-size="${labelSize * 0.8}" ` +
      `text-anchor="middle" fill="${grey(60)}">${esc(labels[2] ?? '')}</text>`,
  );

  // The window: a frame, then one box per drum.
  const frame = o.drumStyle === 'light' ? rng.range(20, 70) : rng.range(10, 40);
  parts.push(
    `<rect x="${wx}" y="${wy}" width="${windowW}" height="${windowH}" rx="${windowPad * 0.4}" fill="${grey(frame)}"/>`,
  );
  const drum = (): { bg: string; ink: string } => {
    switch (o.drumStyle) {
      case 'dark':
        return { bg: grey(rng.range(5, 45)), ink: grey(rng.range(215, 255)) };
      case 'light':
        return { bg: grey(rng.range(225, 255)), ink: grey(rng.range(0, 40)) };
      case 'grey':
        return rng.chance(0.5)
          ? { bg: grey(rng.range(70, 100)), ink: grey(rng.range(225, 255)) }
          : { bg: grey(rng.range(165, 195)), ink: grey(rng.range(0, 30)) };
    }
  };
  const intDrum = drum();
  const red = () => rgb(rng.range(175, 235), rng.range(10, 50), rng.range(15, 55));
  const fracDrum =
    o.fractionStyle === 'red-background'
      ? { bg: red(), ink: grey(rng.range(225, 255)) }
      : { bg: grey(rng.range(225, 255)), ink: red() };
  const weight = o.bold ? 'bold' : 'normal';
  const digits = [...integer, ...fraction];
  digits.forEach((d, i) => {
    const isFrac = i >= nInt;
    const style = isFrac ? fracDrum : intDrum;
    const x = wx + windowPad + i * (boxW + gap) + (isFrac ? sep : 0);
    const y = wy + windowPad;
    // Drums are never perfectly aligned.
    const jitter = digitH * rng.range(-0.05, 0.05);
    parts.push(
      `<rect x="${x}" y="${y}" width="${boxW}" height="${boxH}" fill="${style.bg}"/>`,
      `<text x="${x + boxW / 2}" y="${y + boxH / 2 + digitH / 2 + jitter}" font-family="${o.font}" ` +
        `font-weight="${weight}" font-size="${fontSize}" text-anchor="middle" fill="${style.ink}">${d}</text>`,
    );
  });
  if (nFrac > 0 && rng.chance(0.4)) {
    // A decimal comma painted on the frame between the drums, as some meters have.
    const x = wx + windowPad + nInt * (boxW + gap) - gap / 2 + sep / 2;
    parts.push(
      `<circle cx="${x}" cy="${wy + windowPad + boxH * 0.92}" r="${Math.max(1.5, gap * 0.35)}" fill="#ddd"/>`,
    );
  }
  // A reflection on the glass: a faint one, or a strong blurred highlight over some of the digits.
  if (o.glare !== 'none') {
    const strong = o.glare === 'strong';
    const opacity = strong ? rng.range(0.45, 0.7) : rng.range(0.08, 0.2);
    parts.push(
      `<defs><radialGradient id="glare"><stop offset="0" stop-color="#fff" stop-opacity="${opacity.toFixed(2)}"/>` +
        `<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>`,
      `<ellipse cx="${cx + rng.range(-0.35, 0.35) * windowW}" cy="${wy + rng.range(0.2, 0.8) * windowH}" ` +
        `rx="${windowW * (strong ? rng.range(0.12, 0.25) : 0.3)}" ry="${windowH * rng.range(0.3, 0.6)}" fill="url(#glare)"/>`,
    );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  return { svg, width, height };
}

/** Renders one meter photo from explicit options; `rng` decides the remaining details (values, colours, layout). */
export async function renderMeter(
  rng: Rng,
  options: SyntheticMeterOptions,
  values?: { integer: string; fraction: string },
): Promise<SyntheticMeter> {
  const integer = values?.integer ?? meterDigits(rng, options.integerDigits);
  const fraction =
    values?.fraction ??
    (options.fractionStyle === 'none'
      ? ''
      : Array.from({ length: options.fractionDigits }, () => String(rng.int(0, 9))).join(''));
  const scene = drawScene(rng, options, integer, fraction);
  let img = sharp(Buffer.from(scene.svg)).flatten({ background: '#808080' });
  if (options.rotation !== 0) {
    // Rotate, then crop back to the original frame, as if the phone were tilted.
    const rotated = await img
      .rotate(options.rotation, { background: grey(rng.range(90, 200)) })
      .png()
      .toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((rotated.info.width - scene.width) / 2));
    const top = Math.max(0, Math.round((rotated.info.height - scene.height) / 2));
    img = sharp(rotated.data).extract({ left, top, width: scene.width, height: scene.height });
  }
  if (options.shear !== 0) {
    const sheared = await img
      .affine([1, options.shear, 0, 1], { background: grey(rng.range(90, 200)) })
      .png()
      .toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((sheared.info.width - scene.width) / 2));
    const top = Math.max(0, Math.round((sheared.info.height - scene.height) / 2));
    img = sharp(sheared.data).extract({ left, top, width: scene.width, height: scene.height });
  }
  if (options.blur > 0) img = sharp(await img.blur(options.blur).png().toBuffer());
  const { data, info } = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  // Light: a linear gradient (down to 45–75 % at the far side) or a soft shadow band (down to 50–70 %).
  const angle = rng.range(0, 2 * Math.PI);
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const diag = Math.hypot(info.width, info.height);
  const far = rng.range(0.45, 0.75);
  const bandAt = rng.range(0.3, 0.7);
  const bandWidth = rng.range(0.08, 0.2);
  const bandDepth = rng.range(0.5, 0.7);
  const gains = [1 + options.tint, 1, 1 - options.tint];
  for (let y = 0, i = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const t = 0.5 + ((x - info.width / 2) * dirX + (y - info.height / 2) * dirY) / diag;
      let light = 1;
      if (options.lighting === 'gradient') light = 1 - (1 - far) * t;
      else if (options.lighting === 'shadow') {
        const d = Math.abs(t - bandAt) / bandWidth;
        light = d >= 1 ? 1 : 1 - (1 - bandDepth) * (0.5 + 0.5 * Math.cos(Math.PI * d));
      }
      for (let c = 0; c < 3; c++, i++) {
        const v = 128 + ((data[i] ?? 0) - 128) * options.contrast;
        const noisy = v * light * (gains[c] ?? 1) + (options.noise > 0 ? rng.gauss() * options.noise : 0);
        data[i] = Math.max(0, Math.min(255, Math.round(noisy)));
      }
    }
  }
  const buffer = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: options.jpegQuality })
    .toBuffer();
  return {
    buffer,
    expectedInteger: integer,
    expectedFraction: fraction === '' ? null : fraction,
    options,
  };
}

/** Image `index` of the deterministic set `seed`: the same bytes on every run. */
export async function syntheticMeter(seed: number, index: number): Promise<SyntheticMeter> {
  const rng = createRng((seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
  const options = randomMeterOptions(rng);
  if (options.fractionDigits === 0) options.fractionStyle = 'none';
  return renderMeter(rng, options);
}

/** A photo of a wall, a pipe and a blank meter body: no digits to read. */
export async function blankMeterPhoto(seed: number): Promise<Buffer> {
  const rng = createRng(seed);
  const width = 800;
  const height = 600;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height}" fill="${grey(rng.range(150, 210))}"/>` +
    `<rect x="${rng.range(100, 300)}" y="0" width="60" height="${height}" fill="${grey(rng.range(80, 120))}"/>` +
    `<circle cx="400" cy="300" r="${rng.range(120, 180)}" fill="#eee" stroke="#555" stroke-width="6"/>` +
    `<rect x="300" y="270" width="200" height="60" fill="#222"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}
