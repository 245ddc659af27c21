/**
 * The registry file layout: one header row, then one row per premises / account / owner / meter combination.
 * Columns are found by their header (English key or a Russian title, any order, any case); columns not listed here
 * are reported as a warning and ignored. README.md beside this file is the operator-facing description.
 */
export const REGISTRY_COLUMNS = [
  'house_address',
  'entrance',
  'premises_number',
  'premises_kind',
  'area',
  'floor',
  'account_number',
  'registered_persons',
  'owner_name',
  'owner_kind',
  'owner_share',
  'owner_phone',
  'meter_type',
  'meter_serial',
  'meter_zones',
  'meter_digits',
  'meter_verification_due',
  'meter_installed',
  'meter_last_value',
  'meter_last_value_date',
] as const;

export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

/** Columns the header row must have (the file is refused without them). */
export const REQUIRED_COLUMNS: readonly RegistryColumn[] = [
  'house_address',
  'premises_number',
  'area',
  'account_number',
];

/** The Russian title written by the template and accepted on import, followed by further accepted aliases. */
export const COLUMN_TITLES: Record<RegistryColumn, { ru: string; aliases: string[] }> = {
  house_address: { ru: 'Адрес дома', aliases: ['адрес', 'адрес мкд', 'дом', 'address', 'house'] },
  entrance: { ru: 'Подъезд', aliases: ['номер подъезда', 'entrance_number'] },
  premises_number: {
    ru: 'Номер помещения',
    aliases: ['помещение', 'квартира', 'номер квартиры', 'кв', '№ кв', '№ помещения', 'flat', 'premises'],
  },
  premises_kind: {
    ru: 'Вид помещения',
    aliases: ['тип помещения', 'назначение', 'назначение помещения', 'kind'],
  },
  area: {
    ru: 'Площадь, м²',
    aliases: [
      'площадь',
      'площадь м2',
      'площадь м' /* «м²» after a Windows-1251 round trip is «м?» */,
      'площадь кв м',
      'общая площадь',
      'площадь помещения',
      'area_m2',
    ],
  },
  floor: { ru: 'Этаж', aliases: [] },
  account_number: {
    ru: 'Лицевой счёт',
    aliases: ['лицевой счет', 'номер лицевого счета', 'номер лс', 'лс', 'л/с', 'account'],
  },
  registered_persons: {
    ru: 'Зарегистрировано',
    aliases: [
      'зарегистрировано человек',
      'количество зарегистрированных',
      'кол-во зарегистрированных',
      'прописано',
      'persons',
    ],
  },
  owner_name: {
    ru: 'Собственник',
    aliases: ['фио собственника', 'собственник фио', 'фио', 'наименование собственника', 'owner'],
  },
  owner_kind: { ru: 'Вид собственника', aliases: ['тип собственника'] },
  owner_share: {
    ru: 'Доля',
    aliases: ['доля в праве', 'доля собственности', 'доля владения', 'share'],
  },
  owner_phone: { ru: 'Телефон', aliases: ['телефон собственника', 'тел', 'phone'] },
  meter_type: { ru: 'Тип счётчика', aliases: ['тип счетчика', 'вид счетчика', 'вид счётчика', 'ресурс'] },
  meter_serial: {
    ru: 'Заводской номер',
    aliases: ['заводской номер счетчика', 'серийный номер', 'номер счетчика', 'номер счётчика', 'serial'],
  },
  meter_zones: {
    ru: 'Тарифность',
    aliases: ['зоны', 'число зон', 'количество тарифов', 'тарифов', 'zones'],
  },
  meter_digits: { ru: 'Разрядность', aliases: ['разрядность счетчика', 'digits'] },
  meter_verification_due: {
    ru: 'Дата следующей поверки',
    aliases: ['следующая поверка', 'дата поверки', 'поверка до', 'срок поверки', 'verification_due'],
  },
  meter_installed: {
    ru: 'Дата установки',
    aliases: ['установлен', 'дата ввода в эксплуатацию', 'installed_at', 'meter_installed_at'],
  },
  meter_last_value: {
    ru: 'Последние показания',
    aliases: ['показания', 'начальные показания', 'текущие показания', 'last_value'],
  },
  meter_last_value_date: {
    ru: 'Дата показаний',
    aliases: ['дата последних показаний', 'дата снятия показаний', 'last_value_date'],
  },
};

/** The form a header is compared in: lower case, ё → е, only letters and digits. */
export function headerKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/м²|м2|кв\.?\s*м/g, 'м2')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const HEADER_INDEX: Map<string, RegistryColumn> = (() => {
  const index = new Map<string, RegistryColumn>();
  for (const column of REGISTRY_COLUMNS) {
    const titles = COLUMN_TITLES[column];
    for (const title of [column, titles.ru, ...titles.aliases]) index.set(headerKey(title), column);
  }
  return index;
})();

/** The column a header cell names, or undefined. */
export function columnOfHeader(raw: string): RegistryColumn | undefined {
  const key = headerKey(raw);
  return key === '' ? undefined : HEADER_INDEX.get(key);
}

/** A cell value as read from the file: text, or a calendar date when the spreadsheet typed it as a date. */
export type CellValue = string | { date: string };

/** One data row of the file, keyed by column; `row` is the spreadsheet row number (header = its own row). */
export interface RawRecord {
  row: number;
  cells: Partial<Record<RegistryColumn, CellValue>>;
}

/** The English header row (the template's default). */
export const ENGLISH_HEADERS: readonly string[] = REGISTRY_COLUMNS;
/** The Russian header row. */
export const RUSSIAN_HEADERS: readonly string[] = REGISTRY_COLUMNS.map((c) => COLUMN_TITLES[c].ru);
