import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatPaymentAmount, parsePaymentAmount } from './amount.ts';
import { joinPurpose, parseBankStatement } from './parse-bank-statement.ts';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/bank/${name}`, import.meta.url));
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const OUR = '40702810000000000001';

/** A small statement as lines; `documents` are the lines between `СекцияДокумент` and `КонецДокумента`. */
function statementLines(
  documents: string[][],
  options: { encoding?: string; end?: boolean; header?: string[] } = {},
): string[] {
  return [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    `Кодировка=${options.encoding ?? 'Windows'}`,
    'ДатаНачала=01.11.2026',
    'ДатаКонца=10.11.2026',
    ...(options.header ?? [`РасчСчет=${OUR}`]),
    ...documents.flatMap((d) => ['СекцияДокумент=Платежное поручение', ...d, 'КонецДокумента']),
    ...(options.end === false ? [] : ['КонецФайла']),
  ];
}

const incoming = (extra: string[] = [], number = '7') => [
  `Номер=${number}`,
  'Дата=02.11.2026',
  'Сумма=1234.56',
  'ПлательщикСчет=40817810000000000077',
  'Плательщик1=Иванов Иван Иванович',
  'ПлательщикИНН=770123456789',
  `ПолучательСчет=${OUR}`,
  'ДатаПоступило=03.11.2026',
  'НазначениеПлатежа=Оплата ЖКУ л/с 100001 за 10.2026',
  ...extra,
];

const utf8 = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
const cp1251 = (lines: string[]) => iconv.encode(lines.join('\r\n'), 'win1251');
const errorsOf = (content: Uint8Array) =>
  parseBankStatement(content)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => ({ line: p.line, code: p.code }));

describe('parseBankStatement: the sample statement (test/fixtures/bank)', () => {
  const statement = parseBankStatement(fixture('statement-1251.txt'));

  it('reads the Windows-1251 sample: header, account section, 54 documents, no problems', () => {
    expect(statement.encoding).toBe('windows-1251');
    expect(statement.problems).toEqual([]);
    expect(statement).toMatchObject({
      formatVersion: '1.03',
      declaredEncoding: 'Windows',
      sender: 'Тестбанк Онлайн',
      createdAt: day(2026, 11, 11),
      dateFrom: day(2026, 11, 1),
      dateTo: day(2026, 11, 10),
      accounts: [OUR],
    });
    expect(statement.documents).toHaveLength(54);
    const directions = statement.documents.map((d) => d.direction);
    expect(directions.filter((d) => d === 'incoming')).toHaveLength(48);
    expect(directions.filter((d) => d === 'outgoing')).toHaveLength(5);
    expect(directions.filter((d) => d === 'other')).toHaveLength(1);
  });

  it('the account section adds up with the documents, to the kopeck', () => {
    const [section] = statement.sections;
    const sum = (direction: string) =>
      statement.documents.filter((d) => d.direction === direction).reduce((s, d) => s + d.amountKopecks!, 0n);
    expect(section).toMatchObject({ account: OUR, openingBalanceKopecks: 50_000_000n });
    expect(section!.incomingKopecks).toBe(sum('incoming'));
    expect(section!.outgoingKopecks).toBe(sum('outgoing'));
    expect(section!.closingBalanceKopecks).toBe(
      section!.openingBalanceKopecks! + section!.incomingKopecks! - section!.outgoingKopecks!,
    );
  });

  it('types every field of a document', () => {
    expect(statement.documents[1]).toEqual({
      line: expect.any(Number),
      kind: 'Платежное поручение',
      number: '2',
      date: day(2026, 11, 2),
      amountKopecks: 421055n,
      payerAccount: '40817810000000000020',
      payerName: 'Петрова Ольга Сергеевна',
      payerInn: '',
      payerBic: '044525225',
      recipientAccount: OUR,
      recipientName: 'ООО «УК Тест»',
      recipientInn: '7700000001',
      receivedAt: day(2026, 11, 2),
      writtenOffAt: null,
      purpose: 'Оплата по л.с. 100002 за октябрь 2026',
      direction: 'incoming',
    });
    const sber = statement.documents.find((d) => d.number === '701')!;
    expect(sber).toMatchObject({ payerName: 'ПАО СБЕРБАНК', payerInn: '7707083893' });
    const outgoing = statement.documents.find((d) => d.number === '501')!;
    expect(outgoing).toMatchObject({ direction: 'outgoing', payerAccount: OUR, receivedAt: null });
    const pending = statement.documents.find((d) => d.number === '54')!;
    expect(pending).toMatchObject({ direction: 'other', recipientAccount: OUR, receivedAt: null });
    // Amounts without kopecks or with one decimal.
    expect(statement.documents.find((d) => d.number === '32')!.amountKopecks).toBe(300000n);
    expect(statement.documents.find((d) => d.number === '33')!.amountKopecks).toBe(150050n);
  });

  it('joins НазначениеПлатежа with its continuation lines 1..6', () => {
    const purpose = (n: string) => statement.documents.find((d) => d.number === n)!.purpose;
    expect(purpose('26')).toBe(
      'Оплата коммунальных услуг за октябрь 2026 г. плательщик Васильев Василий Васильевич адрес г. Москва ул. Тестовая д. 5 кв. 26 л/с 100026',
    );
    expect(purpose('27')).toBe('Оплата ЖКУ за 10.2026 л/с 100027 Лебедев');
    expect(purpose('28')).toBe('Оплата ЖКУ за 10.2026 Павлова л/с 100028');
  });

  it('the UTF-8 variant (still declaring Кодировка=Windows) reads the same documents', () => {
    const fromUtf8 = parseBankStatement(fixture('statement-utf8.txt'));
    expect(fromUtf8.encoding).toBe('utf-8');
    expect(fromUtf8.problems).toEqual([]);
    expect(fromUtf8.documents).toEqual(statement.documents);
    const withBom = parseBankStatement(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('statement-utf8.txt')]),
    );
    expect(withBom.encoding).toBe('utf-8');
    expect(withBom.documents).toEqual(statement.documents);
  });
});

describe('parseBankStatement: encodings', () => {
  it('reads CP866 when the header says Кодировка=DOS', () => {
    const lines = statementLines([incoming()], { encoding: 'DOS' });
    const statement = parseBankStatement(iconv.encode(lines.join('\r\n'), 'cp866'));
    expect(statement.encoding).toBe('cp866');
    expect(statement.problems).toEqual([]);
    expect(statement.documents[0]).toMatchObject({
      payerName: 'Иванов Иван Иванович',
      purpose: 'Оплата ЖКУ л/с 100001 за 10.2026',
      direction: 'incoming',
    });
  });

  it('reads Windows-1251 when the header says Кодировка=Windows', () => {
    const statement = parseBankStatement(cp1251(statementLines([incoming()])));
    expect(statement.encoding).toBe('windows-1251');
    expect(statement.documents[0]!.payerName).toBe('Иванов Иван Иванович');
  });

  it('trusts the bytes over a header that names the wrong encoding, with a warning', () => {
    const statement = parseBankStatement(cp1251(statementLines([incoming()], { encoding: 'DOS' })));
    expect(statement.encoding).toBe('windows-1251');
    expect(statement.documents[0]!.payerName).toBe('Иванов Иван Иванович');
    expect(statement.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'file.encoding' }),
    ]);
  });
});

describe('parseBankStatement: malformed files give clear problems with line numbers', () => {
  it('a file that is not a 1C statement', () => {
    const csv = parseBankStatement(utf8(['Дата;Сумма;Назначение', '02.11.2026;1234.56;л/с 100001']));
    expect(csv.documents).toEqual([]);
    expect(csv.problems).toEqual([
      {
        line: 1,
        severity: 'error',
        code: 'file.not_1c',
        message: expect.stringContaining('this is not a 1C bank statement'),
      },
    ]);
    expect(errorsOf(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'))).toEqual([
      { line: 1, code: 'file.not_1c' },
    ]);
    expect(errorsOf(new Uint8Array())).toEqual([{ line: 0, code: 'file.empty' }]);
    expect(errorsOf(utf8(['', '  ', '']))).toEqual([{ line: 0, code: 'file.empty' }]);
  });

  it('malformed sums: the line of the Сумма field, never a float', () => {
    const lines = statementLines([
      incoming(['Сумма=12,3.4'], '1'),
      incoming(['Сумма=-100.00'], '2'),
      incoming(['Сумма=1.234'], '3'),
      incoming(['Сумма=1 000.00'], '4'),
      incoming(['Сумма=0.00'], '5'),
      incoming(['Сумма='], '6'),
      incoming(['Сумма=9999999999999.99'], '7'),
      incoming(['Сумма=0.29'], '8'),
      // 14 ruble digits: past 2^53 kopecks, which no JSON number carries exactly.
      incoming(['Сумма=99999999999999.99'], '9'),
    ]);
    const statement = parseBankStatement(utf8(lines));
    const sumLines = lines.flatMap((l, i) => (l.startsWith('Сумма=') && i > 0 ? [i + 1] : []));
    // The later `Сумма=` of each document (from `extra`) wins over the default one.
    const lastSumLine = (doc: number) => sumLines[doc * 2 + 1]!;
    expect(statement.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({
        line: lastSumLine(0),
        code: 'document.sum',
        message: expect.stringContaining('document 1: «Сумма=12,3.4» is not an amount'),
      }),
      expect.objectContaining({ line: lastSumLine(1), code: 'document.sum' }),
      expect.objectContaining({ line: lastSumLine(2), code: 'document.sum' }),
      expect.objectContaining({ line: lastSumLine(3), code: 'document.sum' }),
      expect.objectContaining({
        line: lastSumLine(4),
        code: 'document.sum',
        message: 'document 5: «Сумма» is zero',
      }),
      expect.objectContaining({ code: 'document.missing_field', message: 'document 6: «Сумма» is missing' }),
      expect.objectContaining({ line: lastSumLine(8), code: 'document.sum' }),
    ]);
    // 15 significant digits, exact: parsed from the digits, not through a float.
    expect(statement.documents[6]!.amountKopecks).toBe(999999999999999n);
    expect(statement.documents[7]!.amountKopecks).toBe(29n);
  });

  it('a file cut off before КонецФайла, and a document without КонецДокумента', () => {
    const lines = statementLines([incoming()], { end: false });
    expect(errorsOf(utf8(lines))).toEqual([{ line: lines.length, code: 'file.no_end' }]);
    const cut = [...lines, 'СекцияДокумент=Платежное поручение', 'Номер=8', 'Дата=02.11.2026'];
    const statement = parseBankStatement(utf8(cut));
    expect(statement.problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ line: lines.length + 1, code: 'document.unclosed' }),
      expect.objectContaining({
        line: cut.length,
        code: 'file.no_end',
        message: expect.stringContaining('the file ends without «КонецФайла»'),
      }),
    ]);
    expect(statement.documents).toHaveLength(1);
  });

  it('missing or impossible dates and document numbers', () => {
    const withoutDate = incoming().filter((l) => !l.startsWith('Дата='));
    const lines = statementLines([
      incoming(['Дата=31.02.2026'], '1'),
      withoutDate,
      incoming(['ДатаПоступило=2026-11-03'], '3'),
      incoming(['Номер='], '4'),
    ]);
    expect(
      parseBankStatement(utf8(lines))
        .problems.filter((p) => p.severity === 'error')
        .map((p) => [p.code, p.message]),
    ).toEqual([
      ['document.date', 'document 1: «Дата=31.02.2026» is not a date dd.mm.yyyy'],
      ['document.missing_field', 'document 7: «Дата» is missing'],
      ['document.date', 'document 3: «ДатаПоступило=2026-11-03» is not a date dd.mm.yyyy'],
      ['document.missing_field', 'document (no number): «Номер» is missing'],
    ]);
  });

  it('a statement naming no account of its own cannot tell incoming payments', () => {
    expect(errorsOf(utf8(statementLines([incoming()], { header: [] })))).toEqual([
      { line: 0, code: 'file.no_account' },
    ]);
  });

  it('stray lines and text after КонецФайла are warnings; the documents still read', () => {
    const lines = [...statementLines([incoming(['какая-то строка без знака равенства'])]), 'мусор'];
    const statement = parseBankStatement(utf8(lines));
    expect(statement.problems.map((p) => [p.severity, p.code])).toEqual([
      ['warning', 'line.stray'],
      ['warning', 'file.after_end'],
    ]);
    expect(statement.documents).toHaveLength(1);
  });
});

describe('parseBankStatement: which documents are incoming payments', () => {
  it('to the statement account and received; from it is outgoing; anything else is other', () => {
    const statement = parseBankStatement(
      utf8(
        statementLines([
          incoming([], '1'),
          incoming(['ДатаПоступило='], '2'),
          incoming(['ПолучательСчет=40702810000000000999'], '3'),
          incoming(
            ['ПлательщикСчет=40702810000000000001', 'ПолучательСчет=40702810000000000999', 'ДатаПоступило='],
            '4',
          ),
          // Older exports name the account only in ПолучательРасчСчет.
          incoming(['ПолучательСчет=', `ПолучательРасчСчет=${OUR}`], '5'),
        ]),
      ),
    );
    expect(statement.documents.map((d) => [d.number, d.direction])).toEqual([
      ['1', 'incoming'],
      ['2', 'other'],
      ['3', 'other'],
      ['4', 'outgoing'],
      ['5', 'incoming'],
    ]);
  });

  it('accounts from several account sections all count as the statement’s own', () => {
    const other = '40703810000000000002';
    const lines = statementLines([incoming(['ПолучательСчет=40703810000000000002'])], {
      header: [
        'СекцияРасчСчет',
        `РасчСчет=${OUR}`,
        'КонецРасчСчет',
        'СекцияРасчСчет',
        `РасчСчет=${other}`,
        'НачальныйОстаток=1.00',
        'КонецРасчСчет',
      ],
    });
    const statement = parseBankStatement(utf8(lines));
    expect(statement.accounts).toEqual([OUR, other]);
    expect(statement.documents[0]!.direction).toBe('incoming');
  });
});

describe('purpose continuation and amounts', () => {
  it('joinPurpose keeps repeats once and appends continuations', () => {
    expect(joinPurpose('Оплата ЖКУ л/с 1', ['Оплата ЖКУ', 'л/с 1'])).toBe('Оплата ЖКУ л/с 1');
    expect(joinPurpose('Оплата ЖКУ', ['л/с 1'])).toBe('Оплата ЖКУ л/с 1');
    expect(joinPurpose('', ['Оплата', '', 'ЖКУ'])).toBe('Оплата ЖКУ');
    expect(joinPurpose('Оплата  ЖКУ ', [])).toBe('Оплата ЖКУ');
  });

  it('parsePaymentAmount / formatPaymentAmount are exact', () => {
    expect(parsePaymentAmount('1234.56')).toBe(123456n);
    expect(parsePaymentAmount('1234,5')).toBe(123450n);
    expect(parsePaymentAmount('1234')).toBe(123400n);
    expect(parsePaymentAmount('0.1')).toBe(10n);
    expect(parsePaymentAmount(' 7.07 ')).toBe(707n);
    for (const bad of ['', '1.234', '-1', '+1', '1e3', '12a', '1 000', '.5', '1.']) {
      expect(parsePaymentAmount(bad), bad).toBeNull();
    }
    expect(formatPaymentAmount(123456n)).toBe('1234.56');
    expect(formatPaymentAmount(5n)).toBe('0.05');
    expect(formatPaymentAmount(-150n)).toBe('-1.50');
  });
});
