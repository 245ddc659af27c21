/**
 * Reads the number on a meter photo, as a suggestion the resident confirms or corrects.
 *
 * One `MeterReader` per process owns its Tesseract worker(s): created on the first `read`, reused for every image,
 * ended by `close()`. Calls are queued: at most `poolSize` images (default 1) are processed at once, the rest wait
 * in order, and past `maxQueue` waiting calls `read` rejects with `MeterReaderBusyError` at once.
 *
 * Nothing here blocks the event loop for long: decoding and resizing run in sharp (libuv's thread pool), Tesseract
 * runs in its own worker thread (tesseract.js), and the pixel analysis in between (`digit-row.ts`) is split into
 * steps of a few milliseconds with a yield to the event loop after each. The language data comes from the
 * `@tesseract.js-data/eng` package: nothing is downloaded at run time.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Worker as TesseractWorker } from 'tesseract.js';
import {
  components,
  findRows,
  grayAndRed,
  type Hypothesis,
  type Polarity,
  planRow,
  type RgbImage,
  type RowPlan,
  renderStrip,
  type Strip,
  thresholdRows,
  windowExtremes,
} from './digit-row.ts';

export interface MeterReading {
  /** The integer part's digits as shown (leading zeros kept), or null when nothing credible was read. */
  integer: string | null;
  /** The red fractional drums' digits, or null when there are none or they could not be read. */
  fraction: string | null;
  /** What was read, digits only, the parts joined by '.'; '' when nothing. */
  text: string;
  /** 0–100: Tesseract's confidence, lowered when the digit count disagrees with the drums found. */
  confidence: number;
  /** Wall time of this read, queueing excluded. */
  ms: number;
}

export interface MeterReaderOptions {
  /** Tesseract workers (threads) kept alive; images beyond it wait. Default 1. */
  poolSize?: number;
  /** Waiting calls beyond which `read` rejects with MeterReaderBusyError. Default 32. */
  maxQueue?: number;
  /** Below this confidence the reading is dropped (integer/fraction null). Default 60. */
  minConfidence?: number;
  /** Width the photo is resized to for the analysis. Default 1000. */
  analysisWidth?: number;
  /** Folder of eng.traineddata.gz; default: the `@tesseract.js-data/eng` package's 4.0.0_best_int. */
  langPath?: string;
  /** Straighten the digit row by its fitted slope before OCR. Default true (off only to measure what it brings). */
  deskew?: boolean;
  /**
   * Extra rotations (degrees) tried on the row, on top of the fitted deskew, when the first reading is below 90 %
   * confidence; the most confident wins. Default [-3, 3] (measured in the README).
   */
  retryAngles?: number[];
}

export class MeterReaderBusyError extends Error {
  constructor() {
    super('meter reader queue is full');
    this.name = 'MeterReaderBusyError';
  }
}

const EMPTY = { integer: null, fraction: null, text: '', confidence: 0 } as const;
/** Integer digits a meter shows; anything outside is not a meter reading. */
const INTEGER_DIGITS = { min: 4, max: 9 };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function defaultLangPath() {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

interface LineRead {
  digits: string;
  confidence: number;
}

export class MeterReader {
  private readonly poolSize: number;
  private readonly maxQueue: number;
  private readonly minConfidence: number;
  private readonly analysisWidth: number;
  private readonly deskew: boolean;
  private readonly retryAngles: number[];
  private readonly langPath: string;
  private readonly workers: (Promise<TesseractWorker> | undefined)[] = [];
  private readonly idle: number[] = [];
  private readonly waiting: { resolve: (slot: number) => void; reject: (error: Error) => void }[] = [];
  private closed = false;
  /** How many Tesseract workers this reader has started (for tests and monitoring). */
  workersCreated = 0;
  /** The longest synchronous analysis step so far (ms, and which): how long a read holds the event loop at once. */
  longestStepMs = 0;
  longestStep = '';

  constructor(options: MeterReaderOptions = {}) {
    this.poolSize = Math.max(1, options.poolSize ?? 1);
    this.maxQueue = options.maxQueue ?? 32;
    this.minConfidence = options.minConfidence ?? 60;
    this.analysisWidth = options.analysisWidth ?? 1000;
    this.deskew = options.deskew ?? true;
    this.retryAngles = options.retryAngles ?? [-3, 3];
    this.langPath = options.langPath ?? defaultLangPath();
    for (let i = 0; i < this.poolSize; i++) this.idle.push(i);
  }

  /** Starts the worker(s) now instead of on the first read (e.g. at bot start-up). */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.poolSize }, (_, slot) => this.worker(slot)));
  }

  /** Reads one photo (JPEG, PNG, WebP…). Rejects with MeterReaderBusyError when `maxQueue` calls already wait. */
  async read(image: Uint8Array): Promise<MeterReading> {
    if (this.closed) throw new Error('meter reader is closed');
    const slot = await this.acquire();
    const started = performance.now();
    try {
      const result = await this.readWith(slot, image);
      return { ...result, ms: Math.round(performance.now() - started) };
    } finally {
      this.release(slot);
    }
  }

  /** Ends the worker(s); calls still waiting in the queue reject. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('meter reader is closed'));
    const workers = this.workers.splice(0);
    await Promise.all(workers.map(async (w) => (await w?.catch(() => undefined))?.terminate()));
  }

  private acquire(): Promise<number> {
    const slot = this.idle.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new MeterReaderBusyError());
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(slot: number) {
    const next = this.waiting.shift();
    if (next) next.resolve(slot);
    else this.idle.push(slot);
  }

  private worker(slot: number): Promise<TesseractWorker> {
    if (this.closed) return Promise.reject(new Error('meter reader is closed'));
    let worker = this.workers[slot];
    if (!worker) {
      this.workersCreated++;
      worker = (async () => {
        const { createWorker } = await import('tesseract.js');
        const w = await createWorker('eng', 1, {
          langPath: this.langPath,
          gzip: true,
          cacheMethod: 'none',
        });
        await w.setParameters({
          tessedit_char_whitelist: '0123456789',
          // Single text line; the strips are drawn at a fixed size, so the resolution guess is not needed.
          tessedit_pageseg_mode: '7' as never,
          user_defined_dpi: '300',
        });
        return w;
      })();
      this.workers[slot] = worker;
      // A worker that failed to start is forgotten, so the next read tries again.
      worker.catch(() => {
        if (this.workers[slot] === worker) this.workers[slot] = undefined;
      });
    }
    return worker;
  }

  private async readLine(slot: number, strip: Strip): Promise<LineRead> {
    const sharp = (await import('sharp')).default;
    const png = await sharp(strip.data, { raw: { width: strip.width, height: strip.height, channels: 1 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    const worker = await this.worker(slot);
    try {
      const { data } = await worker.recognize(png);
      return { digits: data.text.replace(/\D/g, ''), confidence: data.confidence };
    } catch (error) {
      // A crashed worker is replaced on the next call.
      this.workers[slot] = undefined;
      await worker.terminate().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Runs one synchronous step of the pixel analysis, then yields to the event loop so updates are handled between
   * steps. The longest step is kept in `longestStepMs` (the bench prints it).
   */
  private async step<T>(name: string, work: () => T): Promise<T> {
    const started = performance.now();
    const result = work();
    const ms = performance.now() - started;
    if (ms > this.longestStepMs) {
      this.longestStepMs = ms;
      this.longestStep = name;
    }
    await yieldToLoop();
    return result;
  }

  private async readWith(slot: number, image: Uint8Array): Promise<Omit<MeterReading, 'ms'>> {
    const img = await decode(image, this.analysisWidth);
    if (!img) return EMPTY;
    const { gray, red } = await this.step('colour', () => grayAndRed(img));
    const radius = Math.max(8, Math.round(Math.max(img.width, img.height) / 25));
    const extremes = await this.step('threshold', () => windowExtremes(gray, img.width, img.height, radius));
    const masks = { dark: new Uint8Array(gray.length), light: new Uint8Array(gray.length) };
    const band = Math.ceil(img.height / 3);
    for (let y = 0; y < img.height; y += band) {
      const end = Math.min(img.height, y + band);
      await this.step('threshold', () => thresholdRows(gray, img.width, extremes, 48, masks, y, end));
    }
    const dark = await this.step('components', () => components(masks.dark, img.width, img.height, 0));
    const light = await this.step('components', () => components(masks.light, img.width, img.height, 1));
    const polarities: Polarity[] = [dark, light];
    const rows = await this.step('rows', () => findRows(polarities, img.width, img.height));
    let best: (Omit<MeterReading, 'ms'> & { score: number }) | undefined;
    // The best-scored row is nearly always the counter; a runner-up of digit size (not the serial number's small
    // print) is tried when it does not read well.
    for (const candidate of rows.slice(0, 2)) {
      if (candidate !== rows[0] && candidate.height < 0.45 * rows[0]!.height) break;
      const plan = await this.step('plan', () => planRow(candidate, polarities, gray, red, img.width));
      if (!plan) continue;
      if (!this.deskew) plan.frame.angle = 0;
      let result = await this.readPlan(slot, plan, polarities, img);
      for (const degrees of result.confidence >= 90 ? [] : this.retryAngles) {
        const frame = { ...plan.frame, angle: plan.frame.angle + (degrees * Math.PI) / 180 };
        const retry = await this.readPlan(slot, { ...plan, frame }, polarities, img);
        if (retry.integer && (!result.integer || retry.confidence > result.confidence)) result = retry;
      }
      const score = result.integer ? result.confidence : -1;
      if (!best || score > best.score) best = { ...result, score };
      if (result.integer && result.confidence >= 75) break;
    }
    if (!best?.integer) return EMPTY;
    const { score: _score, ...reading } = best;
    return reading;
  }

  private async readPlan(
    slot: number,
    plan: RowPlan,
    polarities: Polarity[],
    img: RgbImage,
  ): Promise<Omit<MeterReading, 'ms'>> {
    const read = async (parts: Hypothesis[]): Promise<LineRead> => {
      const strip = await this.step('strip', () =>
        renderStrip(plan.frame, parts, polarities, img.width, img.height),
      );
      const line = await this.readLine(slot, strip);
      // Each drum holds one digit: a count that disagrees means a lost or invented digit.
      const cells = parts.reduce((n, p) => n + p.cells.length, 0);
      const penalty = 25 * Math.abs(line.digits.length - cells);
      return { digits: line.digits, confidence: Math.max(0, line.confidence - penalty) };
    };
    // Where both ink polarities look like digits, the one that reads better wins (more digits breaking ties: the
    // insides of dotted zeros are fewer than the digits).
    const choose = async (hypotheses: Hypothesis[], prefix: Hypothesis[]) => {
      let best: { hypothesis: Hypothesis; line: LineRead; score: number } | undefined;
      for (const hypothesis of hypotheses) {
        const line = await read([...prefix, hypothesis]);
        const score = line.confidence + 3 * hypothesis.cells.length;
        if (!best || score > best.score) best = { hypothesis, line, score };
      }
      return best;
    };
    const int = await choose(plan.integer, []);
    if (!int) return EMPTY;

    const intCount = int.hypothesis.cells.length;
    let integer = int.line;
    let fraction: LineRead | undefined;
    // The fraction is read together with the integer drums: Tesseract reads a lone digit poorly, and the digit
    // count tells where the fraction starts.
    const frac = await choose(plan.fraction, [int.hypothesis]);
    if (frac) {
      const total = intCount + frac.hypothesis.cells.length;
      if (frac.line.digits.length === total) {
        integer = { digits: frac.line.digits.slice(0, intCount), confidence: frac.line.confidence };
        fraction = { digits: frac.line.digits.slice(intCount), confidence: frac.line.confidence };
      } else {
        fraction = await read([frac.hypothesis]);
      }
    }
    // Drums sit at a regular pitch: a gap of about two pitches among the integer drums, or before the fraction,
    // is a digit that was lost (glare, a broken stroke), and the reading would be wrong.
    if (lostDrum(int.hypothesis, frac?.hypothesis)) {
      integer = { ...integer, confidence: Math.max(0, integer.confidence - 40) };
    }
    const plausible =
      integer.digits.length >= INTEGER_DIGITS.min &&
      integer.digits.length <= INTEGER_DIGITS.max &&
      integer.confidence >= this.minConfidence;
    if (!plausible) return { ...EMPTY, text: integer.digits, confidence: integer.confidence };
    const credible = (f: LineRead | undefined): f is LineRead =>
      f !== undefined && f.digits.length > 0 && f.digits.length <= 3 && f.confidence >= this.minConfidence;
    if (!credible(fraction)) {
      return {
        integer: integer.digits,
        fraction: null,
        text: integer.digits,
        confidence: Math.round(integer.confidence),
      };
    }
    return {
      integer: integer.digits,
      fraction: fraction.digits,
      text: `${integer.digits}.${fraction.digits}`,
      confidence: Math.round(Math.min(integer.confidence, fraction.confidence)),
    };
  }
}

function lostDrum(integer: Hypothesis, fraction: Hypothesis | undefined) {
  const centres = integer.cells.map((c) => (c.u0 + c.u1) / 2);
  const pitches = centres.slice(1).map((c, i) => c - centres[i]!);
  if (pitches.length < 2) return false;
  const usual = [...pitches].sort((a, b) => a - b)[Math.floor(pitches.length / 2)]!;
  if (pitches.some((p) => p > 1.6 * usual)) return true;
  // The fractional drums may sit a little apart (a frame bar, a decimal point), never a whole drum.
  const first = fraction?.cells[0];
  return first !== undefined && (first.u0 + first.u1) / 2 - centres[centres.length - 1]! > 1.75 * usual;
}

/** Decodes, applies the EXIF orientation, and resizes to `width` (up or down); null when it is not an image. */
async function decode(image: Uint8Array, width: number): Promise<RgbImage | undefined> {
  const sharp = (await import('sharp')).default;
  try {
    const { data, info } = await sharp(image, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width, height: width, fit: 'inside' })
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch {
    return undefined;
  }
}

let shared: MeterReader | undefined;

/** The process-wide reader (one Tesseract worker), created on first use. */
export function meterReader(): MeterReader {
  shared ??= new MeterReader();
  return shared;
}

/** Closes the process-wide reader, if it was ever used (call on shutdown). */
export async function closeMeterReader(): Promise<void> {
  const reader = shared;
  shared = undefined;
  await reader?.close();
}
