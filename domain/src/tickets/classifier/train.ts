import type { TicketCategory, TicketUrgency } from '@domovoy/prisma';
import { checkEmergency, type EmergencyRule } from './emergency-rules.ts';
import { CATEGORIES, type TicketExample, URGENCIES } from './examples.ts';
import { CATEGORY_LEXICON } from './lexicon.ts';
import { LabelCounts, type NaiveBayes } from './model.ts';
import { DEFAULT_FEATURES, type FeatureOptions } from './tokenize.ts';
import { Vocabulary } from './vocabulary.ts';

export interface ClassifierOptions {
  features: FeatureOptions;
  /** Lidstone smoothing of both models. The category model is complement naive Bayes, urgency multinomial. */
  alpha: number;
  /** See NaiveBayesOptions.temperature. */
  temperature: number;
  /** The weight of one lexicon entry (lexicon.ts) against one example; 0 leaves the lexicon out. */
  lexiconWeight: number;
  /** The emergency rule layer (emergency-rules.ts); off only to measure what the model does alone. */
  rules: boolean;
}

// Chosen by 5-fold cross-validation on the training half only (bench:classify -- --tune), never on the test half:
// 88.4 % there, within 0.2 points of the best of the grid, which needed 5-grams or a heavier lexicon.
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  features: DEFAULT_FEATURES,
  alpha: 0.3,
  temperature: 1,
  lexiconWeight: 4,
  rules: true,
};

export interface TicketClassification {
  category: TicketCategory;
  urgency: TicketUrgency;
  /**
   * The probability of `category`, 0–1. Calibrated on held-out tickets: at ≥ 0.95 about 96 % are right, below 0.5
   * it is a guess (bench:classify prints the bands), so below ~0.8 it is worth letting the resident choose.
   */
  confidence: number;
  /** The next most likely categories with their probabilities, best first (at most 3, each ≥ 0.05). */
  alternatives: { category: TicketCategory; confidence: number }[];
  /** Set when the emergency rule layer, not the model, made the urgency EMERGENCY. */
  emergencyRule: EmergencyRule | null;
}

export interface TicketClassifier {
  classify(text: string): TicketClassification;
  readonly categoryModel: NaiveBayes<TicketCategory>;
  readonly urgencyModel: NaiveBayes<TicketUrgency>;
  readonly vocabulary: Vocabulary;
  readonly options: ClassifierOptions;
}

/** Trains the category and the urgency model on labelled tickets (one counting pass: milliseconds). */
export function trainClassifier(
  examples: readonly Pick<TicketExample, 'text' | 'category' | 'urgency'>[],
  options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
): TicketClassifier {
  const vocabulary = new Vocabulary(options.features);
  const categoryCounts = new LabelCounts(CATEGORIES);
  const urgencyCounts = new LabelCounts(URGENCIES);
  for (const example of examples) {
    const text = vocabulary.encodeView(example.text, true);
    categoryCounts.add(text, example.category);
    urgencyCounts.add(text, example.urgency);
  }
  // Urgency is learnt from the examples only: the lexicon says nothing about how urgent a word is.
  if (options.lexiconWeight > 0) {
    for (const category of CATEGORIES) {
      for (const entry of CATEGORY_LEXICON[category]) {
        categoryCounts.add(vocabulary.encodeView(entry, true), category, options.lexiconWeight, true);
      }
    }
  }
  const { alpha, temperature } = options;
  const categoryModel = categoryCounts.finish(vocabulary, { kind: 'complement', alpha, temperature });
  const urgencyModel = urgencyCounts.finish(vocabulary, { kind: 'multinomial', alpha, temperature });
  return {
    categoryModel,
    urgencyModel,
    vocabulary,
    options,
    classify(text) {
      const f = vocabulary.encodeView(text, false);
      const [best, ...rest] = categoryModel.predict(f);
      const check = options.rules ? checkEmergency(text) : { rule: null, lookalike: null };
      const rule = check.rule;
      let urgency: TicketUrgency = 'EMERGENCY';
      if (!rule) {
        const [first, second] = urgencyModel.predict(f);
        urgency = first!.label === 'EMERGENCY' && check.lookalike ? second!.label : first!.label;
      }
      return {
        category: best!.label,
        urgency,
        confidence: best!.probability,
        alternatives: rest
          .filter((p) => p.probability >= 0.05)
          .slice(0, 3)
          .map((p) => ({ category: p.label, confidence: p.probability })),
        emergencyRule: rule,
      };
    },
  };
}
