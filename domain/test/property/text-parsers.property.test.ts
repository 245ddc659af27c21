import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPaymentAmount, parsePaymentAmount } from '../../src/payments/amount.ts';
import { matchPurpose } from '../../src/payments/match-purpose.ts';
import { parseBankStatement } from '../../src/payments/parse-bank-statement.ts';
import { MILLI, milliToString, parseReadingValue } from '../../src/readings/reading-value.ts';
import { formatCsv, parseCsv } from '../../src/registry-import/csv.ts';

/**
 * Property tests for the parsers that take text typed or uploaded by people: whatever arrives, they answer with a
 * value or a clear refusal, never an exception, and what they accept is what was meant.
 */
const RUNS = { numRuns: 500 };
/** Text of the kind residents and banks send: any Unicode, plus the characters the grammars care about. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...'0123456789 .,;:-/№=лсЛСчет\u00a0\t\n'), maxLength: 40 }),
);

describe('meter reading values', () => {
  const meter = fc.record({
    integerDigits: fc.integer({ min: 1, max: 9 }),
    fractionDigits: fc.integer({ min: 0, max: 3 }),
  });

  it('never throws, and an accepted value fits the meter’s capacity', () => {
    fc.assert(
      fc.property(anyText, meter, (raw, m) => {
        const result = parseReadingValue(raw, m);
        if (result.ok) {
          expect(Number.isSafeInteger(result.milli)).toBe(true);
          expect(result.milli).toBeGreaterThanOrEqual(0);
          expect(result.milli).toBeLessThan(10 ** m.integerDigits * MILLI);
        } else {
          expect(['not_a_number', 'too_many_digits', 'too_many_decimals']).toContain(result.reason);
        }
      }),
      RUNS,
    );
  });

  it('reads back every value the meter can show, with a dot or a comma', () => {
    fc.assert(
      fc.property(
        meter.chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.integer({ min: 0, max: 10 ** m.integerDigits - 1 }),
            fc.integer({ min: 0, max: 10 ** m.fractionDigits - 1 }),
            fc.constantFrom('.', ','),
          ),
        ),
        ([m, integer, fraction, mark]) => {
          const milli = integer * MILLI + fraction * 10 ** (3 - m.fractionDigits);
          const typed = milliToString(milli).replace('.', mark);
          expect(parseReadingValue(typed, m)).toEqual({ ok: true, milli });
        },
      ),
      RUNS,
    );
  });
});

describe('payment amounts', () => {
  it('never throws; an accepted amount is a non-negative whole number of kopecks', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const kopecks = parsePaymentAmount(raw);
        if (kopecks !== null) expect(kopecks >= 0n).toBe(true);
      }),
      RUNS,
    );
  });

  it('formats and parses back exactly, with no float on the way', () => {
    fc.assert(
      // Up to 13 ruble digits, what the parser takes; more is refused (see bank-files.property.test.ts).
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (kopecks) => {
        expect(parsePaymentAmount(formatPaymentAmount(kopecks))).toBe(kopecks);
        expect(parsePaymentAmount(formatPaymentAmount(kopecks).replace('.', ','))).toBe(kopecks);
      }),
      RUNS,
    );
  });
});

describe('account numbers in payment purposes', () => {
  it('never throws on any purpose', () => {
    fc.assert(
      fc.property(anyText, (purpose) => {
        const match = matchPurpose(purpose);
        expect(new Set(match.accountNumbers).size).toBe(match.accountNumbers.length);
        if (match.period) expect(match.period.getUTCDate()).toBe(1);
      }),
      RUNS,
    );
  });

  it('finds the account after its marker inside any digit-free text, and nothing without a marker', () => {
    const words = fc.string({ unit: fc.constantFrom(...'абвгдежзийкмнопрстуфхцшщыэюя ,.'), maxLength: 30 });
    const marker = fc.constantFrom('л/с ', 'л.с. ', 'ЛС-', 'лицевой счет №', 'ЛС:', 'по л/сч ', 'PersAcc=');
    fc.assert(
      fc.property(words, marker, fc.stringMatching(/^[1-9]\d{5,9}$/), words, (before, m, account, after) => {
        expect(matchPurpose(`${before} ${m}${account} ${after}`).accountNumbers).toEqual([account]);
        expect(matchPurpose(`${before} ${account} ${after}`).accountNumbers).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe('bank statements', () => {
  it('any bytes give problems or documents, never an exception', () => {
    const header = new TextEncoder().encode('1CClientBankExchange\r\nВерсияФормата=1.03\r\n');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, withHeader) => {
        const content = withHeader ? new Uint8Array([...header, ...bytes]) : bytes;
        const statement = parseBankStatement(content);
        expect(Array.isArray(statement.problems)).toBe(true);
        if (!withHeader) expect(statement.problems.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('CSV registry files', () => {
  it('reads back what it writes, whatever the fields hold (quotes, delimiters, line breaks)', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'я', ' ', '"', ';', ',', '\t', '\n', '\r\n', '1'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.constantFrom(';' as const, ',' as const, '\t' as const),
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (delimiter, records) => {
          expect(parseCsv(formatCsv(records, delimiter), delimiter).filter((r) => r.length > 0)).toEqual(
            records,
          );
        },
      ),
      RUNS,
    );
  });
});
