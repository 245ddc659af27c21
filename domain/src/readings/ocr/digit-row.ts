/**
 * Finding and cleaning up the counter's digits in a photo, in plain TypeScript over raw pixels (no I/O):
 *
 * 1. an ink channel in which red is as dark as black (`grayAndRed`), and a redness map;
 * 2. local min/max (Bernsen) thresholding in both polarities at once, dark ink on light drums and light ink on
 *    dark drums, so uneven light, shadows and mixed drum colours need no global decision and no inversion step;
 * 3. connected components of each polarity, kept when digit-shaped (size, aspect, fill);
 * 4. digit-shaped components of similar height, side by side, chained into rows; drum insides and the digits in
 *    them (two rows of different height) joined into one; ends that break the drums' regular pitch dropped; the
 *    best row (digits × height) first, its fitted slope giving the skew;
 * 5. the red run at the right end split off as the fraction (red drums or red digits);
 * 6. per part and polarity, the digit cells: the row's band swept again for pieces of broken digits and digits
 *    the shape test missed;
 * 7. the cells re-drawn deskewed and evenly spaced as black-on-white strips for Tesseract's single-line mode.
 *
 * Each exported step is a synchronous loop of a few milliseconds at the analysis size (≈1000 px wide); the caller
 * yields to the event loop between steps.
 */

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes per pixel, row-major. */
  data: Uint8Array;
}

export interface Component {
  id: number;
  /** 0 = dark ink on a lighter background, 1 = light ink on a darker background. */
  polarity: 0 | 1;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  cx: number;
  cy: number;
}

export interface Polarity {
  labels: Int32Array;
  components: Component[];
}

export interface DigitCell {
  /** Extent along the row (pixels from the row origin). */
  u0: number;
  u1: number;
  polarity: 0 | 1;
  componentIds: number[];
}

/** The row's centre line: a point on it and its direction (radians; image y grows downwards). */
export interface Frame {
  ox: number;
  oy: number;
  angle: number;
}

/** One reading of a part of the counter: its digits are the ink of one polarity. */
export interface Hypothesis {
  polarity: 0 | 1;
  /** Median digit height, analysis pixels. */
  height: number;
  cells: DigitCell[];
}

/**
 * A digit row, split into the integer drums and the red fractional drums. Each part has one hypothesis per ink
 * polarity that looked like digits (dark digits on light drums, or light on dark); where there are two (a white
 * drum's inside around a black digit, the inside of a dotted zero), OCR decides.
 */
export interface RowPlan {
  frame: Frame;
  integer: Hypothesis[];
  fraction: Hypothesis[];
}

export interface Strip {
  width: number;
  height: number;
  /** 1 byte per pixel, black ink (0) on white (255). */
  data: Uint8Array;
}

/**
 * The ink channel and redness, in one pass. The ink channel is green-weighted ((3G + B) / 4) rather than luma, so
 * red reads as dark as black: red digits on white drums and white digits on red drums get the contrast of black
 * and white, where luma would put red halfway. Redness is how far red exceeds green and blue (0 for grey).
 */
export function grayAndRed(img: RgbImage) {
  const n = img.width * img.height;
  const gray = new Uint8Array(n);
  const red = new Uint8Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const r = d[j]!;
    const g = d[j + 1]!;
    const b = d[j + 2]!;
    gray[i] = (g * 3 + b) >> 2;
    const excess = r - (g > b ? g : b);
    red[i] = excess > 0 ? excess : 0;
  }
  return { gray, red };
}

/** Running max (or min) along each row over a window of 2r+1: van Herk–Gil-Werman, 3 comparisons a pixel. */
function rowExtreme(src: Uint8Array, width: number, height: number, r: number, max: boolean) {
  const out = new Uint8Array(src.length);
  const k = 2 * r + 1;
  const n = width + 2 * r;
  const p = new Uint8Array(n);
  const g = new Uint8Array(n);
  const hh = new Uint8Array(n);
  const pad = max ? 0 : 255;
  for (let y = 0; y < height; y++) {
    const base = y * width;
    p.fill(pad);
    p.set(src.subarray(base, base + width), r);
    for (let start = 0; start < n; start += k) {
      const end = Math.min(n, start + k);
      let acc = pad;
      for (let i = start; i < end; i++) {
        const v = p[i]!;
        if (max ? v > acc : v < acc) acc = v;
        g[i] = acc;
      }
      acc = pad;
      for (let i = end - 1; i >= start; i--) {
        const v = p[i]!;
        if (max ? v > acc : v < acc) acc = v;
        hh[i] = acc;
      }
    }
    for (let i = 0; i < width; i++) {
      const a = hh[i]!;
      const b = g[i + 2 * r]!;
      out[base + i] = max ? (a > b ? a : b) : a < b ? a : b;
    }
  }
  return out;
}

/** The same down the columns, a whole row at a time (row-major memory access). */
function columnExtreme(src: Uint8Array, width: number, height: number, r: number, max: boolean) {
  const out = new Uint8Array(src.length);
  const k = 2 * r + 1;
  const n = height + 2 * r;
  const g = new Uint8Array(n * width);
  const hh = new Uint8Array(n * width);
  const pad = max ? 0 : 255;
  const padRow = new Uint8Array(width).fill(pad);
  const row = (i: number) =>
    i < r || i >= height + r ? padRow : src.subarray((i - r) * width, (i - r + 1) * width);
  for (let start = 0; start < n; start += k) {
    const end = Math.min(n, start + k);
    g.set(row(start), start * width);
    for (let i = start + 1; i < end; i++) {
      const cur = row(i);
      const prev = (i - 1) * width;
      const at = i * width;
      for (let x = 0; x < width; x++) {
        const a = g[prev + x]!;
        const b = cur[x]!;
        g[at + x] = max ? (a > b ? a : b) : a < b ? a : b;
      }
    }
    hh.set(row(end - 1), (end - 1) * width);
    for (let i = end - 2; i >= start; i--) {
      const cur = row(i);
      const next = (i + 1) * width;
      const at = i * width;
      for (let x = 0; x < width; x++) {
        const a = hh[next + x]!;
        const b = cur[x]!;
        hh[at + x] = max ? (a > b ? a : b) : a < b ? a : b;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const a0 = y * width;
    const b0 = (y + 2 * r) * width;
    for (let x = 0; x < width; x++) {
      const a = hh[a0 + x]!;
      const b = g[b0 + x]!;
      out[a0 + x] = max ? (a > b ? a : b) : a < b ? a : b;
    }
  }
  return out;
}

/** 2×2 block mean: half the resolution, and single noisy pixels no longer decide the local extremes. */
function halve(src: Uint8Array, width: number, height: number) {
  const w2 = Math.ceil(width / 2);
  const h2 = Math.ceil(height / 2);
  const out = new Uint8Array(w2 * h2);
  for (let y = 0; y < h2; y++) {
    const ya = 2 * y * width;
    const yb = Math.min(height - 1, 2 * y + 1) * width;
    for (let x = 0; x < w2; x++) {
      const xa = 2 * x;
      const xb = xa + 1 < width ? xa + 1 : xa;
      out[y * w2 + x] = (src[ya + xa]! + src[ya + xb]! + src[yb + xa]! + src[yb + xb]! + 2) >> 2;
    }
  }
  return { data: out, width: w2, height: h2 };
}

/**
 * Local min/max (Bernsen) threshold: where the (2r+1)² window holds at least `minContrast` of contrast, a pixel is
 * dark ink below the window's mid-range and light ink above it (with a small dead band between). Unlike a local
 * mean, the mid-range is not pulled down by a dark frame next to a grey drum, so no halo joins digit and drum.
 */
export function inkMasks(
  gray: Uint8Array,
  width: number,
  height: number,
  radius: number,
  minContrast: number,
) {
  const extremes = windowExtremes(gray, width, height, radius);
  const masks = { dark: new Uint8Array(width * height), light: new Uint8Array(width * height) };
  thresholdRows(gray, width, extremes, minContrast, masks, 0, height);
  return masks;
}

/** The window max and min of `inkMasks`, at half resolution. */
export function windowExtremes(gray: Uint8Array, width: number, height: number, radius: number) {
  const r = Math.max(1, Math.round(radius / 2));
  const half = halve(gray, width, height);
  const w2 = half.width;
  const h2 = half.height;
  const hi = columnExtreme(rowExtreme(half.data, w2, h2, r, true), w2, h2, r, true);
  const lo = columnExtreme(rowExtreme(half.data, w2, h2, r, false), w2, h2, r, false);
  return { hi, lo, w2 };
}

/** Rows y0..y1 of `inkMasks` (so the caller can yield between bands). */
export function thresholdRows(
  gray: Uint8Array,
  width: number,
  extremes: ReturnType<typeof windowExtremes>,
  minContrast: number,
  masks: { dark: Uint8Array; light: Uint8Array },
  y0: number,
  y1: number,
) {
  const { hi, lo, w2 } = extremes;
  const { dark, light } = masks;
  for (let y = y0; y < y1; y++) {
    const row2 = (y >> 1) * w2;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const j = row2 + (x >> 1);
      const top = hi[j]!;
      const bottom = lo[j]!;
      const range = top - bottom;
      if (range < minContrast) continue;
      // Mid-range, with a dead band of 6 % of the range on either side.
      const v = gray[row + x]! * 2;
      const band = range * 0.12;
      if (v < top + bottom - band) dark[row + x] = 1;
      else if (v > top + bottom + band) light[row + x] = 1;
    }
  }
}

let fillStack = new Int32Array(0);

/** 8-connected components of a binary mask (flood fill with an explicit stack); labels are 1-based, 0 = none. */
export function components(mask: Uint8Array, width: number, height: number, polarity: 0 | 1): Polarity {
  const labels = new Int32Array(width * height);
  // The fill stack is scratch, reused across calls (this function never yields): less for the GC to collect.
  if (fillStack.length < width * height) fillStack = new Int32Array(width * height);
  const stack = fillStack;
  const comps: Component[] = [];
  let next = 1;
  const lastX = width - 1;
  const lastY = height - 1;
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] === 0 || labels[start] !== 0) continue;
    const id = next++;
    let sp = 0;
    stack[sp++] = start;
    labels[start] = id;
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    let area = 0;
    let sx = 0;
    let sy = 0;
    while (sp > 0) {
      const p = stack[--sp]!;
      const y = (p / width) | 0;
      const x = p - y * width;
      area++;
      sx += x;
      sy += y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      const left = x > 0;
      const right = x < lastX;
      if (y > 0) {
        const q = p - width;
        if (mask[q] !== 0 && labels[q] === 0) {
          labels[q] = id;
          stack[sp++] = q;
        }
        if (left && mask[q - 1] !== 0 && labels[q - 1] === 0) {
          labels[q - 1] = id;
          stack[sp++] = q - 1;
        }
        if (right && mask[q + 1] !== 0 && labels[q + 1] === 0) {
          labels[q + 1] = id;
          stack[sp++] = q + 1;
        }
      }
      if (left && mask[p - 1] !== 0 && labels[p - 1] === 0) {
        labels[p - 1] = id;
        stack[sp++] = p - 1;
      }
      if (right && mask[p + 1] !== 0 && labels[p + 1] === 0) {
        labels[p + 1] = id;
        stack[sp++] = p + 1;
      }
      if (y < lastY) {
        const q = p + width;
        if (mask[q] !== 0 && labels[q] === 0) {
          labels[q] = id;
          stack[sp++] = q;
        }
        if (left && mask[q - 1] !== 0 && labels[q - 1] === 0) {
          labels[q - 1] = id;
          stack[sp++] = q - 1;
        }
        if (right && mask[q + 1] !== 0 && labels[q + 1] === 0) {
          labels[q + 1] = id;
          stack[sp++] = q + 1;
        }
      }
    }
    comps.push({ id, polarity, x0, y0, x1, y1, area, cx: sx / area, cy: sy / area });
  }
  return { labels, components: comps };
}

const heightOf = (c: Component) => c.y1 - c.y0 + 1;
const widthOf = (c: Component) => c.x1 - c.x0 + 1;

/** Digit-shaped: not tiny, not huge, upright, neither a thin line nor a filled blob or box. */
export function isDigitLike(c: Component, width: number, height: number) {
  const h = heightOf(c);
  const w = widthOf(c);
  if (h < 12 || h > height * 0.4) return false;
  if (c.x0 === 0 || c.y0 === 0 || c.x1 === width - 1 || c.y1 === height - 1) return false;
  const aspect = w / h;
  if (aspect < 0.2 || aspect > 1.05) return false;
  const fill = c.area / (w * h);
  return fill > 0.1 && fill < 0.75;
}

class UnionFind {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Least-squares line through the points, as an angle (|angle| < 45°) and a point on it. */
function fitLine(points: { x: number; y: number }[]) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { ox: mx, oy: my, angle: Math.atan(slope) };
}

/** Rows of digit-like components of similar height, side by side; best first. */
export function findRows(
  polarities: Polarity[],
  width: number,
  height: number,
  maxAngle = (14 * Math.PI) / 180,
) {
  const cands = polarities
    .flatMap((p) => p.components)
    .filter((c) => isDigitLike(c, width, height))
    .sort((a, b) => a.cx - b.cx);
  const uf = new UnionFind(cands.length);
  const tan = Math.tan(maxAngle);
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i]!;
    const ha = heightOf(a);
    for (let j = i + 1; j < cands.length; j++) {
      const b = cands[j]!;
      const hb = heightOf(b);
      const hmax = Math.max(ha, hb);
      if (b.cx - a.cx > 3.4 * hmax) break;
      const ratio = Math.min(ha, hb) / hmax;
      if (ratio < 0.72) continue;
      const gap = b.x0 - a.x1;
      const dy = Math.abs(b.cy - a.cy);
      if (gap < -0.25 * hmax || dy > 0.2 * hmax + Math.abs(b.cx - a.cx) * tan) continue;
      // Neighbouring drums; or, across one drum whose digit the threshold broke, twins (same height, in line).
      const near = gap <= 1.5 * hmax;
      const twins = gap <= 2.8 * hmax && ratio >= 0.9 && dy <= 0.1 * hmax + Math.abs(b.cx - a.cx) * 0.1;
      if (near || twins) uf.union(i, j);
    }
  }
  const groups = new Map<number, Component[]>();
  cands.forEach((c, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(c);
    else groups.set(root, [c]);
  });
  const rows: DigitRowCandidate[] = [];
  for (let members of groups.values()) {
    if (members.length < 3) continue;
    let line = fitLine(members.map((c) => ({ x: c.cx, y: c.cy })));
    let h = median(members.map(heightOf));
    // Drop what lies off the line (a label glyph chained in at one end), then refit.
    const residual = (c: Component) =>
      Math.abs(-(c.cx - line.ox) * Math.sin(line.angle) + (c.cy - line.oy) * Math.cos(line.angle));
    members = trimByPitch(
      members.filter((c) => residual(c) < 0.3 * h),
      line,
      h,
    );
    if (members.length < 3) continue;
    line = fitLine(members.map((c) => ({ x: c.cx, y: c.cy })));
    if (Math.abs(line.angle) > maxAngle) continue;
    h = median(members.map(heightOf));
    const n = members.length;
    // Meters have 4–9 drums; a longer chain is more likely texture than digits.
    const countWeight = n <= 10 ? n : 10 - (n - 10);
    rows.push({ members, ...line, height: h, score: countWeight * h });
  }
  rows.sort((a, b) => b.score - a.score);
  // Drum insides and the digits in them chain into two rows (their heights differ): one row, two hypotheses.
  const inside = (c: Component, o: Component) => c.cx > o.x0 && c.cx < o.x1 && c.cy > o.y0 && c.cy < o.y1;
  const merged: DigitRowCandidate[] = [];
  for (const row of rows) {
    const host = merged.find(
      (m) =>
        row.members.filter((c) => m.members.some((o) => inside(c, o) || inside(o, c))).length >=
        row.members.length / 2,
    );
    if (host) host.members.push(...row.members);
    else merged.push({ ...row, members: [...row.members] });
  }
  return merged;
}

export interface DigitRowCandidate {
  members: Component[];
  ox: number;
  oy: number;
  angle: number;
  height: number;
  score: number;
}

/**
 * Drums sit at a regular pitch: an end member much further from its neighbour than the usual pitch (a pipe edge,
 * a screw beside the window) is not a drum.
 */
function trimByPitch(members: Component[], line: { ox: number; oy: number; angle: number }, h: number) {
  const u = (c: Component) =>
    (c.cx - line.ox) * Math.cos(line.angle) + (c.cy - line.oy) * Math.sin(line.angle);
  const sorted = [...members].sort((a, b) => u(a) - u(b));
  // Slots: members at one position (a drum's inside and its digit) count once.
  const slots: Component[][] = [];
  for (const c of sorted) {
    const last = slots[slots.length - 1];
    if (last && u(c) - u(last[0]!) < 0.35 * h) last.push(c);
    else slots.push([c]);
  }
  const at = (slot: Component[]) => slot.reduce((sum, c) => sum + u(c), 0) / slot.length;
  while (slots.length >= 3) {
    const pitches = slots.slice(1).map((slot, i) => at(slot) - at(slots[i]!));
    const usual = median(pitches);
    if (pitches[0]! > 1.5 * usual) slots.shift();
    else if (pitches[pitches.length - 1]! > 1.5 * usual) slots.pop();
    else break;
  }
  return slots.flat();
}

/** Position of (x, y) along the row (u) and across it (v). */
export function rowCoords(row: Frame, x: number, y: number) {
  const c = Math.cos(row.angle);
  const s = Math.sin(row.angle);
  const dx = x - row.ox;
  const dy = y - row.oy;
  return { u: dx * c + dy * s, v: -dx * s + dy * c };
}

/** The image point at (u, v) along/across the row, rounded to a pixel. */
export function imageCoords(row: Frame, u: number, v: number) {
  const c = Math.cos(row.angle);
  const s = Math.sin(row.angle);
  return { x: Math.round(row.ox + u * c - v * s), y: Math.round(row.oy + u * s + v * c) };
}

/** A component's extent in row coordinates (from its bounding box: slightly generous when tilted). */
function extentOf(frame: Frame, c: Component) {
  const corners = [
    rowCoords(frame, c.x0, c.y0),
    rowCoords(frame, c.x1, c.y0),
    rowCoords(frame, c.x0, c.y1),
    rowCoords(frame, c.x1, c.y1),
  ];
  return {
    u0: Math.min(...corners.map((p) => p.u)),
    u1: Math.max(...corners.map((p) => p.u)),
    v0: Math.min(...corners.map((p) => p.v)),
    v1: Math.max(...corners.map((p) => p.v)),
  };
}

/**
 * A drum window's inside (a box with the digit as its hole) runs along all four sides of its extent and fills its
 * corners; a digit covers at most two sides for most of their length (the bars of 5 and 7, the base of 1 and 2),
 * or, as a 0, all four but not the corners. A cheap first filter: sheared boxes escape it, and OCR sorts them out.
 */
function isBoxInside(frame: Frame, c: Component, labels: Int32Array, width: number) {
  // The extent of the pixels themselves: the rotated bounding box overshoots the corners of a tilted box.
  const e = {
    u0: Number.POSITIVE_INFINITY,
    u1: Number.NEGATIVE_INFINITY,
    v0: Number.POSITIVE_INFINITY,
    v1: Number.NEGATIVE_INFINITY,
  };
  for (let y = c.y0; y <= c.y1; y++) {
    for (let x = c.x0; x <= c.x1; x++) {
      if (labels[y * width + x] !== c.id) continue;
      const p = rowCoords(frame, x, y);
      if (p.u < e.u0) e.u0 = p.u;
      if (p.u > e.u1) e.u1 = p.u;
      if (p.v < e.v0) e.v0 = p.v;
      if (p.v > e.v1) e.v1 = p.v;
    }
  }
  const du = e.u1 - e.u0;
  const dv = e.v1 - e.v0;
  // Just inside the edges: a wide digit leaves only a few pixels of box beside it.
  const u0 = e.u0 + 1.5 + du * 0.02;
  const u1 = e.u1 - 1.5 - du * 0.02;
  const v0 = e.v0 + 1.5 + dv * 0.02;
  const v1 = e.v1 - 1.5 - dv * 0.02;
  const hit = (u: number, v: number) => {
    const { x, y } = imageCoords(frame, u, v);
    for (let d = -1; d <= 1; d++) {
      const xx = x + d;
      if (xx >= 0 && y >= 0 && xx < width && labels[y * width + xx] === c.id) return true;
    }
    return false;
  };
  let corners = 0;
  for (const [u, v] of [
    [u0, v0],
    [u1, v0],
    [u0, v1],
    [u1, v1],
  ] as const) {
    if (hit(u, v)) corners++;
  }
  if (corners < 3) return false;
  const covered = (ua: number, va: number, ub: number, vb: number) => {
    let hits = 0;
    const n = 12;
    for (let i = 0; i < n; i++) {
      const t = 0.15 + (0.7 * i) / (n - 1);
      if (hit(ua + (ub - ua) * t, va + (vb - va) * t)) hits++;
    }
    return hits / n >= 0.75;
  };
  return (
    covered(u0, v0, u1, v0) && covered(u0, v1, u1, v1) && covered(u0, v0, u0, v1) && covered(u1, v0, u1, v1)
  );
}

/**
 * Red drums or red digits: redness averaged over the component's own pixels (red digits) or over the other pixels
 * of its bounding box (white digits on a red drum). Averaging keeps thin red strokes, whose colour JPEG smears into
 * the white around them, and shadowed red drums; it must be at least 15 levels and a fifth of the red level, so a
 * warm cast on grey or white, or noise on black, stays out.
 */
function isRed(c: Component, labels: Int32Array, gray: Uint8Array, red: Uint8Array, width: number) {
  let ink = 0;
  let inkRed = 0;
  let inkGray = 0;
  let rest = 0;
  let restRed = 0;
  let restGray = 0;
  for (let y = c.y0; y <= c.y1; y++) {
    for (let x = c.x0; x <= c.x1; x++) {
      const i = y * width + x;
      if (labels[i] === c.id) {
        ink++;
        inkRed += red[i]!;
        inkGray += gray[i]!;
      } else {
        rest++;
        restRed += red[i]!;
        restGray += gray[i]!;
      }
    }
  }
  const reddish = (redness: number, level: number) => redness >= 15 && redness >= 0.2 * (level + redness);
  return (
    (ink > 0 && reddish(inkRed / ink, inkGray / ink)) ||
    (rest > 0 && reddish(restRed / rest, restGray / rest))
  );
}

/**
 * Plans the reading of a row found by `findRows`: drops drum insides, splits off the red fractional drums, and for
 * each part and ink polarity gathers the digit cells (sweeping the band for pieces of broken digits and for digits
 * the shape test missed, merging what overlaps along the row).
 */
export function planRow(
  row: DigitRowCandidate,
  polarities: Polarity[],
  gray: Uint8Array,
  red: Uint8Array,
  width: number,
): RowPlan | undefined {
  const frame: Frame = { ox: row.ox, oy: row.oy, angle: row.angle };
  const members = row.members
    .filter((c) => !isBoxInside(frame, c, polarities[c.polarity]!.labels, width))
    .map((c) => ({
      c,
      e: extentOf(frame, c),
      red: isRed(c, polarities[c.polarity]!.labels, gray, red, width),
    }))
    .sort((a, b) => a.e.u0 - b.e.u0);
  if (members.length < 2) return undefined;

  // The fraction: the run of red members at the right end. One stray non-red member after it is dropped; more,
  // and the red is something else (a valve, a sticker) and there is no fraction.
  let last = members.length - 1;
  while (last >= 0 && !members[last]!.red) last--;
  let split = members.length;
  let end = members.length;
  if (last >= 0 && members.length - 1 - last <= 1) {
    // Members at one spot in both polarities (drum inside and digit) may differ in colour share: tolerate one.
    let first = last;
    while (first > 0 && (members[first - 1]!.red || members[first - 1]!.e.u1 > members[first]!.e.u0)) first--;
    if (first > 0) {
      split = first;
      end = last + 1;
    }
  }
  const splitU = split < members.length ? members[split]!.e.u0 : Number.POSITIVE_INFINITY;
  const endU = end < members.length ? members[end]!.e.u0 : Number.POSITIVE_INFINITY;
  const intMembers = members.slice(0, split);
  const fracMembers = members.slice(split, end);

  const hypotheses = (part: typeof members, ua: number, ub: number, minCells: number) => {
    const out: Hypothesis[] = [];
    for (const polarity of [0, 1] as const) {
      const own = part.filter((m) => m.c.polarity === polarity);
      if (own.length === 0) continue;
      const cells = gatherCells(frame, own, polarity, polarities[polarity]!, ua, ub);
      if (cells && cells.cells.length >= minCells) out.push(cells);
    }
    // The fuller hypothesis first: a dotted zero's insides are fewer than the digits.
    return out.sort((a, b) => b.cells.length - a.cells.length);
  };
  const integer = hypotheses(intMembers, Number.NEGATIVE_INFINITY, splitU, 2);
  if (integer.length === 0) return undefined;
  // Nothing right of the last red drum: the counter ends there (the sweep would find pipes and screws).
  const fracEnd =
    fracMembers.length > 0 ? Math.max(...fracMembers.map((m) => m.e.u1)) + 0.2 * row.height : endU;
  const fraction = hypotheses(fracMembers, splitU, Math.min(endU, fracEnd), 1);
  return { frame, integer, fraction };
}

/** The cells of one polarity between u = ua and ub, seeded by the row's members of that polarity. */
function gatherCells(
  frame: Frame,
  seedsIn: { c: Component; e: ReturnType<typeof extentOf> }[],
  polarity: 0 | 1,
  layer: Polarity,
  ua: number,
  ub: number,
): Hypothesis | undefined {
  // Digits of one counter have one height; a much taller or shorter member is a frame edge or a stray glyph.
  const h0 = median(seedsIn.map((m) => heightOf(m.c)));
  const seedsKept = seedsIn.filter((m) => heightOf(m.c) >= 0.87 * h0 && heightOf(m.c) <= 1.12 * h0);
  if (seedsKept.length === 0) return undefined;
  const h = median(seedsKept.map((m) => heightOf(m.c)));
  const seedIds = new Set(seedsIn.map((m) => m.c.id));
  const cells: DigitCell[] = seedsKept.map((m) => ({
    u0: m.e.u0,
    u1: m.e.u1,
    polarity,
    componentIds: [m.c.id],
  }));
  const rowStart = Math.max(ua, Math.min(...cells.map((c) => c.u0)) - 1.4 * h);
  const rowEnd = Math.min(ub, Math.max(...cells.map((c) => c.u1)) + 1.4 * h);
  const minArea = Math.max(4, 0.004 * h * h);
  const orphans: { u0: number; u1: number; v0: number; v1: number; id: number }[] = [];
  for (const c of layer.components) {
    if (seedIds.has(c.id) || c.area < minArea) continue;
    // Cheap rejections before the exact extent.
    const ch = heightOf(c);
    if (ch > 1.6 * h || widthOf(c) > 1.6 * h) continue;
    const e = extentOf(frame, c);
    const mid = (e.u0 + e.u1) / 2;
    if (mid < rowStart || mid >= rowEnd) continue;
    if (e.v0 < -0.75 * h || e.v1 > 0.75 * h) continue;
    const centred = Math.abs((e.v0 + e.v1) / 2) <= 0.4 * h;
    const host = cells.find((s) => mid >= s.u0 - 0.05 * h && mid <= s.u1 + 0.05 * h);
    if (host) {
      // A piece of a digit broken by the threshold; off-centre bits beside a digit are drum edges, left out.
      if (centred) {
        host.componentIds.push(c.id);
        host.u0 = Math.min(host.u0, e.u0);
        host.u1 = Math.max(host.u1, e.u1);
      }
    } else if (
      centred &&
      ch >= 0.8 * h &&
      ch <= 1.12 * h &&
      widthOf(c) >= 0.2 * ch &&
      widthOf(c) <= 1.05 * h &&
      c.area < 0.8 * ch * widthOf(c)
    ) {
      // A whole digit the shape test missed (a 1 joined to its serif, a blurred 8); not a solid block.
      cells.push({ u0: e.u0, u1: e.u1, polarity, componentIds: [c.id] });
    } else if (ch >= 0.15 * h && Math.abs((e.v0 + e.v1) / 2) <= 0.55 * h) {
      orphans.push({ ...e, id: c.id });
    }
  }
  // Pieces between the cells that together make a digit's height: a digit the threshold broke in two.
  orphans.sort((a, b) => a.u0 - b.u0);
  const groups: { u0: number; u1: number; v0: number; v1: number; ids: number[] }[] = [];
  for (const o of orphans) {
    if (cells.some((c) => o.u1 > c.u0 && o.u0 < c.u1)) continue;
    const g = groups[groups.length - 1];
    if (g && o.u0 < g.u1 + 0.1 * h) {
      g.u1 = Math.max(g.u1, o.u1);
      g.v0 = Math.min(g.v0, o.v0);
      g.v1 = Math.max(g.v1, o.v1);
      g.ids.push(o.id);
    } else groups.push({ u0: o.u0, u1: o.u1, v0: o.v0, v1: o.v1, ids: [o.id] });
  }
  for (const g of groups) {
    const gw = g.u1 - g.u0;
    if (g.ids.length >= 2 && g.v1 - g.v0 >= 0.8 * h && gw >= 0.16 * h && gw <= 1.05 * h) {
      cells.push({ u0: g.u0, u1: g.u1, polarity, componentIds: g.ids });
    }
  }
  cells.sort((a, b) => a.u0 - b.u0);
  // Merge cells that overlap along the row (a digit in pieces).
  const merged: DigitCell[] = [];
  for (const cell of cells) {
    const prev = merged[merged.length - 1];
    const overlap = prev ? Math.min(prev.u1, cell.u1) - Math.max(prev.u0, cell.u0) : -1;
    if (prev && overlap > 0.4 * Math.min(prev.u1 - prev.u0, cell.u1 - cell.u0)) {
      prev.u0 = Math.min(prev.u0, cell.u0);
      prev.u1 = Math.max(prev.u1, cell.u1);
      prev.componentIds.push(...cell.componentIds);
    } else merged.push(cell);
  }
  return { polarity, height: h, cells: merged };
}

/**
 * Draws the cells, deskewed, as black ink on white at `digitHeight` pixels per digit, anti-aliased by sampling the
 * component masks bilinearly. Cells are re-spaced evenly so the strip reads like printed text.
 */
export function renderStrip(
  row: Frame,
  parts: { cells: DigitCell[]; height: number }[],
  polarities: Polarity[],
  width: number,
  height: number,
  digitHeight = 48,
): Strip {
  const cells = parts.flatMap((p) => p.cells);
  const scales = parts.flatMap((p) => p.cells.map(() => digitHeight / p.height));
  const sets = [new Set<number>(), new Set<number>()];
  for (const cell of cells) for (const id of cell.componentIds) sets[cell.polarity]!.add(id);
  const margin = Math.round(digitHeight * 0.5);
  const spacing = Math.round(digitHeight * 0.18);
  const widths = cells.map((c, k) => Math.ceil((c.u1 - c.u0 + 1) * scales[k]!));
  const outW = margin * 2 + widths.reduce((s, w) => s + w, 0) + spacing * Math.max(0, cells.length - 1);
  const outH = Math.round(digitHeight * 1.6) + margin;
  const out = new Uint8Array(outW * outH).fill(255);
  const cos = Math.cos(row.angle);
  const sin = Math.sin(row.angle);
  const inkAt = (x: number, y: number, polarity: 0 | 1) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return 0;
    const id = polarities[polarity]!.labels[y * width + x]!;
    return id && sets[polarity]!.has(id) ? 1 : 0;
  };
  let left = margin;
  cells.forEach((cell, k) => {
    const cw = widths[k]!;
    const scale = scales[k]!;
    for (let j = 0; j < outH; j++) {
      const v = (j - outH / 2) / scale;
      for (let i = 0; i < cw; i++) {
        const u = cell.u0 + i / scale;
        const x = row.ox + u * cos - v * sin;
        const y = row.oy + u * sin + v * cos;
        const xf = Math.floor(x);
        const yf = Math.floor(y);
        const ax = x - xf;
        const ay = y - yf;
        const ink =
          inkAt(xf, yf, cell.polarity) * (1 - ax) * (1 - ay) +
          inkAt(xf + 1, yf, cell.polarity) * ax * (1 - ay) +
          inkAt(xf, yf + 1, cell.polarity) * (1 - ax) * ay +
          inkAt(xf + 1, yf + 1, cell.polarity) * ax * ay;
        if (ink > 0) out[j * outW + left + i] = Math.round(255 * (1 - ink));
      }
    }
    left += cw + spacing;
  });
  return { width: outW, height: outH, data: out };
}
