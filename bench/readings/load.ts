import { performance } from 'node:perf_hooks';

/** Latencies of one phase, recorded without allocation per sample. */
export class Latencies {
  private readonly samples: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.samples = new Float64Array(capacity);
  }

  add(ms: number) {
    if (this.n < this.samples.length) this.samples[this.n++] = ms;
  }

  get count() {
    return this.n;
  }

  summary() {
    const sorted = this.samples.slice(0, this.n).sort();
    const at = (q: number) =>
      this.n === 0 ? 0 : (sorted[Math.min(this.n - 1, Math.ceil(q * this.n) - 1)] ?? 0);
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      count: this.n,
      mean: this.n === 0 ? 0 : sum / this.n,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: this.n === 0 ? 0 : (sorted[this.n - 1] ?? 0),
    };
  }
}

export type LatencySummary = ReturnType<Latencies['summary']>;

/** The four updates of one submission, in order. */
export const STEPS = ['/readings', 'tap “enter”', 'the value', 'tap “send”'] as const;

/** Per-update latencies, overall and by step of the conversation. */
export class Recorder {
  readonly all: Latencies;
  readonly steps: Latencies[];

  constructor(submissions: number) {
    this.all = new Latencies(submissions * STEPS.length);
    this.steps = STEPS.map(() => new Latencies(submissions));
  }

  add(step: number, ms: number) {
    this.all.add(ms);
    this.steps[step]?.add(ms);
  }
}

/**
 * Runs `submit(i)` for i in [from, from + count) with `concurrency` residents in flight (closed loop: when one
 * finishes, the next starts). Each resident's own updates run in order inside `submit`.
 */
export async function runClosedLoop(
  from: number,
  count: number,
  concurrency: number,
  submit: (i: number) => Promise<void>,
  onProgress?: (done: number) => void,
): Promise<number> {
  let next = from;
  let done = 0;
  const end = from + count;
  const started = performance.now();
  const worker = async () => {
    while (next < end) {
      const i = next++;
      await submit(i);
      done++;
      if (onProgress && done % 5000 === 0) onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return performance.now() - started;
}

/**
 * Open loop: residents start at a steady `perSecond` (whatever the bot's speed), each going through its updates as
 * fast as the bot answers. Latency then shows what a resident sees at that load, not a queue the benchmark made.
 */
export async function runPaced(
  from: number,
  count: number,
  perSecond: number,
  submit: (i: number) => Promise<void>,
): Promise<{ elapsedMs: number; maxInFlight: number }> {
  const started = performance.now();
  const interval = 1000 / perSecond;
  let inFlight = 0;
  let maxInFlight = 0;
  const running: Promise<void>[] = [];
  for (let k = 0; k < count; k++) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    running.push(
      submit(from + k).finally(() => {
        inFlight--;
      }),
    );
  }
  await Promise.all(running);
  return { elapsedMs: performance.now() - started, maxInFlight };
}
