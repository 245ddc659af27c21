import { contentWords, type FeatureOptions, stem } from './tokenize.ts';

/** A text's features as ids in a vocabulary, with their weights. */
export interface EncodedText {
  ids: Int32Array;
  weights: Float64Array;
}

interface WordEntry {
  /** The id of the word's stem, −1 when unknown (classifying). */
  stemId: number;
  /** The ids of its character n-grams (−1 for unknown ones). */
  gramIds: Int32Array;
}

// Letters as digits of base 64 (0 is never used, so n-grams of different lengths never share a code); the
// boundary marks of `charNgrams` are 1 and 2. Only letters reach here: `words()` keeps [a-zа-я] runs.
const BOUNDARY_START = 1;
const BOUNDARY_END = 2;
const letterCode = (code: number) => (code >= 0x430 ? 3 + 26 + (code - 0x430) : 3 + (code - 0x61));
const codeLetter = (digit: number) =>
  digit === BOUNDARY_START
    ? '<'
    : digit === BOUNDARY_END
      ? '>'
      : String.fromCharCode(digit >= 29 ? 0x430 + digit - 29 : 0x61 + digit - 3);
/** Ids stay below 2^21, so a bigram key (id × 2^21 + id) is an exact integer. */
const MAX_FEATURES = 2 ** 21;

/**
 * Feature → id, shared by the models trained on the same texts. It yields exactly the features of `features()`
 * (a test checks it) but never builds a feature name per text: stems are looked up once per distinct word (cached
 * with the ids of its character n-grams), n-grams and bigrams are integer keys computed from char codes and stem
 * ids. Start-up training is mostly these lookups, so this is what keeps it fast (bench:classify prints it).
 */
export class Vocabulary {
  private readonly stemIds = new Map<string, number>();
  private readonly gramIds = new Map<number, number>();
  private readonly bigramIds = new Map<number, number>();
  /** For `nameOf`: each id's kind and key. */
  private readonly kinds: ('w' | 'c' | 'b')[] = [];
  private readonly keys: (string | number)[] = [];
  private readonly wordCache = new Map<string, WordEntry>();
  /** For each feature id, the number of the last text that used it: de-duplicates without a Set per text. */
  private seen = new Int32Array(4096);
  private textNumber = 0;
  private scratchIds = new Int32Array(256);
  private scratchWeights = new Float64Array(256);

  constructor(readonly options: FeatureOptions) {}

  get size() {
    return this.kinds.length;
  }

  /** The feature's name as `features()` spells it ("w:теч", "b:нет_свет", "c:<теч"). */
  nameOf(id: number): string {
    const kind = this.kinds[id];
    const key = this.keys[id];
    if (kind === 'w') return `w:${key}`;
    if (kind === 'b') {
      const k = key as number;
      return `b:${this.keys[Math.floor(k / MAX_FEATURES)]}_${this.keys[k % MAX_FEATURES]}`;
    }
    let code = key as number;
    let gram = '';
    while (code > 0) {
      gram = codeLetter(code % 64) + gram;
      code = Math.floor(code / 64);
    }
    return `c:${gram}`;
  }

  private newId(kind: 'w' | 'c' | 'b', key: string | number): number {
    const id = this.kinds.length;
    if (id >= MAX_FEATURES) throw new Error('classifier vocabulary is full');
    this.kinds.push(kind);
    this.keys.push(key);
    if (id >= this.seen.length) {
      const grown = new Int32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
    }
    return id;
  }

  private word(word: string, add: boolean): WordEntry {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const s = stem(word);
    let stemId = this.stemIds.get(s) ?? -1;
    if (stemId < 0 && add) {
      stemId = this.newId('w', s);
      this.stemIds.set(s, stemId);
    }
    const grams: number[] = [];
    if (this.options.charWeight > 0) {
      const length = word.length + 2;
      for (const n of this.options.charNgrams) {
        // A rolling code: append the next letter, drop the one that left the window.
        const drop = 64 ** (n - 1);
        let code = 0;
        for (let i = 0; i < length; i++) {
          const digit =
            i === 0 ? BOUNDARY_START : i === length - 1 ? BOUNDARY_END : letterCode(word.charCodeAt(i - 1));
          code = (i >= n ? code % drop : code) * 64 + digit;
          if (i < n - 1) continue;
          let id = this.gramIds.get(code) ?? -1;
          if (id < 0 && add) {
            id = this.newId('c', code);
            this.gramIds.set(code, id);
          }
          grams.push(id);
        }
      }
    }
    const entry = { stemId, gramIds: Int32Array.from(grams) };
    // Only complete entries are cached: a word first met while classifying may still be added by training.
    if (add || (stemId >= 0 && !grams.includes(-1))) this.wordCache.set(word, entry);
    return entry;
  }

  private bigram(first: number, second: number, add: boolean): number {
    if (first < 0 || second < 0) return -1;
    const key = first * MAX_FEATURES + second;
    let id = this.bigramIds.get(key) ?? -1;
    if (id < 0 && add) {
      id = this.newId('b', key);
      this.bigramIds.set(key, id);
    }
    return id;
  }

  private push(count: number, id: number, weight: number, stamp: number): number {
    if (id < 0 || this.seen[id] === stamp) return count;
    this.seen[id] = stamp;
    if (count === this.scratchIds.length) {
      const ids = new Int32Array(count * 2);
      ids.set(this.scratchIds);
      this.scratchIds = ids;
      const weights = new Float64Array(count * 2);
      weights.set(this.scratchWeights);
      this.scratchWeights = weights;
    }
    this.scratchIds[count] = id;
    this.scratchWeights[count] = weight;
    return count + 1;
  }

  /**
   * The text's features. With `add`, unseen features get new ids (training); without it they are left out
   * (classifying: a feature never seen in training says nothing).
   */
  encode(text: string, add: boolean): EncodedText {
    const view = this.encodeView(text, add);
    return { ids: view.ids.slice(), weights: view.weights.slice() };
  }

  /** `encode` without copying: the arrays are reused by the next call, so use them at once. */
  encodeView(text: string, add: boolean): EncodedText {
    const stamp = ++this.textNumber;
    const words = contentWords(text);
    let count = 0;
    let previous = -1;
    for (let w = 0; w < words.length; w++) {
      const entry = this.word(words[w]!, add);
      count = this.push(count, entry.stemId, 1, stamp);
      for (let k = 0; k < entry.gramIds.length; k++) {
        count = this.push(count, entry.gramIds[k]!, this.options.charWeight, stamp);
      }
      if (this.options.bigrams && w > 0)
        count = this.push(count, this.bigram(previous, entry.stemId, add), 1, stamp);
      previous = entry.stemId;
    }
    return { ids: this.scratchIds.subarray(0, count), weights: this.scratchWeights.subarray(0, count) };
  }
}
