import { describe, expect, it } from 'vitest';
import { classifyTicket } from './classify-ticket.ts';
import { emergencyRule } from './emergency-rules.ts';
import { evaluate } from './evaluate.ts';
import { CATEGORIES, loadExamples, parseExamples, URGENCIES } from './examples.ts';
import { DEFAULT_SPLIT, stratifiedSplit } from './split.ts';
import { DEFAULT_FEATURES, features, normalizeText, stemEnglish, stemRussian, tokenize } from './tokenize.ts';
import { DEFAULT_CLASSIFIER_OPTIONS, trainClassifier } from './train.ts';
import { Vocabulary } from './vocabulary.ts';

describe('ticket classifier: tokenizer', () => {
  it('stems Russian words as the Snowball reference implementation does', () => {
    // Expected values produced by the snowballstemmer package (Russian algorithm), not by this code.
    const reference: [string, string][] = [
      ['квартира', 'квартир'],
      ['квартирах', 'квартир'],
      ['затопило', 'затоп'],
      ['затопили', 'затоп'],
      ['затопленная', 'затоплен'],
      ['соседям', 'сосед'],
      ['шумят', 'шум'],
      ['подъезде', 'подъезд'],
      ['горячей', 'горяч'],
      ['красивейшая', 'красив'],
      ['батареи', 'батар'],
      ['батарея', 'батаре'],
      ['протекает', 'протека'],
      ['течь', 'теч'],
      ['электричества', 'электричеств'],
      ['квитанции', 'квитанц'],
      ['застряли', 'застря'],
      ['отопления', 'отоплен'],
      ['перерасчет', 'перерасчет'],
    ];
    expect(reference.map(([word]) => [word, stemRussian(word)])).toEqual(reference);
  });

  it('stems English words as the Porter algorithm does, leaving two-letter words alone', () => {
    const reference: [string, string][] = [
      ['leaking', 'leak'],
      ['flooding', 'flood'],
      ['elevators', 'elev'],
      ['radiators', 'radiat'],
      ['pipes', 'pipe'],
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['hopping', 'hop'],
      ['relational', 'relat'],
      ['generalization', 'gener'],
      ['neighbours', 'neighbour'],
      ['noisy', 'noisi'],
      ['electricity', 'electr'],
    ];
    expect(reference.map(([word]) => [word, stemEnglish(word)])).toEqual(reference);
    expect(stemEnglish('is')).toBe('is');
  });

  it('folds case, ё and Latin look-alike letters typed inside Russian words', () => {
    expect(normalizeText('Течёт')).toBe('течет');
    expect(normalizeText('бaтареи')).toBe('батареи'); // a Latin "a"
    expect(normalizeText('the lift')).toBe('the lift'); // English words stay Latin
    expect(tokenize('Батареи НЕ греют')).toEqual(tokenize('батареи не греют'));
  });

  it('drops stop words, keeps negations, and builds unigrams, bigrams and character n-grams', () => {
    expect(tokenize('в квартире нет света')).toEqual(['квартир', 'нет', 'свет']);
    const f = features('нет горячей воды', { bigrams: true, charNgrams: [3], charWeight: 0.5 });
    expect(f.get('w:горяч')).toBe(1);
    expect(f.get('b:нет_горяч')).toBe(1);
    expect(f.get('c:<не')).toBe(0.5);
    expect(f.has('b:горяч_вод')).toBe(true);
  });

  it('encodes through the vocabulary exactly the features that features() names', () => {
    const vocabulary = new Vocabulary(DEFAULT_FEATURES);
    for (const { text } of loadExamples().slice(0, 200)) {
      const encoded = vocabulary.encode(text, true);
      const named = new Map([...encoded.ids].map((id, k) => [vocabulary.nameOf(id), encoded.weights[k]]));
      expect(named, text).toEqual(features(text, DEFAULT_FEATURES));
    }
    const known = vocabulary.encode('нет горячей воды', false);
    const unknown = vocabulary.encode('нет горячей воды qwzx', false);
    expect(unknown.ids).toEqual(known.ids); // unseen features are left out when not adding
  });
});

describe('ticket classifier: examples and split', () => {
  const examples = loadExamples();

  it('has at least 600 examples, about 70 % Russian, every category at least 30 times', () => {
    expect(examples.length).toBeGreaterThanOrEqual(600);
    const ru = examples.filter((e) => e.lang === 'ru').length / examples.length;
    expect(ru).toBeGreaterThan(0.6);
    expect(ru).toBeLessThan(0.8);
    for (const category of CATEGORIES) {
      expect(examples.filter((e) => e.category === category).length, category).toBeGreaterThanOrEqual(30);
    }
    for (const urgency of URGENCIES) expect(examples.some((e) => e.urgency === urgency)).toBe(true);
    expect(new Set(examples.map((e) => e.text.toLowerCase())).size).toBe(examples.length);
  });

  it('rejects a bad line with its file and line number', () => {
    expect(() =>
      parseExamples('{"text":"ok","category":"LIFT","urgency":"NORMAL"}\n{"text":"x"}', 'en'),
    ).toThrow(/en\.jsonl:2/);
    expect(() => parseExamples('{"text":"x","category":"GAS","urgency":"NORMAL"}', 'ru')).toThrow(
      /ru\.jsonl:1/,
    );
  });

  it('splits deterministically, disjointly and stratified by category', () => {
    const a = stratifiedSplit(examples);
    const b = stratifiedSplit(examples);
    expect(a.test.map((e) => e.text)).toEqual(b.test.map((e) => e.text));
    expect(a.train.length + a.test.length).toBe(examples.length);
    const testTexts = new Set(a.test.map((e) => e.text));
    expect(a.train.some((e) => testTexts.has(e.text))).toBe(false);
    for (const category of CATEGORIES) {
      const all = examples.filter((e) => e.category === category).length;
      const held = a.test.filter((e) => e.category === category).length;
      expect(held / all, category).toBeGreaterThan(0.12);
      expect(held / all, category).toBeLessThan(0.28);
    }
    const other = stratifiedSplit(examples, { ...DEFAULT_SPLIT, seed: DEFAULT_SPLIT.seed + 1 });
    expect(other.test.map((e) => e.text)).not.toEqual(a.test.map((e) => e.text));
  });
});

describe('ticket classifier: held-out measurement', () => {
  it('reaches ≥ 85 % top-1 category and ≥ 95 % emergency recall on the held-out 20 %', () => {
    const { train, test } = stratifiedSplit(loadExamples());
    const result = evaluate(trainClassifier(train), test);
    expect(result.total).toBe(test.length);
    expect(result.emergencies.labelled).toBeGreaterThanOrEqual(20);
    expect(result.categoryAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(result.emergencyRecall).toBeGreaterThanOrEqual(0.95);
  });

  it('needs the rule layer for emergencies: the model alone misses some', () => {
    const { train, test } = stratifiedSplit(loadExamples());
    const withRules = evaluate(trainClassifier(train), test);
    const modelOnly = evaluate(trainClassifier(train, { ...DEFAULT_CLASSIFIER_OPTIONS, rules: false }), test);
    expect(modelOnly.emergencyRecall).toBeLessThan(withRules.emergencyRecall);
    expect(modelOnly.categoryAccuracy).toBe(withRules.categoryAccuracy); // rules never touch the category
  });
});

describe('classifyTicket', () => {
  it.each([
    ['течёт с потолка', 'PLUMBING', 'EMERGENCY'],
    ['лифт застрял между этажами', 'LIFT', 'EMERGENCY'],
    ['пахнет газом в подъезде', 'OTHER', 'EMERGENCY'],
    ['в квартире нет света уже час', 'ELECTRICITY', 'EMERGENCY'],
    ['smoke coming from the electrical panel', 'ELECTRICITY', 'EMERGENCY'],
    ['someone is stuck in the elevator', 'LIFT', 'EMERGENCY'],
  ])('%s → %s / %s', (text, category, urgency) => {
    const result = classifyTicket(text);
    expect([result.category, result.urgency]).toEqual([category, urgency]);
  });

  it.each([
    ['no hot water since morning', 'PLUMBING'],
    ['соседи шумят ночью', 'NOISE'],
    ['не горит лампочка на третьем этаже', 'ELECTRICITY'],
    ['почему такая большая сумма в квитанции', 'BILLING'],
    ['домофон не открывает дверь', 'INTERCOM'],
    ['батареи еле теплые', 'HEATING'],
    ['сосульки над подъездом', 'ROOF_FACADE'],
    ['во дворе не чистят снег', 'YARD'],
    ['the stairs are dirty, nobody cleans', 'CLEANING'],
  ])('%s → %s', (text, category) => {
    expect(classifyTicket(text).category).toBe(category);
  });

  it('does not call ordinary tickets emergencies', () => {
    for (const text of [
      'не горит лампочка на третьем этаже',
      'соседи курят на лестнице, дым идет в квартиру',
      'кнопка вызова лифта застряла',
      'прошу поменять счетчик воды в следующем месяце',
      'neighbours smoke on the stairs',
    ]) {
      expect(classifyTicket(text).urgency, text).not.toBe('EMERGENCY');
    }
  });

  it('returns a probability and the next most likely categories, best first', () => {
    const result = classifyTicket('в подъезде грязно и воняет из мусоропровода');
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.alternatives.length).toBeLessThanOrEqual(3);
    expect(result.alternatives.map((a) => a.category)).not.toContain(result.category);
    const probabilities = [result.confidence, ...result.alternatives.map((a) => a.confidence)];
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(result.alternatives.every((a) => a.confidence >= 0.05)).toBe(true);
  });

  it('is unsure about a text with no known words', () => {
    expect(classifyTicket('qwerty zxcvb').confidence).toBeLessThan(0.5);
  });
});

describe('emergency rules', () => {
  it.each([
    ['нас заливают соседи сверху', 'flood'],
    ['прорвало трубу в ванной', 'flood'],
    ['water pouring through the ceiling', 'flood'],
    ['сильный запах газа на кухне', 'gas'],
    ['I smell gas in the stairwell', 'gas'],
    ['пожар на 5 этаже', 'fire'],
    ['из щитка идет дым', 'fire'],
    ['розетка искрит', 'sparks'],
    ['во всем подъезде нет света', 'power'],
    ['no power in my flat', 'power'],
    ['застряли в лифте', 'lift'],
    ['trapped in the lift', 'lift'],
  ])('%s → %s', (text, rule) => {
    expect(emergencyRule(text)).toBe(rule);
  });

  it.each([
    'не горит лампочка в подъезде',
    'курят на лестнице, дым в квартиру',
    'клумбы затоптаны',
    'в подъезде нет пожарного шкафа',
    'the elevator call button is stuck',
    'ключ застрял в замке',
    'в подвале не горит свет',
    'fire alarm keeps beeping',
    'I want to rewire the flat, need the power cut for a day',
  ])('%s → no rule', (text) => {
    expect(emergencyRule(text)).toBeNull();
  });
});

describe('naive Bayes explain', () => {
  it('names the features that decided between two categories', () => {
    const classifier = trainClassifier(loadExamples());
    const text = classifier.vocabulary.encode('нет горячей воды', false);
    const top = classifier.categoryModel.explain(text, 'PLUMBING', 'HEATING', 3);
    expect(top.length).toBe(3);
    expect(top[0]![1]).toBeGreaterThan(0);
    expect(top.map(([feature]) => feature).some((f) => f.startsWith('w:') || f.startsWith('b:'))).toBe(true);
  });
});
