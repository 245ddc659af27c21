/**
 * Reads a payment purpose («назначение платежа») the way an accountant does: the personal account number after
 * one of its usual markers (`л/с 12345`, `л.с. 12345`, `ЛС-12345`, `лицевой счет №12345`, `ЛС:12345`,
 * `по л/сч 12345`, `;ЛСЧ=12345;`, `PersAcc=12345` …) and the period paid for (`за 10.2026`, `10/2026`,
 * `октябрь 2026`, `ПЕРИОД=1026`). Payers type these by hand, so case, spacing, `ё` and Latin letters that look
 * Cyrillic (`ЛC` with a Latin C) are all tolerated.
 *
 * Only numbers that follow a marker are candidates: a bare number may be a postcode, a flat, an INN, a phone or a
 * contract, and the import never guesses (DOMAIN.md). The caller keeps the candidates that exist in the
 * organisation; none or several means the unmatched queue.
 */

export interface PurposeMatch {
  /** Account numbers named in the purpose, in order of appearance, each once (as written: leading zeros kept). */
  accountNumbers: string[];
  /** Every period named (first day of the month, UTC), in order of appearance, each once. */
  periods: Date[];
  /** The period the payment is for: only when exactly one is named; otherwise null (oldest debt first). */
  period: Date | null;
}

/** Latin letters that look like Cyrillic ones (as payers and bank software mix them up), lower case. */
const LOOKALIKES: Record<string, string> = {
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
  ё: 'е',
};

/**
 * Lower case, `ё` → `е`, Latin look-alikes → Cyrillic. One character for one, so positions in the folded text are
 * positions in the original.
 */
export function foldPurpose(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const one = lower.length === ch.length ? lower : ch;
    out += LOOKALIKES[one] ?? one;
  }
  return out;
}

const f = foldPurpose;

/** Account markers, longest first so that `л/сч` wins over `л/с`. Latin ones are folded like the text. */
const ACCOUNT_MARKERS = [
  'лицев(?:ой|ого|ому|ом)?[\\s._]*сч(?:ет(?:а|у|е)?|\\.)?',
  'лицев(?:ой|ого|ому|ом)',
  'лиц[\\s._/]*сч(?:ет(?:а|у|е)?|\\.)?',
  'л\\s*[/\\\\.]\\s*с(?:\\s*ч(?:ет(?:а|у|е)?)?)?\\.?',
  'лсч',
  'лс',
  f('pers_acc'),
  f('persacc'),
  f('ls'),
].join('|');

/** What may stand between a marker and the number: punctuation, `№`, `N`, "номер", "абонента"... */
const FILLER = '[\\s:№#=\\-–—/\\\\"\'«»().,]*';
const FILLER_WORDS = `(?:номер|ном\\.?|n|${f('no')}\\.?|абонента|плательщика)`;
/** A 4–12 digit run that is not part of a longer number, a date or an amount (`10.2026`, `1500.00`). */
const NUMBER = '(\\d{4,12})(?!\\d)(?![.,]\\d)';

const ACCOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ACCOUNT_MARKERS})(?!\\p{L})${FILLER}(?:${FILLER_WORDS}${FILLER}){0,2}${NUMBER}`,
  'gu',
);
/** A further number of a list after the first (`л/с 100001, 100002`): the payer paid for several accounts. */
const LIST_ITEM = /\s*(?:,|\+|и(?!\p{L}))\s*(\d{4,12})(?!\d)(?![.,]\d)/uy;

const MONTHS: readonly string[] = [
  'январ[ьяею]|янв',
  'феврал[ьяею]|фев',
  'март[ае]?|мар',
  'апрел[ьяею]|апр',
  'ма[йяею]',
  'июн[ьяею]|июн',
  'июл[ьяею]|июл',
  'август[ае]?|авг',
  'сентябр[ьяею]|сент|сен',
  'октябр[ьяею]|окт',
  'ноябр[ьяею]|нояб|ноя',
  'декабр[ьяею]|дек',
];
const MONTH = `(?:${MONTHS.join('|')})(?!\\p{L})\\.?`;
const MONTH_WORD = new RegExp(`(?<!\\p{L})(?:${MONTHS.map((m) => `(${m})`).join('|')})(?!\\p{L})`, 'gu');
const YEAR4 = '((?:19|20)\\d{2})';

interface PeriodRule {
  pattern: RegExp;
  read(m: RegExpExecArray): Array<{ month: number; year: number }>;
}

const num = (s: string | undefined) => Number(s);
const year2 = (s: string) => (s.length === 2 ? 2000 + Number(s) : Number(s));

const PERIOD_RULES: PeriodRule[] = [
  // 10.2026, 10/2026, 10-2026 — not the tail of a date (01.10.2026) nor followed by more of one.
  {
    pattern: new RegExp(
      `(?<!\\d)(?<!\\d[./\\-])(0?[1-9]|1[0-2])\\s?[./\\-]\\s?${YEAR4}(?!\\d)(?![./\\-]\\d)`,
      'gu',
    ),
    read: (m) => [{ month: num(m[1]), year: num(m[2]) }],
  },
  // за 10.26, период 10/26: a two-digit year only where the words say it is a period, and not an amount.
  {
    pattern:
      /(?<!\p{L})(?:за|период\p{L}*|пер\.)\s*(0?[1-9]|1[0-2])\s?[./-]\s?(\d{2})(?!\d)(?![./-]\d)(?!\s*(?:руб|р(?!\p{L})))/gu,
    read: (m) => [{ month: num(m[1]), year: year2(m[2]!) }],
  },
  // 2026-10
  {
    pattern: /(?<![\d./-])((?:19|20)\d{2})[-.](0[1-9]|1[0-2])(?!\d)(?![./-]\d)/gu,
    read: (m) => [{ month: num(m[2]), year: num(m[1]) }],
  },
  // октябрь 2026, окт. 2026г., сентябрь-октябрь 2026 (both months)
  {
    pattern: new RegExp(
      `(?<!\\p{L})(${MONTH}(?:\\s*(?:-|–|—|,|и)\\s*${MONTH})*)\\s*(?:мес\\.?|месяц\\p{L}*)?\\s*${YEAR4}(?!\\d)`,
      'gu',
    ),
    read: (m) => {
      const year = num(m[2]);
      return [...m[1]!.matchAll(MONTH_WORD)].map((w) => ({ month: w.slice(1).findIndex(Boolean) + 1, year }));
    },
  },
  // Payment-system fields: ПЕРИОД=1026 (MMYY), PaymPeriod=102026 (MMYYYY, GOST R 56042), ПЕРИОД=10.2026.
  {
    pattern: new RegExp(
      `(?<!\\p{L})(?:${f('paymperiod')}|период|${f('period')})\\s*[=:]\\s*(0[1-9]|1[0-2])[./\\-]?(\\d{4}|\\d{2})(?!\\d)`,
      'gu',
    ),
    read: (m) => [{ month: num(m[1]), year: year2(m[2]!) }],
  },
];

/** Account-number candidates and the period named in a payment purpose. */
export function matchPurpose(purpose: string): PurposeMatch {
  const text = foldPurpose(purpose);
  const accounts: Array<{ at: number; number: string }> = [];
  for (const m of text.matchAll(ACCOUNT)) {
    accounts.push({ at: m.index, number: m[1]! });
    LIST_ITEM.lastIndex = m.index + m[0].length;
    for (let item = LIST_ITEM.exec(text); item; item = LIST_ITEM.exec(text)) {
      if (item[1]!.length !== m[1]!.length) break;
      accounts.push({ at: item.index, number: item[1]! });
    }
  }
  const periods: Array<{ at: number; month: number; year: number }> = [];
  for (const rule of PERIOD_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      for (const p of rule.read(m)) {
        if (p.month >= 1 && p.month <= 12 && p.year >= 2000 && p.year <= 2099)
          periods.push({ at: m.index, ...p });
      }
    }
  }
  accounts.sort((a, b) => a.at - b.at);
  periods.sort((a, b) => a.at - b.at);
  const accountNumbers = [...new Set(accounts.map((a) => a.number))];
  const periodTimes = [...new Set(periods.map((p) => Date.UTC(p.year, p.month - 1, 1)))];
  const dates = periodTimes.map((t) => new Date(t));
  return { accountNumbers, periods: dates, period: dates.length === 1 ? dates[0]! : null };
}
