import { AppError } from '../errors/app-error.ts';

/**
 * Russian plates use only the 12 letters that look the same in Cyrillic and Latin (ГОСТ Р 50577-2018), so people
 * type either alphabet, or a mix. Both map to one Latin form before storing and comparing (DOMAIN.md "Passes"):
 * `а123вс77` and `A 123 BC 77` are the same car.
 */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
};
const LATIN_TO_CYRILLIC = Object.fromEntries(Object.entries(CYRILLIC_TO_LATIN).map(([c, l]) => [l, c]));

const L = '[ABEKMHOPCTYX]';
const REGION = '(?!0{2,3}$)\\d{2,3}';
/** The registration series of ГОСТ Р 50577 a guest's car or a resident's visitor plausibly has. */
const PLATE_FORMATS = [
  // Private cars: А123ВС77, А123ВС777.
  new RegExp(`^${L}(?!000)\\d{3}${L}{2}${REGION}$`),
  // Taxis and buses: АВ12377.
  new RegExp(`^${L}{2}(?!000)\\d{3}${REGION}$`),
  // Trailers: АВ123477.
  new RegExp(`^${L}{2}(?!0000)\\d{4}${REGION}$`),
  // Motorcycles: 1234АВ77.
  new RegExp(`^(?!0000)\\d{4}${L}{2}${REGION}$`),
];

export type PlateProblem = 'empty' | 'letters' | 'format';

export type PlateParse = { ok: true; plate: string } | { ok: false; reason: PlateProblem; message: string };

const MESSAGES: Record<PlateProblem, string> = {
  empty: 'type the plate number, e.g. А123ВС77',
  letters: 'Russian plates use only digits and the letters А В Е К М Н О Р С Т У Х',
  format: 'not a Russian plate number; write it like А123ВС77 or А123ВС777',
};

/**
 * Upper case, without spaces and dashes, Cyrillic look-alikes as Latin; refused with a reason when the result
 * cannot be a Russian plate. Pure.
 */
export function parsePlate(raw: string): PlateParse {
  const compact = raw.replace(/[\s\-–—.]/g, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty', message: MESSAGES.empty };
  const latin = lookAlikesToLatin(compact);
  if (!/^[ABEKMHOPCTYX0-9]+$/.test(latin)) return { ok: false, reason: 'letters', message: MESSAGES.letters };
  if (!PLATE_FORMATS.some((format) => format.test(latin)))
    return { ok: false, reason: 'format', message: MESSAGES.format };
  return { ok: true, plate: latin };
}

/** parsePlate for use-cases: the normalised plate, or a VALIDATION error naming the `plate` field. */
export function normalizePlate(raw: string): string {
  const parsed = parsePlate(raw);
  if (!parsed.ok) {
    throw new AppError('VALIDATION', parsed.message, {
      what: 'plate',
      reason: parsed.reason,
      fields: { plate: parsed.message },
    });
  }
  return parsed.plate;
}

/** Upper-case Cyrillic look-alikes replaced by their Latin twins; everything else left as it is. */
export function lookAlikesToLatin(text: string): string {
  return [...text].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
}

/** A normalised plate as Russians read it, in Cyrillic: A123BC77 → А123ВС77. */
export function plateInCyrillic(normalized: string): string {
  return [...normalized].map((ch) => LATIN_TO_CYRILLIC[ch] ?? ch).join('');
}
