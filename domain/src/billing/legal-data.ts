/**
 * Legal figures of the penalty calculation (ЖК РФ ст. 155 ч. 14), shipped as rows with effective dates, never as
 * code branches (DOMAIN.md, "Penalties"). Operators must check them against the current law and add rows as the
 * Bank of Russia and the Government decide: a new key rate is one more `key_rates` row, a new moratorium one more
 * `penalty_rules` row.
 */

export interface KeyRateRow {
  /** 'YYYY-MM-DD', the first day the rate applies. */
  validFrom: string;
  /** Basis points: 9.5 % = 950. */
  rateBp: number;
}

/**
 * Bank of Russia key rate, from the day each decision took effect.
 *
 * Source: the Bank of Russia's published history of key-rate decisions (cbr.ru, «Ключевая ставка Банка России»).
 * The table was written from that history as known to the author and cross-checked against press reports of the
 * decisions of 24.10.2025 (16.50 % from 27.10.2025), 19.12.2025 (16.00 % from 22.12.2025) and 13.02.2026
 * (15.50 % from 16.02.2026). It deliberately stops there: later 2026 decisions were not verified and must be added
 * by the operator from cbr.ru. It starts with the rate in force on 01.01.2016, when the refinancing rate was set
 * equal to the key rate (Указание Банка России №3894-У of 11.12.2015); penalties before 2016 are out of scope.
 * Until 01.01.2027 the 9.5 % cap (below) makes every rate above 9.5 % equivalent for penalties anyway.
 */
export const KEY_RATES: readonly KeyRateRow[] = [
  { validFrom: '2015-08-03', rateBp: 1100 },
  { validFrom: '2016-06-14', rateBp: 1050 },
  { validFrom: '2016-09-19', rateBp: 1000 },
  { validFrom: '2017-03-27', rateBp: 975 },
  { validFrom: '2017-05-02', rateBp: 925 },
  { validFrom: '2017-06-19', rateBp: 900 },
  { validFrom: '2017-09-18', rateBp: 850 },
  { validFrom: '2017-10-30', rateBp: 825 },
  { validFrom: '2017-12-18', rateBp: 775 },
  { validFrom: '2018-02-12', rateBp: 750 },
  { validFrom: '2018-03-26', rateBp: 725 },
  { validFrom: '2018-09-17', rateBp: 750 },
  { validFrom: '2018-12-17', rateBp: 775 },
  { validFrom: '2019-06-17', rateBp: 750 },
  { validFrom: '2019-07-29', rateBp: 725 },
  { validFrom: '2019-09-09', rateBp: 700 },
  { validFrom: '2019-10-28', rateBp: 650 },
  { validFrom: '2019-12-16', rateBp: 625 },
  { validFrom: '2020-02-10', rateBp: 600 },
  { validFrom: '2020-04-27', rateBp: 550 },
  { validFrom: '2020-06-22', rateBp: 450 },
  { validFrom: '2020-07-27', rateBp: 425 },
  { validFrom: '2021-03-22', rateBp: 450 },
  { validFrom: '2021-04-26', rateBp: 500 },
  { validFrom: '2021-06-15', rateBp: 550 },
  { validFrom: '2021-07-26', rateBp: 650 },
  { validFrom: '2021-09-13', rateBp: 675 },
  { validFrom: '2021-10-25', rateBp: 750 },
  { validFrom: '2021-12-20', rateBp: 850 },
  { validFrom: '2022-02-14', rateBp: 950 },
  { validFrom: '2022-02-28', rateBp: 2000 },
  { validFrom: '2022-04-11', rateBp: 1700 },
  { validFrom: '2022-05-04', rateBp: 1400 },
  { validFrom: '2022-05-27', rateBp: 1100 },
  { validFrom: '2022-06-14', rateBp: 950 },
  { validFrom: '2022-07-25', rateBp: 800 },
  { validFrom: '2022-09-19', rateBp: 750 },
  { validFrom: '2023-07-24', rateBp: 850 },
  { validFrom: '2023-08-15', rateBp: 1200 },
  { validFrom: '2023-09-18', rateBp: 1300 },
  { validFrom: '2023-10-30', rateBp: 1500 },
  { validFrom: '2023-12-18', rateBp: 1600 },
  { validFrom: '2024-07-29', rateBp: 1800 },
  { validFrom: '2024-09-16', rateBp: 1900 },
  { validFrom: '2024-10-28', rateBp: 2100 },
  { validFrom: '2025-06-09', rateBp: 2000 },
  { validFrom: '2025-07-28', rateBp: 1800 },
  { validFrom: '2025-09-15', rateBp: 1700 },
  { validFrom: '2025-10-27', rateBp: 1650 },
  { validFrom: '2025-12-22', rateBp: 1600 },
  { validFrom: '2026-02-16', rateBp: 1550 },
];

export const KEY_RATE_SOURCE = 'Банк России, решения Совета директоров по ключевой ставке (cbr.ru)';

export interface PenaltyRuleRow {
  kind: 'DUE_DAY' | 'MORATORIUM' | 'RATE_CAP';
  validFrom: string;
  /** Inclusive; null = until further notice. */
  validTo: string | null;
  value: number | null;
  source: string;
}

/** The rules of DOMAIN.md, "Penalties", with their dates and sources. */
export const PENALTY_RULES: readonly PenaltyRuleRow[] = [
  {
    kind: 'DUE_DAY',
    validFrom: '2005-03-01',
    validTo: '2026-02-28',
    value: 10,
    source: 'ЖК РФ ст. 155 ч. 1: плата вносится до 10-го числа месяца, следующего за истёкшим',
  },
  {
    kind: 'DUE_DAY',
    validFrom: '2026-03-01',
    validTo: null,
    value: 15,
    source:
      'ЖК РФ ст. 155 ч. 1 в ред. Федерального закона №177-ФЗ от 24.06.2025: до 15-го числа с 01.03.2026',
  },
  {
    kind: 'MORATORIUM',
    validFrom: '2020-04-06',
    validTo: '2020-12-31',
    value: null,
    source: 'Постановление Правительства РФ №424 от 02.04.2020',
  },
  {
    kind: 'MORATORIUM',
    validFrom: '2022-04-01',
    validTo: '2022-10-01',
    value: null,
    source: 'Постановление Правительства РФ №497 от 28.03.2022 (мораторий на банкротство)',
  },
  {
    kind: 'RATE_CAP',
    validFrom: '2022-02-28',
    validTo: '2027-01-01',
    value: 950,
    source:
      'Постановление Правительства РФ №474 от 26.03.2022 (ключевая ставка на 27.02.2022, 9,5 %) и его продления, последнее — №329 от 18.03.2025',
  },
];
