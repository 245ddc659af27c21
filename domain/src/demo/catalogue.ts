/**
 * Hand-written parts of the demo data: names, services and tariffs, SLA rules, ticket stories, FAQ. Everything
 * here is fictitious; prices are plausible for Moscow in 2025–2026 but are not any regulator's decision.
 */

export const MALE_NAMES = [
  'Александр',
  'Алексей',
  'Андрей',
  'Дмитрий',
  'Сергей',
  'Иван',
  'Михаил',
  'Николай',
  'Павел',
  'Владимир',
  'Евгений',
  'Игорь',
  'Олег',
  'Юрий',
  'Виктор',
  'Константин',
  'Артём',
  'Максим',
  'Роман',
  'Григорий',
] as const;

export const FEMALE_NAMES = [
  'Анна',
  'Елена',
  'Ольга',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Мария',
  'Екатерина',
  'Юлия',
  'Людмила',
  'Галина',
  'Марина',
  'Валентина',
  'Ксения',
  'Дарья',
  'Вера',
  'Надежда',
  'Любовь',
  'Алина',
] as const;

/** Father's name → [male patronymic, female patronymic]. */
export const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'],
  ['Алексеевич', 'Алексеевна'],
  ['Андреевич', 'Андреевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Сергеевич', 'Сергеевна'],
  ['Иванович', 'Ивановна'],
  ['Михайлович', 'Михайловна'],
  ['Николаевич', 'Николаевна'],
  ['Павлович', 'Павловна'],
  ['Владимирович', 'Владимировна'],
  ['Евгеньевич', 'Евгеньевна'],
  ['Игоревич', 'Игоревна'],
  ['Олегович', 'Олеговна'],
  ['Юрьевич', 'Юрьевна'],
  ['Викторович', 'Викторовна'],
  ['Константинович', 'Константиновна'],
  ['Максимович', 'Максимовна'],
  ['Романович', 'Романовна'],
];

/** Male surnames; the female form adds «а» (all end in -ов/-ев/-ёв/-ин). */
export const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
] as const;

export const LEGAL_ENTITY_OWNERS = [
  { name: 'ООО «Демо-Аптека»', inn9: '770000101' },
  { name: 'ООО «Пекарня у дома (демо)»', inn9: '770000102' },
  { name: 'АО «Демо-Ритейл»', inn9: '770000103' },
] as const;

export type MeterTypeName = 'COLD_WATER' | 'HOT_WATER' | 'ELECTRICITY' | 'GAS' | 'HEAT';
export type ServiceKindName = 'BY_METER' | 'BY_AREA' | 'PER_PERSON' | 'FIXED';

/**
 * When a tariff changes inside the demo year: utilities on 1 July (the usual indexation date), the capital repair
 * contribution on 1 January, the rest never.
 */
export type TariffSchedule = 'JULY' | 'JANUARY' | 'CONSTANT';

export interface ServiceSpec {
  code: string;
  name: string;
  kind: ServiceKindName;
  meterType: MeterTypeName | null;
  unit: string;
  schedule: TariffSchedule;
  /** Price per unit in kopecks (up to 4 decimals), before and after the change; zone null = single-rate. */
  prices: readonly { zone: number | null; before: string; after: string }[];
  /** Consumption normative per registered person per month, for the later normative fallback. */
  normative?: string;
  /** Which houses (1-based) have the service. */
  houses: readonly number[];
}

export const TARIFF_SOURCE = 'Демо-данные: условный тариф, не решение регулятора';
export const NORMATIVE_SOURCE = 'Демо-данные: условный норматив, не решение регулятора';

export const SERVICES: readonly ServiceSpec[] = [
  {
    code: 'COLD_WATER',
    name: 'Холодное водоснабжение',
    kind: 'BY_METER',
    meterType: 'COLD_WATER',
    unit: 'м³',
    schedule: 'JULY',
    prices: [{ zone: null, before: '5980.00', after: '6697.00' }],
    normative: '4.8500',
    houses: [1, 2],
  },
  {
    code: 'HOT_WATER',
    name: 'Горячее водоснабжение',
    kind: 'BY_METER',
    meterType: 'HOT_WATER',
    unit: 'м³',
    schedule: 'JULY',
    prices: [{ zone: null, before: '28354.00', after: '31722.00' }],
    normative: '3.6000',
    houses: [1, 2],
  },
  {
    code: 'ELECTRICITY',
    name: 'Электроснабжение',
    kind: 'BY_METER',
    meterType: 'ELECTRICITY',
    unit: 'кВт·ч',
    schedule: 'JULY',
    prices: [
      { zone: null, before: '783.00', after: '872.00' },
      { zone: 1, before: '899.00', after: '1001.00' },
      { zone: 2, before: '357.00', after: '398.00' },
    ],
    normative: '85.0000',
    houses: [1, 2],
  },
  {
    code: 'GAS',
    name: 'Газоснабжение',
    kind: 'BY_METER',
    meterType: 'GAS',
    unit: 'м³',
    schedule: 'JULY',
    // Published with more ruble decimals (8.1234 ₽, then 8.712550 ₽): the line amount is still rounded to a kopeck.
    prices: [{ zone: null, before: '812.3400', after: '871.2550' }],
    houses: [1],
  },
  {
    code: 'HEAT',
    name: 'Отопление',
    kind: 'BY_METER',
    meterType: 'HEAT',
    unit: 'Гкал',
    schedule: 'JULY',
    prices: [{ zone: null, before: '297841.00', after: '331477.00' }],
    houses: [2],
  },
  {
    code: 'MAINTENANCE',
    name: 'Содержание и ремонт жилого помещения',
    kind: 'BY_AREA',
    meterType: null,
    unit: 'м²',
    schedule: 'CONSTANT',
    prices: [{ zone: null, before: '3185.00', after: '3185.00' }],
    houses: [1, 2],
  },
  {
    code: 'CAPITAL_REPAIR',
    name: 'Взнос на капитальный ремонт',
    kind: 'BY_AREA',
    meterType: null,
    unit: 'м²',
    schedule: 'JANUARY',
    prices: [{ zone: null, before: '2707.00', after: '2947.00' }],
    houses: [1, 2],
  },
  {
    code: 'WASTE',
    name: 'Обращение с ТКО',
    kind: 'PER_PERSON',
    meterType: null,
    unit: 'чел.',
    schedule: 'JULY',
    prices: [{ zone: null, before: '13547.00', after: '14890.00' }],
    houses: [1, 2],
  },
  {
    code: 'INTERCOM',
    name: 'Запирающее устройство (домофон)',
    kind: 'FIXED',
    meterType: null,
    unit: 'мес.',
    schedule: 'CONSTANT',
    prices: [{ zone: null, before: '6500.00', after: '6500.00' }],
    houses: [1, 2],
  },
];

export type UrgencyName = 'EMERGENCY' | 'URGENT' | 'NORMAL' | 'PLANNED';
export type CategoryName =
  | 'PLUMBING'
  | 'ELECTRICITY'
  | 'HEATING'
  | 'LIFT'
  | 'CLEANING'
  | 'YARD'
  | 'INTERCOM'
  | 'ROOF_FACADE'
  | 'NOISE'
  | 'BILLING'
  | 'OTHER';

export interface SlaSpec {
  /** 1-based house, or null for the organisation. */
  house: number | null;
  category: CategoryName | null;
  urgency: UrgencyName;
  reactionMinutes: number;
  resolutionMinutes: number;
}

/**
 * Emergencies: reaction within 30 minutes around the clock (Decree 416 of 15.05.2013, п. 13). Other urgencies are
 * counted in working minutes (540 a working day).
 */
export const SLA_RULES: readonly SlaSpec[] = [
  { house: null, category: null, urgency: 'EMERGENCY', reactionMinutes: 30, resolutionMinutes: 240 },
  { house: null, category: null, urgency: 'URGENT', reactionMinutes: 120, resolutionMinutes: 1080 },
  { house: null, category: null, urgency: 'NORMAL', reactionMinutes: 480, resolutionMinutes: 2700 },
  { house: null, category: null, urgency: 'PLANNED', reactionMinutes: 1080, resolutionMinutes: 10800 },
  { house: null, category: 'LIFT', urgency: 'EMERGENCY', reactionMinutes: 30, resolutionMinutes: 60 },
  { house: 2, category: 'PLUMBING', urgency: 'EMERGENCY', reactionMinutes: 20, resolutionMinutes: 180 },
];

export type TicketStatusName =
  | 'NEW'
  | 'ACCEPTED'
  | 'IN_PROGRESS'
  | 'ON_HOLD'
  | 'DONE'
  | 'CLOSED'
  | 'CANCELLED'
  | 'REOPENED';
export type LocationName = 'FLAT' | 'ENTRANCE' | 'FLOOR' | 'LIFT' | 'YARD' | 'ROOF' | 'BASEMENT' | 'OTHER';

/**
 * A ticket's story: the status it ends in, and what staff wrote on the way. Times are generated backwards from
 * "now" (`idleMinutes` since the last change), so every story ends in the past and in order.
 */
export interface TicketStory {
  house: 1 | 2;
  category: CategoryName;
  urgency: UrgencyName;
  location: LocationName;
  status: TicketStatusName;
  description: string;
  detail?: string;
  /** Reply to the resident when the ticket is accepted. */
  acceptReply?: string;
  /** Staff-only note while the work is under way. */
  note?: string;
  holdReason?: string;
  doneReply?: string;
  /** Reason for cancelling (staff) or reopening (the resident, relayed by phone). */
  reason?: string;
  /** Closed by the resident's confirmation (relayed by staff) rather than automatically after 3 days. */
  confirmedByPhone?: boolean;
  idleMinutes: number;
}

export const TICKET_STORIES: readonly TicketStory[] = [
  {
    house: 1,
    category: 'PLUMBING',
    urgency: 'EMERGENCY',
    location: 'FLAT',
    status: 'CLOSED',
    description: 'Течь из-под ванны, заливает соседей снизу',
    acceptReply: 'Аварийная бригада выехала, перекройте, пожалуйста, воду на вводе в квартиру.',
    doneReply: 'Заменён участок стояка канализации, течь устранена.',
    idleMinutes: 9 * 24 * 60,
  },
  {
    house: 1,
    category: 'LIFT',
    urgency: 'EMERGENCY',
    location: 'LIFT',
    status: 'DONE',
    description: 'Застрял лифт между 5 и 6 этажами, внутри человек',
    detail: 'пассажирский лифт',
    acceptReply: 'Лифтёр выехал, будет в течение 20 минут.',
    doneReply: 'Пассажир освобождён, лифт проверен и запущен.',
    idleMinutes: 26 * 60,
  },
  {
    house: 1,
    category: 'ELECTRICITY',
    urgency: 'URGENT',
    location: 'ENTRANCE',
    status: 'IN_PROGRESS',
    description: 'Не горит свет на лестнице с 3 по 5 этаж',
    acceptReply: 'Электрик придёт сегодня до 17:00.',
    note: 'Возможно, сгорел автомат в этажном щите на 4 этаже.',
    idleMinutes: 95,
  },
  {
    house: 1,
    category: 'HEATING',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'ON_HOLD',
    description: 'Холодная батарея в спальне, остальные тёплые',
    acceptReply: 'Слесарь свяжется с вами для согласования времени.',
    holdReason: 'Нужен доступ в квартиру этажом выше, чтобы спустить воздух из стояка; ждём соседей.',
    idleMinutes: 20 * 60,
  },
  {
    house: 1,
    category: 'CLEANING',
    urgency: 'NORMAL',
    location: 'ENTRANCE',
    status: 'NEW',
    description: 'Не моют пол в подъезде вторую неделю',
    idleMinutes: 3 * 60,
  },
  {
    house: 1,
    category: 'YARD',
    urgency: 'PLANNED',
    location: 'YARD',
    status: 'ACCEPTED',
    description: 'Просим установить скамейку у детской площадки',
    acceptReply: 'Включили в план благоустройства на весну.',
    idleMinutes: 4 * 24 * 60,
  },
  {
    house: 1,
    category: 'INTERCOM',
    urgency: 'URGENT',
    location: 'ENTRANCE',
    status: 'DONE',
    description: 'Не работает домофон, дверь подъезда не открывается ключом',
    acceptReply: 'Мастер домофонной службы будет сегодня.',
    doneReply: 'Заменён блок питания замка, ключи работают.',
    idleMinutes: 2 * 24 * 60,
  },
  {
    house: 1,
    category: 'ROOF_FACADE',
    urgency: 'NORMAL',
    location: 'ROOF',
    status: 'CLOSED',
    description: 'После дождя протекает потолок на 9 этаже',
    acceptReply: 'Осмотрим кровлю в ближайший рабочий день.',
    note: 'Нужен ключ от выхода на кровлю — у председателя совета дома.',
    doneReply: 'Участок кровли над квартирой отремонтирован.',
    confirmedByPhone: true,
    idleMinutes: 15 * 24 * 60,
  },
  {
    house: 1,
    category: 'NOISE',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'CANCELLED',
    description: 'Соседи делают шумный ремонт после 19:00',
    reason: 'Не относится к управлению домом: рекомендовано обратиться к участковому.',
    idleMinutes: 6 * 24 * 60,
  },
  {
    house: 1,
    category: 'BILLING',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'REOPENED',
    description: 'Начислено за горячую воду больше, чем по счётчику',
    acceptReply: 'Проверим показания и начисление.',
    doneReply: 'Показания были внесены с ошибкой, перерасчёт будет в следующей квитанции.',
    reason: 'Житель сообщил по телефону, что перерасчёта в новой квитанции нет.',
    idleMinutes: 22 * 60,
  },
  {
    house: 1,
    category: 'PLUMBING',
    urgency: 'URGENT',
    location: 'BASEMENT',
    status: 'NEW',
    description: 'Запах канализации в подвале под 2-м подъездом',
    idleMinutes: 50,
  },
  {
    house: 1,
    category: 'OTHER',
    urgency: 'PLANNED',
    location: 'ENTRANCE',
    status: 'ACCEPTED',
    description: 'Заменить сломанные почтовые ящики',
    acceptReply: 'Заказали новую секцию почтовых ящиков.',
    idleMinutes: 8 * 24 * 60,
  },
  {
    house: 1,
    category: 'ELECTRICITY',
    urgency: 'EMERGENCY',
    location: 'FLAT',
    status: 'NEW',
    description: 'Нет света в квартире, в щитке выбило автомат и пахнет гарью',
    idleMinutes: 12,
  },
  {
    house: 1,
    category: 'HEATING',
    urgency: 'URGENT',
    location: 'FLAT',
    status: 'ACCEPTED',
    description: 'Батареи еле тёплые во всей квартире',
    acceptReply: 'Проверим температуру теплоносителя на вводе в дом.',
    idleMinutes: 5 * 24 * 60,
  },
  {
    house: 2,
    category: 'LIFT',
    urgency: 'URGENT',
    location: 'LIFT',
    status: 'IN_PROGRESS',
    description: 'Лифт во 2-м подъезде останавливается между этажами',
    acceptReply: 'Лифтовая организация уведомлена.',
    note: 'Подрядчик обещал заменить датчик точной остановки.',
    idleMinutes: 4 * 60,
  },
  {
    house: 2,
    category: 'PLUMBING',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'DONE',
    description: 'Капает кран на кухне',
    acceptReply: 'Сантехник придёт завтра с 10 до 12.',
    doneReply: 'Заменена кран-букса.',
    idleMinutes: 30 * 60,
  },
  {
    house: 2,
    category: 'YARD',
    urgency: 'NORMAL',
    location: 'YARD',
    status: 'NEW',
    description: 'Не расчищен снег у входа в 3-й подъезд',
    idleMinutes: 2 * 60,
  },
  {
    house: 2,
    category: 'ROOF_FACADE',
    urgency: 'URGENT',
    location: 'FLOOR',
    status: 'CLOSED',
    description: 'Разбито окно на лестничной клетке',
    detail: '7 этаж',
    acceptReply: 'Временно закроем проём, стекло заказано.',
    doneReply: 'Стекло заменено.',
    idleMinutes: 11 * 24 * 60,
  },
  {
    house: 2,
    category: 'INTERCOM',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'ON_HOLD',
    description: 'Не работает трубка домофона в квартире',
    acceptReply: 'Мастер проверит линию.',
    holdReason: 'Линия исправна, неисправна трубка; ждём, когда собственник купит новую.',
    idleMinutes: 3 * 24 * 60,
  },
  {
    house: 2,
    category: 'HEATING',
    urgency: 'EMERGENCY',
    location: 'BASEMENT',
    status: 'DONE',
    description: 'Прорыв трубы отопления в подвале, идёт пар',
    acceptReply: 'Аварийная бригада выехала.',
    doneReply: 'Повреждённый участок трубы заменён, система заполнена.',
    idleMinutes: 40 * 60,
  },
  {
    house: 2,
    category: 'BILLING',
    urgency: 'NORMAL',
    location: 'FLAT',
    status: 'CLOSED',
    description: 'Не учтена оплата за прошлый месяц',
    acceptReply: 'Проверим поступления по вашему лицевому счёту.',
    doneReply: 'Платёж найден и разнесён на ваш лицевой счёт.',
    confirmedByPhone: true,
    idleMinutes: 7 * 24 * 60,
  },
  {
    house: 2,
    category: 'ELECTRICITY',
    urgency: 'NORMAL',
    location: 'FLOOR',
    status: 'NEW',
    description: 'Мигает свет в лифтовом холле',
    detail: '10 этаж',
    idleMinutes: 5 * 60,
  },
  {
    house: 2,
    category: 'OTHER',
    urgency: 'NORMAL',
    location: 'OTHER',
    status: 'ACCEPTED',
    description: 'Прошу выдать копию акта о заливе квартиры',
    acceptReply: 'Копия будет готова в течение трёх рабочих дней.',
    idleMinutes: 26 * 60,
  },
  {
    house: 2,
    category: 'PLUMBING',
    urgency: 'EMERGENCY',
    location: 'FLAT',
    status: 'IN_PROGRESS',
    description: 'Затапливает сверху, вода течёт по стене в ванной',
    acceptReply: 'Бригада выехала, доступ в квартиру выше обеспечиваем.',
    idleMinutes: 25,
  },
];

export interface FaqSpec {
  house: number | null;
  language: 'ru' | 'en';
  question: string;
  answer: string;
  published: boolean;
}

export const FAQ: readonly FaqSpec[] = [
  {
    house: null,
    language: 'ru',
    question: 'Как передать показания счётчиков?',
    answer:
      'С 20 по 25 число каждого месяца в боте: «Показания» → выберите счётчик → введите значение. Показания относятся к текущему месяцу.',
    published: true,
  },
  {
    house: null,
    language: 'ru',
    question: 'Куда звонить при аварии?',
    answer:
      'Аварийно-диспетчерская служба работает круглосуточно: ул. Примерная, 12 — +7 495 000-00-12, ул. Примерная, 14 к. 2 — +7 495 000-00-14. Можно также оставить аварийную заявку в боте.',
    published: true,
  },
  {
    house: null,
    language: 'ru',
    question: 'Как оплатить квитанцию?',
    answer:
      'Отсканируйте QR-код на квитанции в приложении банка — реквизиты и сумма заполнятся сами. Оплатить нужно до 15-го числа следующего месяца.',
    published: true,
  },
  {
    house: null,
    language: 'ru',
    question: 'Что будет, если не передать показания?',
    answer:
      'До трёх месяцев начисление идёт по среднему потреблению, затем — по нормативу на зарегистрированных жильцов (п. 59–60 Правил, утв. ПП РФ №354).',
    published: true,
  },
  {
    house: 2,
    language: 'ru',
    question: 'Как заказать пропуск для гостя или машины?',
    answer:
      'В боте: «Пропуска» → «Гость» или «Автомобиль». Пропуск подтверждает охрана, QR-код придёт в чат.',
    published: true,
  },
  {
    house: null,
    language: 'ru',
    question: 'Как сменить собственника лицевого счёта?',
    answer: 'Черновик: принесите выписку ЕГРН в офис управляющей компании.',
    published: false,
  },
  {
    house: null,
    language: 'en',
    question: 'How do I submit meter readings?',
    answer:
      'From the 20th to the 25th of each month in the bot: "Readings" → choose the meter → enter the value. Readings belong to the current month.',
    published: true,
  },
  {
    house: null,
    language: 'en',
    question: 'Whom do I call in an emergency?',
    answer:
      'The emergency dispatch service works around the clock: 12 Primernaya St. — +7 495 000-00-12, 14/2 Primernaya St. — +7 495 000-00-14. You can also report an emergency in the bot.',
    published: true,
  },
  {
    house: null,
    language: 'en',
    question: 'How do I pay my bill?',
    answer:
      "Scan the QR code on the bill in your bank's app: the payee details and the amount fill in by themselves. Pay by the 15th of the following month.",
    published: true,
  },
  {
    house: 2,
    language: 'en',
    question: 'How do I get a pass for a guest or a car?',
    answer:
      'In the bot: "Passes" → "Guest" or "Car". Security approves the pass and the QR code arrives in the chat.',
    published: true,
  },
];
