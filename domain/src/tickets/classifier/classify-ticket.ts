import { loadExamples } from './examples.ts';
import { type TicketClassification, type TicketClassifier, trainClassifier } from './train.ts';

export type { TicketClassification } from './train.ts';

let classifier: TicketClassifier | undefined;

/**
 * The classifier trained on every committed example. It is trained at first use rather than loaded from a
 * committed model file: the examples are the only source of truth (a model JSON could drift from them and would
 * need a regeneration step and a check), and training is one counting pass over ~750 short texts, a few tens of
 * milliseconds (bench:classify prints it).
 */
export function ticketClassifier(): TicketClassifier {
  classifier ??= trainClassifier(loadExamples());
  return classifier;
}

/**
 * Suggests a category and an urgency for a resident's ticket text (Russian or English). A suggestion only: the
 * resident or the dispatcher confirms it. Emergencies named in DOMAIN.md are caught by rules as well as the model.
 */
export function classifyTicket(text: string): TicketClassification {
  return ticketClassifier().classify(text);
}
