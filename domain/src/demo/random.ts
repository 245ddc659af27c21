/**
 * Seeded randomness for the demo data: the same seed gives the same houses, accounts and readings on every run
 * and every machine. Never use this for secrets (tokens, real invite codes): it is predictable by design.
 */

/** A stream of pseudo-random numbers (sfc32, seeded with the cyrb128 hash of a label). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[item, weight], ...]`. */
  weighted<T>(options: readonly (readonly [T, number])[]): T;
  /** A new array with the items in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}

/** An independent stream per label, so adding rows in one part of the data does not reshuffle another. */
export function createRng(label: string): Rng {
  let [a, b, c, d] = cyrb128(label);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    weighted: (options) => {
      const total = options.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [item, weight] of options) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return options[options.length - 1]![0];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    sample: (items, count) => rng.shuffle(items).slice(0, count),
  };
  return rng;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * UUIDv7 ids (the schema's `uuid(7)` format) whose 48-bit time is `baseMs` plus a counter every 4096 ids, and
 * whose random bits come from the seeded stream: ids are time-ordered, and the same seed and clock give the same
 * ids.
 */
export function createIdFactory(baseMs: number, rng: Rng): () => string {
  let counter = 0;
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const random16 = () => Math.floor(rng.next() * 0x10000);
  return () => {
    const ms = baseMs + Math.floor(counter / 4096);
    const sequence = counter % 4096;
    counter++;
    const time = hex(ms, 12);
    const variant = 0x8000 | (random16() & 0x3fff);
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(sequence, 3)}-${hex(variant, 4)}-${hex(random16(), 4)}${hex(random16(), 4)}${hex(random16(), 4)}`;
  };
}
