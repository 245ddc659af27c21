import { ApiError } from '../api/client.ts';

/**
 * The API's field errors (`details.fields` of a VALIDATION or CONFLICT answer: `{ area: 'the area must be …' }`)
 * as texts of the user's language next to the form's fields. The server's messages are English and meant for
 * developers; each form lists the fields it shows with the message key for each, and optionally more specific
 * keys chosen by the server's wording. Pure, unit-tested in Node.
 */

export interface FieldMessage {
  /** web.json key. */
  key: string;
  values?: Record<string, string | number>;
}

export interface FieldRule {
  /** The text when no `when` matches: what the field must look like. */
  key: string;
  /** More specific texts by the server's message (first match wins); `values` fill the text's variables. */
  when?: readonly {
    match: RegExp;
    key: string;
    values?: (match: RegExpExecArray, details: Record<string, unknown>) => Record<string, string | number>;
  }[];
}

/** Field path → rule; `values.*` stands for every index (`values.0`, `values.1`, …). */
export type FieldRules = Readonly<Record<string, FieldRule>>;

export interface ServerFieldErrors {
  /** Per field path as the server named it (`area`, `ownership.share`, `closingValues.1`). */
  fields: Record<string, FieldMessage>;
  /** Something the form cannot put next to a field: show the general error text above the form. */
  other: boolean;
}

const ruleFor = (rules: FieldRules, path: string): FieldRule | undefined =>
  rules[path] ?? rules[path.replace(/\.\d+$/, '.*')];

export function serverFieldErrors(error: unknown, rules: FieldRules): ServerFieldErrors {
  const result: ServerFieldErrors = { fields: {}, other: false };
  if (!(error instanceof ApiError)) return { ...result, other: error !== null && error !== undefined };
  const fields = error.details.fields;
  if (
    (error.code !== 'VALIDATION' && error.code !== 'CONFLICT') ||
    !fields ||
    typeof fields !== 'object' ||
    Array.isArray(fields)
  ) {
    return { ...result, other: true };
  }
  for (const [path, raw] of Object.entries(fields as Record<string, unknown>)) {
    const rule = ruleFor(rules, path);
    if (!rule) {
      result.other = true;
      continue;
    }
    const message = typeof raw === 'string' ? raw : '';
    let chosen: FieldMessage = { key: rule.key };
    for (const option of rule.when ?? []) {
      const match = option.match.exec(message);
      if (!match) continue;
      chosen = { key: option.key };
      const values = option.values?.(match, error.details);
      if (values) chosen.values = values;
      break;
    }
    result.fields[path] = chosen;
  }
  if (Object.keys(result.fields).length === 0) result.other = true;
  return result;
}
