/**
 * Text → features for the ticket classifier. Residents write fast on a phone: lower/upper case, ё or е, Latin
 * look-alike letters inside Russian words (a keyboard switched mid-word), inflected forms. All of that is folded
 * away here so that the model sees one feature per meaning.
 */

const CYRILLIC = /[а-я]/;
const LATIN = /[a-z]/;
// Latin letters that look like Cyrillic ones; only swapped inside a word that also has Cyrillic letters.
const LOOK_ALIKE: Record<string, string> = {
  a: 'а',
  b: 'в',
  c: 'с',
  e: 'е',
  h: 'н',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  t: 'т',
  x: 'х',
  y: 'у',
};

/** Space-separated lists keep the suffix tables of the stemmers readable (and the formatter keeps them packed). */
const list = (items: string) => items.split(' ');
/** "from:to" pairs, space-separated. */
const pairs = (items: string) => list(items).map((pair) => pair.split(':') as [string, string]);

// A Latin letter touching a Cyrillic one: the only case where look-alikes need swapping.
const MIXED = /[a-z][а-я]|[а-я][a-z]/;

/** Lower case, ё → е, and Latin look-alikes inside Russian words turned Cyrillic ("бaтареи" → "батареи"). */
export function normalizeText(text: string): string {
  const lower = text.toLowerCase().replaceAll('ё', 'е');
  if (!MIXED.test(lower)) return lower;
  return lower.replace(/[a-zа-я]+/g, (word) =>
    CYRILLIC.test(word) && LATIN.test(word) ? word.replace(/[a-z]/g, (ch) => LOOK_ALIKE[ch] ?? ch) : word,
  );
}

/** The words of a normalised text: runs of letters (apostrophes inside English words dropped: "doesn't"). */
export function words(normalized: string): string[] {
  return normalized.replace(/(?<=[a-z])['’](?=[a-z])/g, '').match(/[a-zа-я]+/g) ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// Russian: the Snowball stemmer (snowballstem.org/algorithms/russian), suffix stripping inside RV/R2.

const RU_VOWELS = 'аеиоуыэюя';
const isRuVowel = (ch: string | undefined) => ch !== undefined && RU_VOWELS.includes(ch);

/** A Snowball `among`: endings, and whether each needs а/я before it (group 1 endings count only after а or я). */
type Among = ReadonlyMap<string, boolean> & { maxLength: number };

function among(groups: { endings: readonly string[]; afterAYa?: boolean }[]): Among {
  const map = new Map<string, boolean>();
  for (const group of groups) for (const ending of group.endings) map.set(ending, group.afterAYa === true);
  return Object.assign(map, { maxLength: Math.max(...[...map.keys()].map((e) => e.length)) });
}

const PERFECTIVE_GERUND = among([
  { endings: list('в вши вшись'), afterAYa: true },
  { endings: list('ив ивши ившись ыв ывши ывшись') },
]);
const REFLEXIVE = among([{ endings: list('ся сь') }]);
const ADJECTIVE = among([
  {
    endings: list('ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею'),
  },
]);
const PARTICIPLE = among([
  { endings: list('ем нн вш ющ щ'), afterAYa: true },
  { endings: list('ивш ывш ующ') },
]);
const VERB = among([
  {
    endings: list('ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно'),
    afterAYa: true,
  },
  {
    endings: list(
      'ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю',
    ),
  },
]);
const NOUN = among([
  {
    endings: list(
      'а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я',
    ),
  },
]);
const DERIVATIONAL = among([{ endings: list('ост ость') }]);
const SUPERLATIVE = among([{ endings: list('ейш ейше') }]);

/**
 * Snowball's `among`: the longest ending that lies inside the region starting at `limit`; if it needs а/я before
 * it and there is none, the whole match fails (no fallback to a shorter ending). Returns the word without the
 * ending, or null.
 */
function stripAmong(word: string, limit: number, endings: Among): string | null {
  for (let length = Math.min(endings.maxLength, word.length - limit); length > 0; length--) {
    const cut = word.length - length;
    const afterAYa = endings.get(word.slice(cut));
    if (afterAYa === undefined) continue;
    if (!afterAYa) return word.slice(0, cut);
    const before = word[cut - 1];
    return cut - 1 >= limit && (before === 'а' || before === 'я') ? word.slice(0, cut) : null;
  }
  return null;
}

/** RV: after the first vowel. R2: R1 of R1, where R1 starts after the first consonant that follows a vowel. */
function ruRegions(word: string): { rv: number; r2: number } {
  const afterVowelConsonant = (from: number) => {
    for (let i = from + 1; i < word.length; i++) {
      if (!isRuVowel(word[i]) && isRuVowel(word[i - 1])) return i + 1;
    }
    return word.length;
  };
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (isRuVowel(word[i])) {
      rv = i + 1;
      break;
    }
  }
  const r1 = afterVowelConsonant(0);
  return { rv, r2: afterVowelConsonant(r1 - 1) };
}

export function stemRussian(input: string): string {
  let word = input;
  const { rv, r2 } = ruRegions(word);
  if (rv >= word.length) return word;

  // Step 1: a perfective gerund, or else (reflexive?) + adjectival | verb | noun.
  const gerund = stripAmong(word, rv, PERFECTIVE_GERUND);
  if (gerund !== null) {
    word = gerund;
  } else {
    word = stripAmong(word, rv, REFLEXIVE) ?? word;
    const adjective = stripAmong(word, rv, ADJECTIVE);
    if (adjective !== null) {
      word = stripAmong(adjective, rv, PARTICIPLE) ?? adjective;
    } else {
      word = stripAmong(word, rv, VERB) ?? stripAmong(word, rv, NOUN) ?? word;
    }
  }
  // Step 2.
  if (word.endsWith('и') && word.length - 1 >= rv) word = word.slice(0, -1);
  // Step 3: derivational ост/ость inside R2.
  word = stripAmong(word, Math.max(r2, rv), DERIVATIONAL) ?? word;
  // Step 4: superlative (then нн → н), нн → н, or a final soft sign.
  const superlative = stripAmong(word, rv, SUPERLATIVE);
  if (superlative !== null) {
    word =
      superlative.endsWith('нн') && superlative.length - 2 >= rv ? superlative.slice(0, -1) : superlative;
  } else if (word.endsWith('нн') && word.length - 2 >= rv) {
    word = word.slice(0, -1);
  } else if (word.endsWith('ь') && word.length - 1 >= rv) {
    word = word.slice(0, -1);
  }
  return word;
}

// ---------------------------------------------------------------------------------------------------------------
// English: the Porter (1980) algorithm, steps 1–5 without the rarely useful special cases.

const isConsonantAt = (word: string, i: number): boolean => {
  const ch = word[i];
  if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
  if (ch === 'y') return i === 0 || !isConsonantAt(word, i - 1);
  return true;
};

/** Porter's m: the number of vowel–consonant sequences in the stem. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  while (i < stem.length && isConsonantAt(stem, i)) i++;
  while (i < stem.length) {
    while (i < stem.length && !isConsonantAt(stem, i)) i++;
    if (i >= stem.length) break;
    while (i < stem.length && isConsonantAt(stem, i)) i++;
    m++;
  }
  return m;
}

const hasVowel = (stem: string) => [...stem].some((_, i) => !isConsonantAt(stem, i));
const endsDoubleConsonant = (w: string) =>
  w.length >= 2 && w.at(-1) === w.at(-2) && isConsonantAt(w, w.length - 1);
/** cvc, the last c not w, x or y (hop, not snow). */
const endsCvc = (w: string) =>
  w.length >= 3 &&
  isConsonantAt(w, w.length - 3) &&
  !isConsonantAt(w, w.length - 2) &&
  isConsonantAt(w, w.length - 1) &&
  !'wxy'.includes(w.at(-1)!);

/** Replaces the first matching suffix when the remaining stem's m passes `minM`; later rules are not tried. */
function replaceSuffix(word: string, rules: readonly (readonly [string, string])[], minM: number): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    return measure(stem) > minM ? stem + replacement : word;
  }
  return word;
}

const STEP2 = pairs(
  'ational:ate tional:tion enci:ence anci:ance izer:ize abli:able alli:al entli:ent eli:e ousli:ous ization:ize ation:ate ator:ate alism:al iveness:ive fulness:ful ousness:ous aliti:al iviti:ive biliti:ble',
);
const STEP3 = pairs('icate:ic ative: alize:al iciti:ic ical:ic ful: ness:');
const STEP4 = list('ement ance ence able ible ment ant ent ism ate iti ous ive ize ion al er ic ou');

export function stemEnglish(input: string): string {
  let word = input;
  if (word.length <= 2) return word;
  // Step 1a: plurals.
  if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (word.endsWith('ies')) word = word.slice(0, -2);
  else if (!word.endsWith('ss') && word.endsWith('s')) word = word.slice(0, -1);
  // Step 1b: -eed, -ed, -ing.
  if (word.endsWith('eed')) {
    if (measure(word.slice(0, -3)) > 0) word = word.slice(0, -1);
  } else {
    const suffix = word.endsWith('ed') ? 'ed' : word.endsWith('ing') ? 'ing' : null;
    if (suffix && hasVowel(word.slice(0, -suffix.length))) {
      word = word.slice(0, -suffix.length);
      if (word.endsWith('at') || word.endsWith('bl') || word.endsWith('iz')) word += 'e';
      else if (endsDoubleConsonant(word) && !'lsz'.includes(word.at(-1)!)) word = word.slice(0, -1);
      else if (measure(word) === 1 && endsCvc(word)) word += 'e';
    }
  }
  // Step 1c.
  if (word.endsWith('y') && hasVowel(word.slice(0, -1))) word = `${word.slice(0, -1)}i`;
  word = replaceSuffix(word, STEP2, 0);
  word = replaceSuffix(word, STEP3, 0);
  // Step 4: -ion only after s or t.
  for (const suffix of STEP4) {
    if (!word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (measure(stem) > 1 && (suffix !== 'ion' || stem.endsWith('s') || stem.endsWith('t'))) word = stem;
    break;
  }
  // Step 5.
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) word = stem;
  }
  if (word.endsWith('ll') && measure(word) > 1) word = word.slice(0, -1);
  return word;
}

// ---------------------------------------------------------------------------------------------------------------

const stemCache = new Map<string, string>();

/** The stem of one normalised word, by its alphabet. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = CYRILLIC.test(word) ? stemRussian(word) : stemEnglish(word);
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * Function words that say nothing about a ticket's category or urgency. With a few dozen examples per category,
 * naive Bayes would otherwise learn that "на" or "the" leans towards whichever category used it a little more.
 * Negations (не, нет, no, not, don't…) and time words (сейчас, уже, срочно, now) are kept: they carry urgency
 * and form the telling bigrams ("нет_свет", "не_работа").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...'и в во что он на я с со как а то все всё она так его но да ты к у же вы за бы по только ее мне было вот от меня о из ему когда даже ну ли если или быть был него до вас нибудь уж вам ведь там потом себя ей может они тут где есть ней для мы тебя их чем была сам чтоб без будто чего тоже себе под будет ж тогда этот того потому этого какой совсем ним здесь этом почти мой тем чтобы нее были куда зачем всех можно при хоть над тот эти нас про всего них какая эту моя впрочем свою этой перед том такой им всю между это эта мы наш наша наше наши у нас пожалуйста пожалуста плиз здравствуйте добрый день вечер утро привет спасибо пож кто то нибудь либо ли бы же ка'.split(
    ' ',
  ),
  ...'the a an is are was were be been being to of in on at for with and or but it its it s this that these those my our your i me we you they he she them his her there here have has had do does did from by as so if just can could would should will please hi hello dear thanks thank am also any some about into up out than then too very'.split(
    ' ',
  ),
]);

/** The stems of a text's content words, in order. */
export function tokenize(text: string): string[] {
  return contentWords(text).map(stem);
}

export interface FeatureOptions {
  /** Adjacent stem pairs ("не_работа", "нет_свет"): negations and fixed phrases carry the meaning. */
  bigrams: boolean;
  /** Character n-gram sizes taken inside each word with boundary marks ("<теч", "ет>"), for typos; [] for none. */
  charNgrams: readonly number[];
  /** The weight of one character n-gram against one word feature. */
  charWeight: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { bigrams: true, charNgrams: [3, 4], charWeight: 0.2 };

/** The words of a text that carry meaning: normalised, stop words dropped, in order. */
export function contentWords(text: string): string[] {
  return words(normalizeText(text)).filter((w) => !STOP_WORDS.has(w));
}

/** The character n-grams of a word, with boundary marks ("<теч", "ет>"). */
export function charNgrams(word: string, sizes: readonly number[]): string[] {
  const marked = `<${word}>`;
  const out: string[] = [];
  for (const n of sizes) for (let i = 0; i + n <= marked.length; i++) out.push(marked.slice(i, i + n));
  return out;
}

/**
 * The weighted features of a text, by name ("w:" stem, "b:" stem pair, "c:" character n-gram). Each feature counts
 * once per text (binary naive Bayes): tickets are short and a repeated word ("очень очень") says nothing more.
 * Training and classifying use the same features through `Vocabulary.encode`, which builds them without names.
 */
export function features(text: string, options: FeatureOptions = DEFAULT_FEATURES): Map<string, number> {
  const out = new Map<string, number>();
  const ws = contentWords(text);
  const stems = ws.map(stem);
  for (const s of stems) out.set(`w:${s}`, 1);
  if (options.bigrams) for (let i = 1; i < stems.length; i++) out.set(`b:${stems[i - 1]}_${stems[i]}`, 1);
  if (options.charWeight > 0) {
    for (const w of ws)
      for (const gram of charNgrams(w, options.charNgrams)) out.set(`c:${gram}`, options.charWeight);
  }
  return out;
}
