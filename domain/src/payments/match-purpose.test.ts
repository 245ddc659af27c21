import { describe, expect, it } from 'vitest';
import { foldPurpose, matchPurpose } from './match-purpose.ts';

const month = (text: string) => {
  const [y, m] = text.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1));
};
const read = (purpose: string) => {
  const r = matchPurpose(purpose);
  return {
    accounts: r.accountNumbers,
    periods: r.periods.map((p) => p.toISOString().slice(0, 7)),
    period: r.period ? r.period.toISOString().slice(0, 7) : null,
  };
};

describe('matchPurpose: account number forms (DOMAIN.md "Payments")', () => {
  it.each([
    ['л/с 12345', '12345'],
    ['л.с. 12345', '12345'],
    ['л.с 12345', '12345'],
    ['л\\с 12345', '12345'],
    ['ЛС-12345', '12345'],
    ['ЛС 12345', '12345'],
    ['лс12345', '12345'],
    ['лицевой счет №12345', '12345'],
    ['лицевой счёт № 12345', '12345'],
    ['Лицевой счет абонента: 12345', '12345'],
    ['номер лицевого счета 12345', '12345'],
    ['оплата по лицевому счету N12345', '12345'],
    ['лиц. счет 12345', '12345'],
    ['лиц.сч. 12345', '12345'],
    ['ЛС:12345', '12345'],
    ['по л/сч 12345', '12345'],
    ['л/счет 12345', '12345'],
    ['Оплата ЖКУ;ЛСЧ=12345;ФИО=Иванов;', '12345'],
    ['ЛИЦСЧ=12345', '12345'],
    ['PersAcc=12345', '12345'],
    ['persacc=12345|PaymPeriod=102026', '12345'],
    ['LS-12345', '12345'],
    ['л / с   12345', '12345'],
    ['Л/С12345', '12345'],
    ['(л/с 12345)', '12345'],
    ['л/с 0012345', '0012345'],
    ['л/с 123456789012', '123456789012'],
  ])('%s → %s', (purpose, number) => {
    expect(read(purpose).accounts).toEqual([number]);
  });

  it('finds the number among payer names, addresses and other numbers', () => {
    expect(read('Иванов Иван Иванович, г. Москва, ул. Ленина, д. 5, кв. 12, л/с 100012').accounts).toEqual([
      '100012',
    ]);
    expect(read('Оплата ЖКУ лиц. счет 100014 Кузнецова Мария Петровна, 125009, г. Москва').accounts).toEqual([
      '100014',
    ]);
    expect(read('ФИО: Петров П.П.; Адрес: Тестовая 5-7; ЛС: 100005; Период: 10.2026').accounts).toEqual([
      '100005',
    ]);
  });

  it('is case-insensitive and reads Latin look-alikes (ЛC with a Latin C, Oплaтa) as Cyrillic', () => {
    expect(read('ОПЛАТА Л/С 100010').accounts).toEqual(['100010']);
    expect(read('Oплaтa ЖКУ ЛC 100009 зa 09.2026')).toEqual({
      accounts: ['100009'],
      periods: ['2026-09'],
      period: '2026-09',
    });
    expect(read('л/c 100009').accounts).toEqual(['100009']);
    expect(read('ЛИЦЕВОЙ СЧEТ 100009').accounts).toEqual(['100009']);
    // Folding keeps every character in place, so positions in the folded text are positions in the original.
    const text = 'Oплaтa ЛC Ёлка İ 12345';
    expect(foldPurpose(text)).toHaveLength(text.length);
    expect(foldPurpose('ЛC Ё')).toBe('лс е');
  });

  it('lists every account a purpose names: several accounts are for the caller to refuse, never to pick from', () => {
    expect(read('л/с 100001, 100002').accounts).toEqual(['100001', '100002']);
    expect(read('л/с 100001 и 100002').accounts).toEqual(['100001', '100002']);
    expect(read('ЛС 100003 и ЛС 100004').accounts).toEqual(['100003', '100004']);
    expect(read('л/с 100017 (ЛС 100017)').accounts).toEqual(['100017']);
  });

  it.each([
    ['a bare number with no marker', 'Оплата ЖКУ 100041'],
    ['an INN', 'ИНН 7701234567 оплата ЖКУ'],
    ['an INN right after the marker word', 'ЛС ИНН 7701234567'],
    ['a phone', 'тел. 89161234567, +7 (916) 123-45-67'],
    ['a phone after the marker', 'л/с 8-916-123-45-67'],
    ['a date', 'Оплата за 01.10.2026'],
    ['a date after the marker', 'л/с 01.10.2026'],
    ['a period after the marker', 'оплата по л/с за 10.2026'],
    ['a sum', 'сумма 1500.00 руб.'],
    ['a sum after the marker', 'ЛС 1500.00'],
    ['a bank account', 'р/с 40817810000000000001'],
    ['a bank account after the marker', 'л/с 40817810000000000001'],
    ['a postcode', '125009, г. Москва, ул. Тестовая, 5'],
    ['a flat number', 'кв. 1234 оплата'],
    ['a contract', 'по договору 15/2026 счет 1234'],
    ['a word that merely contains «лс»', 'фальсификация 123456, пульс 123456'],
  ])('never takes %s for an account number', (_what, purpose) => {
    expect(read(purpose).accounts).toEqual([]);
  });

  it('keeps the account when INN, phone, sum and bank account surround it', () => {
    expect(
      read('л/с 100015 тел. 8(916)123-45-67 ИНН 770123456789 р/с 40817810000000000001 сумма 2500.00')
        .accounts,
    ).toEqual(['100015']);
  });
});

describe('matchPurpose: the period', () => {
  it.each([
    ['за 10.2026', '2026-10'],
    ['за 10/2026', '2026-10'],
    ['10/2026', '2026-10'],
    ['10-2026', '2026-10'],
    ['за 1.2027', '2027-01'],
    ['за 10.26', '2026-10'],
    ['период 10/26', '2026-10'],
    ['за октябрь 2026', '2026-10'],
    ['октябрь 2026', '2026-10'],
    ['ОКТЯБРЬ 2026Г.', '2026-10'],
    ['за октябрь 2026 года', '2026-10'],
    ['за окт. 2026', '2026-10'],
    ['за май 2026', '2026-05'],
    ['за март 2026', '2026-03'],
    ['за сентябрь 2026г', '2026-09'],
    ['за декабрь месяц 2026', '2026-12'],
    ['Oплaтa зa oктябрь 2026', '2026-10'],
    ['ПЕРИОД=1026', '2026-10'],
    ['ПЕРИОД=102026', '2026-10'],
    ['PaymPeriod=102026', '2026-10'],
    ['Период:10.2026', '2026-10'],
    ['2026-10', '2026-10'],
  ])('%s → %s', (purpose, expected) => {
    const r = matchPurpose(purpose);
    expect(r.period).toEqual(month(expected));
    expect(r.periods).toEqual([month(expected)]);
  });

  it('names no period for a date, a sum, a quarter or a month without a year', () => {
    for (const purpose of [
      'от 01.10.2026',
      '01/10/2026',
      'сумма 10.26 руб',
      'за 3 кв. 2026',
      'за октябрь',
      'за 13.2026',
      'по договору 15/2026',
      '2026-10-05',
    ]) {
      expect(read(purpose).periods, purpose).toEqual([]);
    }
  });

  it('two periods named: both listed, the payment names no single period (oldest debt first)', () => {
    expect(read('л/с 100035 за 09.2026 и 10.2026')).toEqual({
      accounts: ['100035'],
      periods: ['2026-09', '2026-10'],
      period: null,
    });
    expect(read('за сентябрь-октябрь 2026')).toMatchObject({ periods: ['2026-09', '2026-10'], period: null });
    // The same period written twice is one period.
    expect(read('за 10.2026 (октябрь 2026), ПЕРИОД=1026')).toMatchObject({
      periods: ['2026-10'],
      period: '2026-10',
    });
  });

  it('reads account and period together from payment-system purposes', () => {
    expect(
      read(
        'Оплата ЖКУ;ЛСЧ=100007;ФИО=Смирнов Алексей Игоревич;АДРЕС=МОСКВА,ТЕСТОВАЯ УЛ,5,7;ПЕРИОД=1026;СУММА=3500.00',
      ),
    ).toEqual({ accounts: ['100007'], periods: ['2026-10'], period: '2026-10' });
    expect(read('PersAcc=100008|PaymPeriod=102026|Purpose=Оплата ЖКУ')).toEqual({
      accounts: ['100008'],
      periods: ['2026-10'],
      period: '2026-10',
    });
  });
});
