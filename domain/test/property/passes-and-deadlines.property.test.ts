import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.ts';
import { parseZoneValues, readingValueText } from '../../src/meters/meter-fields.ts';
import { newPassToken, parseCheckInput, passCheckUrl } from '../../src/passes/pass-token.ts';
import { parsePlate } from '../../src/passes/plate.ts';
import { parseLocalDeadline } from '../../src/polls/poll-deadline.ts';
import { MILLI, milliToString } from '../../src/readings/reading-value.ts';

/**
 * Property tests for the text residents, guards and staff type into the bot: car plates, what follows /check, a
 * poll's deadline and meter values per tariff zone. Whatever arrives, the answer is a value or a refusal that says
 * why, and what is accepted is what was meant.
 */
const RUNS = { numRuns: 500 };
/** Any Unicode, plus the characters these grammars care about. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 .,:-/_\u00a0\tABCKMOXaвсмкхЖDQ'), maxLength: 40 }),
);

// ── Plates ──────────────────────────────────────────────────────────────────────────────────────────────────────

const PLATE_LETTERS = 'ABEKMHOPCTYX';
/** The Cyrillic letter of each Latin one above, in the same order (ГОСТ Р 50577 look-alikes). */
const CYRILLIC_TWINS = 'АВЕКМНОРСТУХ';
const PLATE_REASONS = ['empty', 'letters', 'format'];

const plateLetter = fc.constantFrom(...PLATE_LETTERS);
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)).filter((d) => /[1-9]/.test(d));
/** A region code: two or three digits, never all zeros. */
const region = fc.oneof(digits(2), digits(3));

/** A plate of one of the series the parser takes, in its stored form: Latin capitals and digits only. */
const canonicalPlate = fc.oneof(
  fc.tuple(plateLetter, digits(3), plateLetter, plateLetter, region).map((p) => p.join('')), // А123ВС77
  fc.tuple(plateLetter, plateLetter, digits(3), region).map((p) => p.join('')), // АВ12377
  fc.tuple(plateLetter, plateLetter, digits(4), region).map((p) => p.join('')), // АВ123477
  fc.tuple(digits(4), plateLetter, plateLetter, region).map((p) => p.join('')), // 1234АВ77
);

/**
 * The same plate as people type it: each letter in either alphabet and either case, a space, dash or dot here and
 * there, blanks around. At most one separator per gap, as people type: padded with 20 or more dashes a plate
 * would be spelled entirely in a token's alphabet and be read as a token by parseCheckInput.
 */
const typedPlate = canonicalPlate.chain((plate) =>
  fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.constantFrom('latin', 'cyrillic'),
          fc.boolean(),
          fc.constantFrom('', '', '', ' ', '-', '–', '.', '\t'),
        ),
        { minLength: plate.length, maxLength: plate.length },
      ),
      fc.constantFrom('', ' ', '  ', '\u00a0'),
    )
    .map(([spelling, around]) => {
      const typed = [...plate]
        .map((ch, i) => {
          const [alphabet, lower, separator] = spelling[i]!;
          const index = PLATE_LETTERS.indexOf(ch);
          const letter = index >= 0 && alphabet === 'cyrillic' ? CYRILLIC_TWINS[index]! : ch;
          return (lower ? letter.toLowerCase() : letter) + (i < plate.length - 1 ? separator : '');
        })
        .join('');
      return { plate, typed: `${around}${typed}${around}` };
    }),
);

/** Characters that may appear in a typed plate: digits, the 12 letters in both alphabets and cases, separators. */
const ALLOWED_IN_PLATE = new RegExp(
  `^[0-9${PLATE_LETTERS}${PLATE_LETTERS.toLowerCase()}${CYRILLIC_TWINS}${CYRILLIC_TWINS.toLowerCase()}\\s\\-–—.]$`,
);
/** Letters a plate never has: other Latin and Cyrillic letters, Greek and full-width look-alikes, punctuation. */
const foreignCharacter = fc.constantFrom(
  ...'DFGIJLNQRSUVWZdfgqsuvwzБГДЖЗИЙЛПФЦЧШЩЪЫЬЭЮЯЁбжёяΑΒΕΚΜΗΟΡΤΥΧＡ!_/+#№',
);

describe('car plates', () => {
  it('never throws; an accepted plate is stored form (Latin capitals, digits) and reads back as itself', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const parsed = parsePlate(raw);
        if (parsed.ok) {
          expect(parsed.plate).toMatch(/^[ABEKMHOPCTYX0-9]{6,9}$/);
          expect(parsePlate(parsed.plate)).toEqual(parsed);
        } else {
          expect(PLATE_REASONS).toContain(parsed.reason);
          expect(parsed.message).toMatch(/\S/);
        }
      }),
      RUNS,
    );
  });

  it('refuses as "letters" exactly the text holding a character no plate can have', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const parsed = parsePlate(raw);
        const foreign = [...raw].some((ch) => !ALLOWED_IN_PLATE.test(ch));
        expect(!parsed.ok && parsed.reason === 'letters').toBe(foreign);
        expect(!parsed.ok && parsed.reason === 'empty').toBe(/^[\s\-–—.]*$/.test(raw));
      }),
      RUNS,
    );
  });

  it('takes a plate in any alphabet, case and spacing, and stores one form for all of them', () => {
    fc.assert(
      fc.property(typedPlate, ({ plate, typed }) => {
        expect(parsePlate(typed)).toEqual({ ok: true, plate });
      }),
      RUNS,
    );
  });

  it('refuses a plate with one foreign character in it as "letters", with the message saying which are allowed', () => {
    fc.assert(
      fc.property(typedPlate, foreignCharacter, fc.nat(), ({ typed }, foreign, at) => {
        const i = at % (typed.length + 1);
        const parsed = parsePlate(typed.slice(0, i) + foreign + typed.slice(i));
        expect(parsed).toMatchObject({ ok: false, reason: 'letters' });
        expect(!parsed.ok && parsed.message).toContain('А В Е К М Н О Р С Т У Х');
      }),
      RUNS,
    );
  });
});

// ── /check input ────────────────────────────────────────────────────────────────────────────────────────────────

/** A token as newPassToken makes one: 24 random bytes in base64url. */
const passToken = fc
  .uint8Array({ minLength: 24, maxLength: 24 })
  .map((b) => Buffer.from(b).toString('base64url'));
const panelBase = fc.constantFrom(
  'https://dom.example.org',
  'https://dom.example.org/',
  'https://panel.example.ru/house/',
  'http://127.0.0.1:3000',
  'http://localhost:3000//',
);

describe('what a guard types after /check', () => {
  it('never throws; a token is one the input holds, a plate is what parsePlate makes of it, a refusal says why', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const input = parseCheckInput(raw);
        if (input.kind === 'token') {
          expect(input.token).toMatch(/^[A-Za-z0-9_-]{20,100}$/);
          expect(raw).toContain(input.token);
        } else if (input.kind === 'plate') {
          expect(parsePlate(raw)).toEqual({ ok: true, plate: input.plate });
        } else {
          expect(PLATE_REASONS).toContain(input.reason);
          expect(parsePlate(raw)).toMatchObject({ ok: false, reason: input.reason });
        }
      }),
      RUNS,
    );
  });

  it('reads the token back from its check-page address or on its own, with blanks or a query around', () => {
    fc.assert(
      fc.property(
        passToken,
        panelBase,
        fc.constantFrom('', ' ', '\n', '  \t'),
        fc.constantFrom('', '?from=qr', '#top', '/'),
        (token, base, blank, tail) => {
          expect(parseCheckInput(`${blank}${passCheckUrl(base, token)}${tail}${blank}`)).toEqual({
            kind: 'token',
            token,
          });
          expect(parseCheckInput(`${blank}${token}${blank}`)).toEqual({ kind: 'token', token });
        },
      ),
      RUNS,
    );
  });

  it('tokens from newPassToken are long enough to be read as tokens, never twice the same', () => {
    const tokens = Array.from({ length: 500 }, newPassToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      // 192 bits in base64url: 32 characters, more than the 128 bits DOMAIN.md asks for.
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(parseCheckInput(passCheckUrl('https://dom.example.org', token))).toEqual({
        kind: 'token',
        token,
      });
    }
  });

  it('a typed plate is a plate, never mistaken for a token', () => {
    fc.assert(
      fc.property(typedPlate, ({ plate, typed }) => {
        expect(parseCheckInput(typed)).toEqual({ kind: 'plate', plate });
      }),
      RUNS,
    );
  });

  it('a plate in Latin letters with dashes, all characters a token may have, is still a plate, however long', () => {
    fc.assert(
      fc.property(
        canonicalPlate.chain((plate) =>
          fc.tuple(
            fc.constant(plate),
            // Up to four dashes between characters: padded like that a plate is longer than the shortest token.
            fc.array(fc.tuple(fc.boolean(), fc.constantFrom('', '-', '--', '----')), {
              minLength: plate.length,
              maxLength: plate.length,
            }),
          ),
        ),
        ([plate, spelling]) => {
          const typed = [...plate]
            .map((ch, i) => {
              const [lower, dash] = spelling[i]!;
              return (lower ? ch.toLowerCase() : ch) + (i < plate.length - 1 ? dash : '');
            })
            .join('');
          expect(parseCheckInput(typed)).toEqual({ kind: 'plate', plate });
        },
      ),
      RUNS,
    );
  });
});

// ── Poll deadlines ──────────────────────────────────────────────────────────────────────────────────────────────

/** Zones of Russian houses; none has changed its offset since 2014-10-26, so their wall clocks only move forward. */
const ZONES = ['Europe/Moscow', 'Asia/Vladivostok', 'Europe/Kaliningrad', 'Asia/Kamchatka'] as const;
const zone = fc.constantFrom(...ZONES);
/** Now, sometimes exactly on a minute: then a deadline typed for this very minute is now, not after it. */
const now = fc
  .tuple(
    fc.date({
      min: new Date('2015-01-01T00:00:00Z'),
      max: new Date('2045-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.boolean(),
  )
  .map(([moment, onTheMinute]) =>
    onTheMinute ? new Date(Math.floor(moment.getTime() / 60_000) * 60_000) : moment,
  );

type WallClock = [year: number, month: number, day: number, hour: number, minute: number];

const clocks = new Map<string, Intl.DateTimeFormat>();
/** The instant as the house's clock shows it, to the minute, read with Intl rather than the module's helpers. */
function wallClock(instant: Date, timeZone: string): WallClock {
  let format = clocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  return [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!];
}

/** Whether wall clock `a` reads later than `b`; in zones without clock changes, that is "later" in time too. */
const later = (a: WallClock, b: WallClock) => {
  const i = a.findIndex((v, k) => v !== b[k]);
  return i >= 0 && a[i]! > b[i]!;
};

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * A real local date-time near `now`: either within a few minutes of it (to hit the "after now" edge) or anywhere
 * from last year to two years ahead, in the house's clock.
 */
const deadlineAround = (moment: Date, timeZone: string) =>
  fc.oneof(
    fc
      .integer({ min: -3, max: 3 })
      .map((minutes) => wallClock(new Date(moment.getTime() + minutes * 60_000), timeZone)),
    fc
      .record({
        yearOffset: fc.integer({ min: -1, max: 2 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
      })
      .map(({ yearOffset, month, day, hour, minute }): WallClock => {
        const year = wallClock(moment, timeZone)[0] + yearOffset;
        return [year, month, Math.min(day, monthLength(year, month)), hour, minute];
      }),
  );

/** A house's zone, a moment, and a wall-clock deadline around that moment on the house's clock. */
const typedDeadline = zone.chain((timeZone) =>
  now.chain((moment) =>
    fc.tuple(fc.constant(timeZone), fc.constant(moment), deadlineAround(moment, timeZone)),
  ),
);

/** How people write a date-time: padded or not, the time after a space or a comma, with a colon or a dot. */
const spelling = fc.record({
  padDay: fc.boolean(),
  padMonth: fc.boolean(),
  padHour: fc.boolean(),
  between: fc.constantFrom(' ', '  ', ', ', ','),
  timeMark: fc.constantFrom(':', '.'),
  around: fc.constantFrom('', ' ', '\n', '\u00a0'),
});
type Spelling = typeof spelling extends fc.Arbitrary<infer S> ? S : never;

const pad = (n: number, padded: boolean) => String(n).padStart(padded ? 2 : 1, '0');
const dateText = ([year, month, day]: WallClock, s: Spelling, withYear: boolean) =>
  `${pad(day, s.padDay)}.${pad(month, s.padMonth)}${withYear ? `.${year}` : ''}`;
const timeText = ([, , , hour, minute]: WallClock, s: Spelling) =>
  `${s.between}${pad(hour, s.padHour)}${s.timeMark}${pad(minute, true)}`;

describe('poll deadlines typed in the house’s time zone', () => {
  it('never throw; a deadline is a whole minute after now', () => {
    fc.assert(
      fc.property(anyText, zone, now, (raw, timeZone, moment) => {
        const deadline = parseLocalDeadline(raw, timeZone, moment);
        if (deadline !== null) {
          expect(deadline.getTime()).toBeGreaterThan(moment.getTime());
          expect(deadline.getTime() % 60_000).toBe(0);
        }
      }),
      RUNS,
    );
  });

  it('a date and time is that minute on the house’s clock, refused unless it is after now', () => {
    fc.assert(
      fc.property(typedDeadline, spelling, ([timeZone, moment, local], s) => {
        const typed = `${s.around}${dateText(local, s, true)}${timeText(local, s)}${s.around}`;
        const deadline = parseLocalDeadline(typed, timeZone, moment);
        if (later(local, wallClock(moment, timeZone))) {
          expect(deadline).not.toBeNull();
          expect(wallClock(deadline!, timeZone)).toEqual(local);
        } else {
          expect(deadline).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('a date alone is 23:59 of that day; without a year it is this year’s, or next year’s once this year’s is long past', () => {
    fc.assert(
      fc.property(typedDeadline, spelling, ([timeZone, moment, local], s) => {
        const [year, month, day] = local;
        const endOfDay: WallClock = [year, month, day, 23, 59];
        const dateOnly = parseLocalDeadline(dateText(local, s, true), timeZone, moment);
        expect(dateOnly && wallClock(dateOnly, timeZone)).toEqual(
          later(endOfDay, wallClock(moment, timeZone)) ? endOfDay : null,
        );

        // Without a year: this year's date, or next year's once this year's is more than 183 days past on the
        // house's clock (31.12: "05.01" is January); a date passed more recently is refused. 29.02 is no date at
        // all in a common year.
        const current = wallClock(moment, timeZone);
        const inYear = (y: number): WallClock | null => {
          const candidate = [y, ...local.slice(1)] as WallClock;
          return local[2] <= monthLength(y, local[1]) && later(candidate, current) ? candidate : null;
        };
        const utc = ([y, mo, d, h, mi]: WallClock) => Date.UTC(y, mo - 1, d, h, mi);
        const daysPast = (utc(current) - utc([current[0], ...local.slice(1)] as WallClock)) / 86_400_000;
        const noYear = parseLocalDeadline(dateText(local, s, false) + timeText(local, s), timeZone, moment);
        expect(noYear && wallClock(noYear, timeZone)).toEqual(
          inYear(current[0]) ?? (daysPast > 183 ? inYear(current[0] + 1) : null),
        );
      }),
      RUNS,
    );
  });

  it('on New Year’s Eve a date without a year is in January', () => {
    const eve = new Date('2026-12-31T09:00:00Z');
    expect(parseLocalDeadline('05.01 10:00', 'Europe/Moscow', eve)?.toISOString()).toBe(
      '2027-01-05T07:00:00.000Z',
    );
    expect(parseLocalDeadline('31.12', 'Europe/Moscow', eve)?.toISOString()).toBe('2026-12-31T20:59:00.000Z');
    expect(parseLocalDeadline('05.01.2026 10:00', 'Europe/Moscow', eve)).toBeNull();
    // A time that passed this morning is a mistake to point out, not a deadline a year away.
    expect(parseLocalDeadline('31.12 10:00', 'Europe/Moscow', eve)).toBeNull();
    expect(parseLocalDeadline('01.09', 'Europe/Moscow', eve)).toBeNull();
  });

  it('refuses what is not a real date and time, even far ahead (31.04, 29.02 of a common year, 24:00, 12:60)', () => {
    fc.assert(
      fc.property(
        zone,
        now,
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 99 }),
        (timeZone, moment, yearsAhead, month, day, hour, minute) => {
          const year = moment.getUTCFullYear() + yearsAhead;
          const real =
            month >= 1 &&
            month <= 12 &&
            day >= 1 &&
            day <= monthLength(year, month) &&
            hour <= 23 &&
            minute <= 59;
          const typed = `${pad(day, true)}.${pad(month, true)}.${year} ${hour}:${pad(minute, true)}`;
          expect(parseLocalDeadline(typed, timeZone, moment) !== null).toBe(real);
        },
      ),
      RUNS,
    );
  });
});

// ── Meter values per tariff zone ────────────────────────────────────────────────────────────────────────────────

type Meter = { integerDigits: number; fractionDigits: number; zones: number };
/** A meter as meter-fields' schemas allow it: 1–11 integer digits, 0–6 fraction digits, 1–3 zones. */
const meter: fc.Arbitrary<Meter> = fc.record({
  integerDigits: fc.integer({ min: 1, max: 11 }),
  fractionDigits: fc.integer({ min: 0, max: 6 }),
  zones: fc.integer({ min: 1, max: 3 }),
});
/** Mostly number-like text, so that acceptance and every kind of refusal all happen often. */
const typedValue = fc.oneof(
  anyText,
  fc.stringMatching(/^ ?\d{1,13}([.,]\d{0,7})? ?$/),
  fc.stringMatching(/^\d{1,3}( \d{3}){0,3}(,\d{1,4})?$/),
);

/**
 * The number a person typed, written the way milliToString writes it: blanks between digit groups dropped, a
 * comma read as the decimal mark, no leading or trailing zeros. Text that is not digits with one mark stays as is.
 */
function typedNumber(raw: string): string {
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(raw.replace(/\s/g, ''));
  if (!m) return raw;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return `${m[1]!.replace(/^0+(?=\d)/, '')}${fraction ? `.${fraction}` : ''}`;
}

/** The values, or the field keys of a VALIDATION refusal; anything else thrown fails the test. */
function zoneValues(raw: string[], m: Meter) {
  try {
    return { values: parseZoneValues('values', raw, m) };
  } catch (error) {
    expect(isAppError(error, 'VALIDATION')).toBe(true);
    const fields = (error as { details: { fields?: Record<string, string> } }).details.fields ?? {};
    for (const message of Object.values(fields)) expect(message).toMatch(/\S/);
    return { refused: Object.keys(fields) };
  }
}

describe('meter values per tariff zone', () => {
  it('accepts one value per zone within the meter’s capacity and precision, or names what it refuses', () => {
    fc.assert(
      fc.property(meter, fc.array(typedValue, { minLength: 0, maxLength: 4 }), (m, raw) => {
        const result = zoneValues(raw, m);
        if (result.values) {
          expect(result.values).toHaveLength(m.zones);
          const step = 10 ** (3 - Math.min(m.fractionDigits, 3));
          result.values.forEach((milli, i) => {
            expect(Number.isSafeInteger(milli)).toBe(true);
            expect(milliToString(milli)).toBe(typedNumber(raw[i]!));
            expect(milli).toBeGreaterThanOrEqual(0);
            expect(milli).toBeLessThan(10 ** m.integerDigits * MILLI);
            expect(milli % step).toBe(0);
          });
        } else if (raw.length !== m.zones) {
          expect(result.refused).toEqual(['values']);
        } else {
          expect(result.refused!.length).toBeGreaterThan(0);
          for (const key of result.refused!) expect(key).toMatch(new RegExp(`^values\\.[0-${m.zones - 1}]$`));
        }
      }),
      RUNS,
    );
  });

  it('names exactly the zones whose value is refused on its own', () => {
    fc.assert(
      fc.property(
        meter.chain((m) =>
          fc.tuple(fc.constant(m), fc.array(typedValue, { minLength: m.zones, maxLength: m.zones })),
        ),
        ([m, raw]) => {
          const alone = raw.map((text) => zoneValues([text], { ...m, zones: 1 }));
          const together = zoneValues(raw, m);
          const refusedAlone = alone.flatMap((r, i) => (r.refused ? [`values.${i}`] : []));
          expect(together.refused ?? []).toEqual(refusedAlone);
          if (together.values) expect(together.values).toEqual(alone.map((r) => r.values![0]));
        },
      ),
      RUNS,
    );
  });

  it('reads back exactly every value the meter can show, as shown or as stored (Decimal(14,3))', () => {
    const valueFor = (m: Meter) =>
      fc
        .tuple(
          fc.integer({ min: 0, max: 10 ** m.integerDigits - 1 }),
          fc.integer({ min: 0, max: 10 ** Math.min(m.fractionDigits, 3) - 1 }),
        )
        .map(([integer, fraction]) => integer * MILLI + fraction * 10 ** (3 - Math.min(m.fractionDigits, 3)));
    fc.assert(
      fc.property(
        meter.chain((m) =>
          fc.tuple(fc.constant(m), fc.array(valueFor(m), { minLength: m.zones, maxLength: m.zones })),
        ),
        fc.constantFrom('.', ','),
        ([m, milli], mark) => {
          const shown = milli.map((v) => milliToString(v).replace('.', mark));
          expect(parseZoneValues('values', shown, m)).toEqual(milli);
          const stored = milli.map((v) => `${Math.floor(v / MILLI)}.${String(v % MILLI).padStart(3, '0')}`);
          expect(parseZoneValues('values', stored.map(readingValueText), m)).toEqual(milli);
        },
      ),
      RUNS,
    );
  });
});
