import { createHash } from 'node:crypto';
import { KEY_RATE_SOURCE, KEY_RATES, PENALTY_RULES } from '../billing/legal-data.ts';
import { accountWithKey, innWithCheckDigit, ogrnWithCheckDigit } from '../organizations/requisites.ts';
import type { StaffRoleName } from '../permissions/policy.ts';
import type { Row, TableSpec } from './bulk-insert.ts';
import {
  addDays,
  addWorkingMinutes,
  calendarDate,
  daysInMonth,
  isoDay,
  monthDotYear,
  monthIndex,
  monthOf,
  monthStart,
  moscowDate,
  moscowInstant,
  yearOf,
} from './calendar.ts';
import {
  FAQ,
  FEMALE_NAMES,
  LEGAL_ENTITY_OWNERS,
  MALE_NAMES,
  type MeterTypeName,
  NORMATIVE_SOURCE,
  PATRONYMICS,
  SERVICES,
  type ServiceSpec,
  SLA_RULES,
  SURNAMES,
  TARIFF_SOURCE,
  TICKET_STORIES,
  type TicketStatusName,
  type TicketStory,
} from './catalogue.ts';
import { divHalfUp, formatFixed, parseFixed } from './fixed-point.ts';
import { DEMO_LOGINS } from './logins.ts';
import { createIdFactory, createRng, type Rng } from './random.ts';

/**
 * The demo data as rows, built in memory from seeded random streams (no database access): the same `now` gives
 * the same rows. Tables are listed in foreign-key order. Column names are the database's (snake_case); every
 * value is exact — money in integer kopecks (BigInt), areas, volumes and prices as fixed-point strings.
 */
export interface DemoBuild {
  tables: { spec: TableSpec; rows: Row[] }[];
  houses: { number: 1 | 2; address: string }[];
}

const T = {
  organizations: {
    table: 'organizations',
    columns: {
      id: 'text',
      kind: 'organization_kind',
      name: 'text',
      short_name: 'text',
      inn: 'text',
      kpp: 'text',
      ogrn: 'text',
      bank_account: 'text',
      bank_name: 'text',
      bic: 'text',
      corr_account: 'text',
      phone: 'text',
      email: 'text',
      address: 'text',
      timezone: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  houses: {
    table: 'houses',
    columns: {
      id: 'text',
      organization_id: 'text',
      address: 'text',
      timezone: 'text',
      total_area: 'numeric',
      readings_window_start_day: 'int',
      readings_window_end_day: 'int',
      emergency_phone: 'text',
      require_pass_approval: 'boolean',
      last_ticket_number: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  entrances: {
    table: 'entrances',
    columns: {
      id: 'text',
      house_id: 'text',
      number: 'int',
      floors: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  premises: {
    table: 'premises',
    columns: {
      id: 'text',
      house_id: 'text',
      entrance_id: 'text',
      kind: 'premises_kind',
      number: 'text',
      area: 'numeric',
      floor: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  accounts: {
    table: 'personal_accounts',
    columns: {
      id: 'text',
      organization_id: 'text',
      premises_id: 'text',
      number: 'text',
      payer_name: 'text',
      registered_persons: 'int',
      invite_code: 'text',
      invite_code_issued_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  owners: {
    table: 'owners',
    columns: {
      id: 'text',
      organization_id: 'text',
      kind: 'owner_kind',
      full_name: 'text',
      phone: 'text',
      inn: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  ownerships: {
    table: 'ownerships',
    columns: {
      id: 'text',
      owner_id: 'text',
      premises_id: 'text',
      share_numerator: 'int',
      share_denominator: 'int',
      valid_from: 'date',
      document: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  staffUsers: {
    table: 'staff_users',
    columns: {
      id: 'text',
      organization_id: 'text',
      email: 'text',
      full_name: 'text',
      password_hash: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  staffRoles: {
    table: 'staff_roles',
    columns: {
      id: 'text',
      staff_user_id: 'text',
      role: 'staff_role_kind',
      house_id: 'text',
      created_at: 'timestamptz',
    },
  },
  meters: {
    table: 'meters',
    columns: {
      id: 'text',
      premises_id: 'text',
      type: 'meter_type',
      serial: 'text',
      integer_digits: 'int',
      fraction_digits: 'int',
      zones: 'int',
      installed_at: 'date',
      initial_values: 'numeric[]',
      verification_due_at: 'date',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  readings: {
    table: 'meter_readings',
    columns: {
      id: 'text',
      meter_id: 'text',
      period: 'date',
      zone: 'int',
      value: 'numeric',
      source: 'reading_source',
      submitted_by_staff_id: 'text',
      submitted_at: 'timestamptz',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  services: {
    table: 'services',
    columns: {
      id: 'text',
      house_id: 'text',
      code: 'text',
      name: 'text',
      kind: 'service_kind',
      meter_type: 'meter_type',
      unit: 'text',
      position: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  tariffs: {
    table: 'tariffs',
    columns: {
      id: 'text',
      service_id: 'text',
      valid_from: 'date',
      valid_to: 'date',
      zone: 'int',
      price_kopecks: 'numeric',
      source: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  normatives: {
    table: 'normatives',
    columns: {
      id: 'text',
      service_id: 'text',
      valid_from: 'date',
      valid_to: 'date',
      value: 'numeric',
      source: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  billingPeriods: {
    table: 'billing_periods',
    columns: {
      id: 'text',
      house_id: 'text',
      period: 'date',
      status: 'billing_period_status',
      closed_at: 'timestamptz',
      closed_by_staff_id: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  charges: {
    table: 'charges',
    columns: {
      id: 'text',
      account_id: 'text',
      billing_period_id: 'text',
      period: 'date',
      service_id: 'text',
      kind: 'charge_kind',
      meter_id: 'text',
      volume: 'numeric',
      zone: 'int',
      tariff_kopecks: 'numeric',
      amount_kopecks: 'bigint',
      comment: 'text',
      created_at: 'timestamptz',
    },
  },
  importBatches: {
    table: 'import_batches',
    columns: {
      id: 'text',
      organization_id: 'text',
      kind: 'import_kind',
      file_name: 'text',
      sha256: 'text',
      stats: 'jsonb',
      created_by_staff_id: 'text',
      created_at: 'timestamptz',
    },
  },
  payments: {
    table: 'payments',
    columns: {
      id: 'text',
      organization_id: 'text',
      account_id: 'text',
      amount_kopecks: 'bigint',
      paid_at: 'date',
      source: 'payment_source',
      bank_doc_number: 'text',
      bank_doc_date: 'date',
      payer_name: 'text',
      purpose: 'text',
      period: 'date',
      status: 'payment_status',
      matched_at: 'timestamptz',
      matched_by_staff_id: 'text',
      external_id: 'text',
      dedupe_key: 'text',
      import_batch_id: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  keyRates: {
    table: 'key_rates',
    columns: { id: 'text', valid_from: 'date', rate_bp: 'int', source: 'text', created_at: 'timestamptz' },
    skipExisting: true,
  },
  penaltyRules: {
    table: 'penalty_rules',
    columns: {
      id: 'text',
      kind: 'penalty_rule_kind',
      valid_from: 'date',
      valid_to: 'date',
      value: 'int',
      source: 'text',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    skipExisting: true,
  },
  slaRules: {
    table: 'sla_rules',
    columns: {
      id: 'text',
      organization_id: 'text',
      house_id: 'text',
      category: 'ticket_category',
      urgency: 'ticket_urgency',
      reaction_minutes: 'int',
      resolution_minutes: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  tickets: {
    table: 'tickets',
    columns: {
      id: 'text',
      house_id: 'text',
      number: 'int',
      premises_id: 'text',
      account_id: 'text',
      created_by_staff_id: 'text',
      category: 'ticket_category',
      urgency: 'ticket_urgency',
      status: 'ticket_status',
      location_kind: 'ticket_location',
      entrance_id: 'text',
      location_detail: 'text',
      description: 'text',
      assignee_id: 'text',
      reaction_due_at: 'timestamptz',
      due_at: 'timestamptz',
      reacted_at: 'timestamptz',
      resolved_at: 'timestamptz',
      closed_at: 'timestamptz',
      cancelled_at: 'timestamptz',
      reopen_count: 'int',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
  ticketMessages: {
    table: 'ticket_messages',
    columns: {
      id: 'text',
      ticket_id: 'text',
      author_kind: 'actor_kind',
      staff_user_id: 'text',
      text: 'text',
      internal: 'boolean',
      created_at: 'timestamptz',
    },
  },
  ticketHistory: {
    table: 'ticket_history',
    columns: {
      ticket_id: 'text',
      actor_kind: 'actor_kind',
      actor_staff_id: 'text',
      field: 'text',
      from_value: 'text',
      to_value: 'text',
      comment: 'text',
      created_at: 'timestamptz',
    },
  },
  faq: {
    table: 'faq_entries',
    columns: {
      id: 'text',
      organization_id: 'text',
      house_id: 'text',
      question: 'text',
      answer: 'text',
      language: 'text',
      position: 'int',
      published: 'boolean',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
  },
} satisfies Record<string, TableSpec>;

type TableKey = keyof typeof T;

interface HouseSpec {
  number: 1 | 2;
  address: string;
  entrances: number;
  floors: number;
  /** Flats start on this floor (house 2 has shops on the ground floor). */
  firstFlatFloor: number;
  /** Base areas of the flats on a landing, in hundredths of m² (each flat varies by ±0.30 m²). */
  landing: readonly number[];
  nonResidential: readonly { number: string; areaCenti: number; floor: number }[];
  emergencyPhone: string;
  requirePassApproval: boolean;
}

/** 146 + 148 = 294 premises. */
export const HOUSES: readonly HouseSpec[] = [
  {
    number: 1,
    address: 'г. Москва, ул. Примерная, д. 12',
    entrances: 4,
    floors: 9,
    firstFlatFloor: 1,
    landing: [3480, 5230, 6780, 4410],
    nonResidential: [
      { number: '1Н', areaCenti: 11240, floor: 1 },
      { number: '2Н', areaCenti: 8675, floor: 1 },
    ],
    emergencyPhone: '+7 495 000-00-12',
    requirePassApproval: false,
  },
  {
    number: 2,
    address: 'г. Москва, ул. Примерная, д. 14, корп. 2',
    entrances: 3,
    floors: 13,
    firstFlatFloor: 2,
    landing: [4120, 6340, 8590, 9840],
    nonResidential: [
      { number: '1Н', areaCenti: 15430, floor: 1 },
      { number: '2Н', areaCenti: 9610, floor: 1 },
      { number: '3Н', areaCenti: 7285, floor: 1 },
      { number: '4Н', areaCenti: 18000, floor: 1 },
    ],
    emergencyPhone: '+7 495 000-00-14',
    requirePassApproval: true,
  },
];

const BIC = '044525999';
/** Fictitious requisites with valid check digits: tax office 00 and bank 999 do not exist. */
const ORGANIZATION = {
  kind: 'UK',
  name: 'Общество с ограниченной ответственностью «Управляющая компания «Домовой-Демо»',
  shortName: 'ООО «УК «Домовой-Демо»',
  inn: innWithCheckDigit('770000000'),
  kpp: '770001001',
  ogrn: ogrnWithCheckDigit('125770000000'),
  bankAccount: accountWithKey(BIC.slice(-3), '40702810000000012345'),
  bankName: 'АО «Демо-Банк» (вымышленный)',
  bic: BIC,
  corrAccount: accountWithKey(`0${BIC.slice(4, 6)}`, `30101810000000000${BIC.slice(-3)}`),
  phone: '+7 495 000-00-10',
  email: 'info@demo.domovoy.local',
  address: '125000, г. Москва, ул. Примерная, д. 10, офис 1',
} as const;

/** Межповерочный интервал, years. */
const VERIFICATION_YEARS: Record<MeterTypeName, number> = {
  COLD_WATER: 6,
  HOT_WATER: 4,
  ELECTRICITY: 16,
  GAS: 10,
  HEAT: 4,
};

/** Heating season profile by calendar month (Moscow: the season runs from about 1 October to early May). */
const HEAT_SEASON = [1.0, 0.9, 0.75, 0.45, 0.08, 0, 0, 0, 0, 0.35, 0.7, 0.95];

const MONTHS_GENITIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

interface PremisesModel {
  id: string;
  house: HouseSpec;
  houseId: string;
  kind: 'FLAT' | 'NON_RESIDENTIAL';
  number: string;
  areaCenti: bigint;
  floor: number;
  entranceId: string | null;
  accountId: string;
  accountNumber: string;
  persons: number;
  payerName: string;
}

interface MeterModel {
  id: string;
  premises: PremisesModel;
  type: MeterTypeName;
  zones: number;
  /** Readings per month index: one value per zone, in thousandths. */
  readings: Map<number, bigint[]>;
}

interface Person {
  fullName: string;
  surname: string;
  male: boolean;
}

export function buildDemo(now: Date, passwordHashes: ReadonlyMap<StaffRoleName, string>): DemoBuild {
  const rows = Object.fromEntries(Object.keys(T).map((k) => [k, [] as Row[]])) as Record<TableKey, Row[]>;
  /** Timestamps default to the seed's clock, not the database's, so the same `now` gives the same rows. */
  const add = (table: TableKey, row: Row) => {
    const columns: Record<string, string> = T[table].columns;
    if ('created_at' in columns && !('created_at' in row)) row.created_at = now;
    if ('updated_at' in columns && !('updated_at' in row)) row.updated_at = row.created_at ?? now;
    rows[table].push(row);
  };
  const newId = createIdFactory(now.getTime(), createRng('ids'));

  const today = moscowDate(now);
  const todayDate = calendarDate(today.year, today.month, today.day);
  const currentMonth = monthIndex(today.year, today.month);
  /** The 12 billing months end with last month; readings start one month earlier (the opening reading). */
  const lastPeriod = currentMonth - 1;
  const firstPeriod = currentMonth - 12;
  const openingMonth = currentMonth - 13;
  const periods = Array.from({ length: 12 }, (_, i) => firstPeriod + i);
  const notAfterNow = (instant: Date) => (instant.getTime() > now.getTime() ? now : instant);
  const memo = <V>(fn: (month: number) => V) => {
    const cache = new Map<number, V>();
    return (month: number) => {
      let value = cache.get(month);
      if (value === undefined) {
        value = fn(month);
        cache.set(month, value);
      }
      return value;
    };
  };
  /** 'YYYY-MM-01' of a month index (the value of every billing-month `date` column). */
  const periodDay = memo((month) => isoDay(monthStart(month)));
  /** The (demo) charge run of a month: the 1st of the next month, 06:00 Moscow time. */
  const chargeRunAt = memo((month) =>
    notAfterNow(moscowInstant(yearOf(month + 1), monthOf(month + 1), 1, 6, 0)),
  );
  const registryAt = moscowInstant(yearOf(openingMonth), monthOf(openingMonth), 1, 9, 0);

  // ── Organisation, staff ─────────────────────────────────────────────────────────────────────────────────
  const orgId = newId();
  add('organizations', {
    id: orgId,
    kind: ORGANIZATION.kind,
    name: ORGANIZATION.name,
    short_name: ORGANIZATION.shortName,
    inn: ORGANIZATION.inn,
    kpp: ORGANIZATION.kpp,
    ogrn: ORGANIZATION.ogrn,
    bank_account: ORGANIZATION.bankAccount,
    bank_name: ORGANIZATION.bankName,
    bic: ORGANIZATION.bic,
    corr_account: ORGANIZATION.corrAccount,
    phone: ORGANIZATION.phone,
    email: ORGANIZATION.email,
    address: ORGANIZATION.address,
    timezone: 'Europe/Moscow',
    created_at: registryAt,
  });

  const houseIds = HOUSES.map(() => newId());
  const staff = new Map<StaffRoleName, string>();
  for (const login of DEMO_LOGINS) {
    const hash = passwordHashes.get(login.role);
    if (!hash) throw new Error(`demo data: no password hash for ${login.role}`);
    const id = newId();
    staff.set(login.role, id);
    add('staffUsers', {
      id,
      organization_id: orgId,
      email: login.email,
      full_name: login.fullName,
      password_hash: hash,
      created_at: registryAt,
    });
    add('staffRoles', {
      id: newId(),
      staff_user_id: id,
      role: login.role,
      house_id: login.house === null ? null : houseIds[login.house - 1]!,
      created_at: registryAt,
    });
  }
  const staffId = (role: StaffRoleName) => staff.get(role)!;

  // ── Houses, entrances, premises, accounts ───────────────────────────────────────────────────────────────
  const layoutRng = createRng('layout');
  const accountRng = createRng('accounts');
  const premisesList: PremisesModel[] = [];
  const entrancesByHouse: { id: string; number: number }[][] = [];
  const usedAccountNumbers = new Set<string>();
  const usedInviteCodes = new Set<string>();
  const INVITE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

  const accountNumber = () => {
    for (;;) {
      const length = accountRng.weighted([
        [6, 2],
        [7, 3],
        [8, 3],
        [9, 2],
      ] as const);
      let digits = String(accountRng.int(1, 9));
      while (digits.length < length) digits += String(accountRng.int(0, 9));
      if (!usedAccountNumbers.has(digits)) {
        usedAccountNumbers.add(digits);
        return digits;
      }
    }
  };
  const inviteCode = () => {
    for (;;) {
      let code = '';
      for (let i = 0; i < 8; i++) code += accountRng.pick([...INVITE_ALPHABET]);
      if (!usedInviteCodes.has(code)) {
        usedInviteCodes.add(code);
        return code;
      }
    }
  };

  HOUSES.forEach((house, h) => {
    const houseId = houseIds[h]!;
    const entrances: { id: string; number: number }[] = [];
    for (let e = 1; e <= house.entrances; e++) {
      const id = newId();
      entrances.push({ id, number: e });
      add('entrances', { id, house_id: houseId, number: e, floors: house.floors, created_at: registryAt });
    }
    entrancesByHouse.push(entrances);
    let flatNumber = 0;
    const housePremises: Omit<PremisesModel, 'accountId' | 'accountNumber' | 'persons' | 'payerName'>[] = [];
    for (const entrance of entrances) {
      for (let floor = house.firstFlatFloor; floor <= house.floors; floor++) {
        for (const base of house.landing) {
          flatNumber++;
          housePremises.push({
            id: newId(),
            house,
            houseId,
            kind: 'FLAT',
            number: String(flatNumber),
            areaCenti: BigInt(base + layoutRng.int(-30, 30)),
            floor,
            entranceId: entrance.id,
          });
        }
      }
    }
    for (const shop of house.nonResidential) {
      housePremises.push({
        id: newId(),
        house,
        houseId,
        kind: 'NON_RESIDENTIAL',
        number: shop.number,
        areaCenti: BigInt(shop.areaCenti),
        floor: shop.floor,
        entranceId: null,
      });
    }
    const totalArea = housePremises.reduce((sum, p) => sum + p.areaCenti, 0n);
    add('houses', {
      id: houseId,
      organization_id: orgId,
      address: house.address,
      timezone: 'Europe/Moscow',
      total_area: formatFixed(totalArea, 2),
      readings_window_start_day: 20,
      readings_window_end_day: 25,
      emergency_phone: house.emergencyPhone,
      require_pass_approval: house.requirePassApproval,
      last_ticket_number: TICKET_STORIES.filter((s) => s.house === house.number).length,
      created_at: registryAt,
    });
    for (const p of housePremises) {
      premisesList.push({
        ...p,
        accountId: newId(),
        accountNumber: accountNumber(),
        persons:
          p.kind === 'FLAT'
            ? accountRng.weighted([
                [1, 25],
                [2, 35],
                [3, 25],
                [4, 15],
              ] as const)
            : 0,
        payerName: '',
      });
    }
  });

  // ── Owners and shares ───────────────────────────────────────────────────────────────────────────────────
  const ownerRng = createRng('owners');
  const usedPhones = new Set<string>();
  const phone = () => {
    if (!ownerRng.chance(0.6)) return null;
    for (;;) {
      const candidate = `+79000${String(ownerRng.int(0, 999_999)).padStart(6, '0')}`;
      if (!usedPhones.has(candidate)) {
        usedPhones.add(candidate);
        return candidate;
      }
    }
  };
  const person = (male: boolean, surname?: string): Person => {
    const family = surname ?? ownerRng.pick(SURNAMES);
    const first = ownerRng.pick(male ? MALE_NAMES : FEMALE_NAMES);
    const [patronymicM, patronymicF] = ownerRng.pick(PATRONYMICS);
    const last = male ? family : `${family}а`;
    return { fullName: `${last} ${first} ${male ? patronymicM : patronymicF}`, surname: family, male };
  };
  const addOwner = (kind: 'PERSON' | 'LEGAL_ENTITY' | 'PUBLIC', fullName: string, inn: string | null) => {
    const id = newId();
    add('owners', {
      id,
      organization_id: orgId,
      kind,
      full_name: fullName,
      phone: kind === 'PERSON' ? phone() : null,
      inn,
      created_at: registryAt,
    });
    return id;
  };
  const addOwnership = (ownerId: string, p: PremisesModel, numerator: number, denominator: number) => {
    const year = ownerRng.int(2005, 2024);
    const validFrom = calendarDate(year, ownerRng.int(1, 12), ownerRng.int(1, 28));
    add('ownerships', {
      id: newId(),
      owner_id: ownerId,
      premises_id: p.id,
      share_numerator: numerator,
      share_denominator: denominator,
      valid_from: isoDay(validFrom),
      document: `77:01:0000000:${1000 + premisesList.indexOf(p)}-77/011/${year}-${ownerRng.int(1, 9)}`,
      created_at: registryAt,
    });
  };

  const city = addOwner('PUBLIC', 'Город Москва', null);
  const legal = LEGAL_ENTITY_OWNERS.map((e) => ({
    ...e,
    id: addOwner('LEGAL_ENTITY', e.name, innWithCheckDigit(e.inn9)),
  }));
  const flats1 = premisesList.filter((p) => p.house.number === 1 && p.kind === 'FLAT');
  const flats2 = premisesList.filter((p) => p.house.number === 2 && p.kind === 'FLAT');
  const municipalFlats = new Set(ownerRng.sample(flats1, 3).map((p) => p.id));
  // One owner with a flat in each house (house 1 comes first in the list, so the owner exists by the second).
  const twoFlatOwner = {
    first: ownerRng.pick(flats1.filter((p) => !municipalFlats.has(p.id))).id,
    second: ownerRng.pick(flats2).id,
    ownerId: '',
    name: '',
  };
  const shopOwners: Record<string, () => { id: string; name: string }> = {
    '1:1Н': () => ({ id: legal[0]!.id, name: legal[0]!.name }),
    '2:1Н': () => ({ id: legal[2]!.id, name: legal[2]!.name }),
    '2:2Н': () => ({ id: legal[1]!.id, name: legal[1]!.name }),
    '2:3Н': () => ({ id: legal[0]!.id, name: legal[0]!.name }),
    '2:4Н': () => ({ id: city, name: 'Город Москва' }),
  };

  for (const p of premisesList) {
    const shop = shopOwners[`${p.house.number}:${p.number}`];
    if (shop) {
      const owner = shop();
      addOwnership(owner.id, p, 1, 1);
      p.payerName = owner.name;
      continue;
    }
    if (municipalFlats.has(p.id)) {
      addOwnership(city, p, 1, 1);
      p.payerName = person(ownerRng.chance(0.5)).fullName; // the tenant (наниматель) pays
      continue;
    }
    if (p.id === twoFlatOwner.second && twoFlatOwner.ownerId) {
      addOwnership(twoFlatOwner.ownerId, p, 1, 1);
      p.payerName = twoFlatOwner.name;
      continue;
    }
    const structure =
      p.id === twoFlatOwner.first
        ? 'single'
        : ownerRng.weighted([
            ['single', 78],
            ['halves', 14],
            ['thirds', 8],
          ] as const);
    if (structure === 'single') {
      const owner = person(ownerRng.chance(0.5));
      const id = addOwner('PERSON', owner.fullName, null);
      addOwnership(id, p, 1, 1);
      p.payerName = owner.fullName;
      if (p.id === twoFlatOwner.first) {
        twoFlatOwner.ownerId = id;
        twoFlatOwner.name = owner.fullName;
      }
    } else if (structure === 'halves') {
      const a = person(true);
      const b = person(false, a.surname);
      addOwnership(addOwner('PERSON', a.fullName, null), p, 1, 2);
      addOwnership(addOwner('PERSON', b.fullName, null), p, 1, 2);
      p.payerName = a.fullName;
    } else {
      const parent = person(ownerRng.chance(0.5));
      const child = person(ownerRng.chance(0.5), parent.surname);
      addOwnership(addOwner('PERSON', parent.fullName, null), p, 2, 3);
      addOwnership(addOwner('PERSON', child.fullName, null), p, 1, 3);
      p.payerName = parent.fullName;
    }
  }

  for (const p of premisesList) {
    add('premises', {
      id: p.id,
      house_id: p.houseId,
      entrance_id: p.entranceId,
      kind: p.kind,
      number: p.number,
      area: formatFixed(p.areaCenti, 2),
      floor: p.floor,
      created_at: registryAt,
    });
    add('accounts', {
      id: p.accountId,
      organization_id: orgId,
      premises_id: p.id,
      number: p.accountNumber,
      payer_name: p.payerName,
      registered_persons: p.persons,
      invite_code: inviteCode(),
      invite_code_issued_at: registryAt,
      created_at: registryAt,
    });
  }

  // ── Meters and readings ─────────────────────────────────────────────────────────────────────────────────
  const meterRng = createRng('meters');
  const meters: MeterModel[] = [];
  const gasFlats = new Set(meterRng.sample(flats1, 10).map((p) => p.id));
  const heatFlats = new Set(meterRng.sample(flats2, 4).map((p) => p.id));
  interface MeterPlan {
    premises: PremisesModel;
    type: MeterTypeName;
    zones: number;
    /** Monthly consumption in thousandths per zone, before seasonal and random variation. */
    base: number[];
  }
  const plans: MeterPlan[] = [];
  for (const p of premisesList) {
    const persons = Math.max(p.persons, 1);
    if (p.kind === 'FLAT') {
      const sets = meterRng.chance(0.1) ? 2 : 1;
      for (let s = 0; s < sets; s++) {
        plans.push({
          premises: p,
          type: 'COLD_WATER',
          zones: 1,
          base: [(persons * meterRng.int(2200, 3800)) / sets],
        });
        plans.push({
          premises: p,
          type: 'HOT_WATER',
          zones: 1,
          base: [(persons * meterRng.int(1300, 2600)) / sets],
        });
      }
      const kwh = (meterRng.int(110, 200) + persons * meterRng.int(30, 60)) * 1000;
      if (meterRng.chance(0.3)) {
        const night = meterRng.int(25, 40) / 100;
        plans.push({ premises: p, type: 'ELECTRICITY', zones: 2, base: [kwh * (1 - night), kwh * night] });
      } else {
        plans.push({ premises: p, type: 'ELECTRICITY', zones: 1, base: [kwh] });
      }
      if (gasFlats.has(p.id))
        plans.push({ premises: p, type: 'GAS', zones: 1, base: [meterRng.int(6000, 14000)] });
      if (heatFlats.has(p.id))
        plans.push({ premises: p, type: 'HEAT', zones: 1, base: [Number(p.areaCenti) * 0.155] });
    } else {
      plans.push({ premises: p, type: 'COLD_WATER', zones: 1, base: [meterRng.int(4000, 15000)] });
      plans.push({ premises: p, type: 'ELECTRICITY', zones: 1, base: [meterRng.int(600, 2400) * 1000] });
      if (p.house.number === 2) {
        plans.push({ premises: p, type: 'HEAT', zones: 1, base: [Number(p.areaCenti) * 0.155] });
      }
    }
  }

  // Verification: a few overdue (their readings stop), a few due within 30 days; a few other meters simply miss
  // their last 1–3 readings. A missing month is charged by average (≤ 3 months, Decree 354 п. 59).
  const waterPlans = plans.filter((m) => m.type === 'COLD_WATER' || m.type === 'HOT_WATER');
  const overdue = new Set(meterRng.sample(waterPlans, 6));
  const rest = plans.filter((m) => !overdue.has(m));
  const shuffledRest = meterRng.shuffle(rest);
  const dueSoon = new Set(shuffledRest.slice(0, 8));
  const trailingGap = new Map(shuffledRest.slice(8, 16).map((m) => [m, meterRng.int(1, 3)] as const));

  const usedSerials = new Set<string>();
  for (const plan of plans) {
    const id = newId();
    const years = VERIFICATION_YEARS[plan.type];
    let due: Date;
    if (overdue.has(plan)) due = addDays(todayDate, -meterRng.int(20, 75));
    else if (dueSoon.has(plan)) due = addDays(todayDate, meterRng.int(3, 29));
    else due = addDays(todayDate, meterRng.int(60, years * 365 - 450));
    const installed = calendarDate(due.getUTCFullYear() - years, due.getUTCMonth() + 1, due.getUTCDate());
    const intDigits = plan.type === 'ELECTRICITY' ? 6 : 5;
    const fracDigits = plan.type === 'ELECTRICITY' ? 1 : 3;
    /** Electricity meters show tenths of a kWh: keep values on that grid. */
    const step = plan.type === 'ELECTRICITY' ? 100n : 1n;
    let serial: string;
    do {
      serial = String(meterRng.int(10_000_000, 99_999_999));
    } while (usedSerials.has(serial));
    usedSerials.add(serial);

    const initial = plan.base.map(() => BigInt(meterRng.int(0, 20)) * 1000n);
    const installedMonth = monthIndex(installed.getUTCFullYear(), installed.getUTCMonth() + 1);
    const monthsBefore = openingMonth - installedMonth;
    const value = plan.base.map((b, z) => {
      const v = BigInt(Math.round((b * monthsBefore * meterRng.int(85, 115)) / 100));
      return initial[z]! + (v / step) * step;
    });
    const readings = new Map<number, bigint[]>();
    const gap = trailingGap.get(plan) ?? 0;
    for (let month = openingMonth; month <= lastPeriod; month++) {
      if (month > openingMonth) {
        const m = monthOf(month);
        let factor = meterRng.int(80, 120) / 100;
        if (plan.type === 'HEAT') factor *= HEAT_SEASON[m - 1]!;
        if (plan.type === 'ELECTRICITY') factor *= m <= 2 || m >= 11 ? 1.15 : m >= 6 && m <= 8 ? 0.85 : 1;
        if (plan.type === 'HOT_WATER' && (m === 7 || m === 8)) factor *= 0.8; // the summer hot-water shutdown
        if ((plan.type === 'COLD_WATER' || plan.type === 'HOT_WATER') && meterRng.chance(0.02)) factor = 0;
        plan.base.forEach((b, z) => {
          const consumption = BigInt(Math.round(b * factor));
          value[z] = value[z]! + (consumption / step) * step;
        });
      }
      const submitted = moscowInstant(
        yearOf(month),
        monthOf(month),
        meterRng.int(20, 25),
        meterRng.int(8, 22),
        meterRng.int(0, 59),
      );
      if (month > lastPeriod - gap) continue;
      if (submitted.getTime() >= due.getTime()) continue; // not accepted after the verification date
      readings.set(month, [...value]);
      const byStaff = month >= lastPeriod - 1 && meterRng.chance(0.2);
      value.forEach((v, z) => {
        add('readings', {
          id: newId(),
          meter_id: id,
          period: periodDay(month),
          zone: z + 1,
          value: formatFixed(v, 3),
          source: byStaff ? 'STAFF' : 'IMPORT',
          submitted_by_staff_id: byStaff ? staffId('ACCOUNTANT') : null,
          submitted_at: submitted,
          created_at: submitted,
        });
      });
    }
    add('meters', {
      id,
      premises_id: plan.premises.id,
      type: plan.type,
      serial,
      integer_digits: intDigits,
      fraction_digits: fracDigits,
      zones: plan.zones,
      installed_at: isoDay(installed),
      initial_values: `{${initial.map((v) => formatFixed(v, 3)).join(',')}}`,
      verification_due_at: isoDay(due),
      created_at: registryAt,
    });
    meters.push({ id, premises: plan.premises, type: plan.type, zones: plan.zones, readings });
  }

  // ── Services, tariffs, normatives, billing periods ──────────────────────────────────────────────────────
  const julyChange = periods.find((q) => monthOf(q) === 7)!;
  const januaryChange = periods.find((q) => monthOf(q) === 1)!;
  const changeOf = (spec: ServiceSpec) =>
    spec.schedule === 'JULY' ? julyChange : spec.schedule === 'JANUARY' ? januaryChange : undefined;
  const parsedPrices = new Map<string, { before: bigint; after: bigint }>();
  for (const spec of SERVICES) {
    for (const price of spec.prices) {
      parsedPrices.set(`${spec.code}:${price.zone}`, {
        before: parseFixed(price.before, 4),
        after: parseFixed(price.after, 4),
      });
    }
  }
  /** Price in ten-thousandths of a kopeck for a month: the tariff in force on the period's first day. */
  const priceOf = (spec: ServiceSpec, zone: number | null, month: number) => {
    const price = parsedPrices.get(`${spec.code}:${zone}`)!;
    const change = changeOf(spec);
    return change !== undefined && month >= change ? price.after : price.before;
  };
  const services = new Map<string, { id: string; spec: ServiceSpec }>(); // `${house}:${code}`
  HOUSES.forEach((house, h) => {
    SERVICES.filter((s) => s.houses.includes(house.number)).forEach((spec, position) => {
      const id = newId();
      services.set(`${house.number}:${spec.code}`, { id, spec });
      add('services', {
        id,
        house_id: houseIds[h]!,
        code: spec.code,
        name: spec.name,
        kind: spec.kind,
        meter_type: spec.meterType,
        unit: spec.unit,
        position: position + 1,
        created_at: registryAt,
      });
      const change = changeOf(spec);
      for (const price of spec.prices) {
        const tariff = (from: Date, to: Date | null, value: string) =>
          add('tariffs', {
            id: newId(),
            service_id: id,
            valid_from: isoDay(from),
            valid_to: to ? isoDay(to) : null,
            zone: price.zone,
            price_kopecks: formatFixed(parseFixed(value, 4), 4),
            source: TARIFF_SOURCE,
            created_at: registryAt,
          });
        if (change === undefined) {
          tariff(calendarDate(yearOf(firstPeriod) - 1, 1, 1), null, price.before);
        } else {
          const changeDay = monthStart(change);
          tariff(monthStart(change - 12), addDays(changeDay, -1), price.before);
          tariff(changeDay, null, price.after);
        }
      }
      if (spec.normative) {
        add('normatives', {
          id: newId(),
          service_id: id,
          valid_from: '2017-01-01',
          valid_to: null,
          value: spec.normative,
          source: NORMATIVE_SOURCE,
          created_at: registryAt,
        });
      }
    });
  });

  const periodIds = new Map<string, string>(); // `${house}:${month}`
  HOUSES.forEach((house, h) => {
    for (const month of periods) {
      const id = newId();
      periodIds.set(`${house.number}:${month}`, id);
      const closed = month < lastPeriod;
      const next = month + 1;
      add('billingPeriods', {
        id,
        house_id: houseIds[h]!,
        period: periodDay(month),
        status: closed ? 'CLOSED' : 'DRAFT',
        closed_at: closed ? moscowInstant(yearOf(next), monthOf(next), 3, 10, 0) : null,
        closed_by_staff_id: closed ? staffId('ACCOUNTANT') : null,
        created_at: moscowInstant(yearOf(month), monthOf(month), 1, 6, 0),
        updated_at: closed ? moscowInstant(yearOf(next), monthOf(next), 3, 10, 0) : chargeRunAt(month),
      });
    }
  });

  // ── Charges: simple demo arithmetic (volume × tariff, area × rate), each line rounded half-up once ────────
  const totals = new Map<string, Map<number, bigint>>(); // account id → month → kopecks
  const metersByPremises = new Map<string, MeterModel[]>();
  for (const m of meters)
    metersByPremises.set(m.premises.id, [...(metersByPremises.get(m.premises.id) ?? []), m]);
  for (const p of premisesList) {
    const byMonth = new Map<number, bigint>();
    totals.set(p.accountId, byMonth);
    for (const month of periods) {
      const chargedAt = chargeRunAt(month);
      let total = 0n;
      const line = (
        code: string,
        fields: {
          kind?: string;
          meterId?: string;
          volume: string | null;
          zone?: number | null;
          tariff: bigint;
        },
        amount: bigint,
        comment: string | null = null,
      ) => {
        const service = services.get(`${p.house.number}:${code}`);
        if (!service) return;
        total += amount;
        add('charges', {
          id: newId(),
          account_id: p.accountId,
          billing_period_id: periodIds.get(`${p.house.number}:${month}`)!,
          period: periodDay(month),
          service_id: service.id,
          kind: fields.kind ?? 'REGULAR',
          meter_id: fields.meterId ?? null,
          volume: fields.volume,
          zone: fields.zone ?? null,
          tariff_kopecks: formatFixed(fields.tariff, 4),
          amount_kopecks: amount,
          comment,
          created_at: chargedAt,
        });
      };
      for (const meter of metersByPremises.get(p.id) ?? []) {
        const spec = services.get(`${p.house.number}:${meter.type}`)?.spec;
        if (!spec) continue;
        const current = meter.readings.get(month);
        const previous = meter.readings.get(month - 1);
        for (let z = 0; z < meter.zones; z++) {
          const zone = meter.zones === 1 ? null : z + 1;
          const price = priceOf(spec, zone, month);
          let volume: bigint;
          let kind = 'REGULAR';
          let comment: string | null = null;
          if (current && previous) {
            volume = current[z]! - previous[z]!;
          } else {
            // No reading this month: average of the last (up to) 6 months with readings.
            const history: bigint[] = [];
            for (let q = month - 1; q > month - 13 && history.length < 6; q--) {
              const a = meter.readings.get(q);
              const b = meter.readings.get(q - 1);
              if (a && b) history.push(a[z]! - b[z]!);
            }
            if (history.length < 3) continue;
            volume = divHalfUp(
              history.reduce((s, v) => s + v, 0n),
              BigInt(history.length),
            );
            kind = 'AVERAGE';
            comment = `Показания не переданы: по среднему за ${history.length} мес. (п. 59 Правил, ПП РФ №354)`;
          }
          // volume in thousandths × price in ten-thousandths of a kopeck → kopecks
          const amount = divHalfUp(volume * price, 10_000_000n);
          line(
            meter.type,
            { kind, meterId: meter.id, volume: formatFixed(volume, 3), zone, tariff: price },
            amount,
            comment,
          );
        }
      }
      for (const byArea of ['MAINTENANCE', 'CAPITAL_REPAIR']) {
        const spec = services.get(`${p.house.number}:${byArea}`)!.spec;
        const price = priceOf(spec, null, month);
        line(
          byArea,
          { volume: formatFixed(p.areaCenti, 2), tariff: price },
          divHalfUp(p.areaCenti * price, 1_000_000n),
        );
      }
      if (p.persons > 0) {
        const price = priceOf(services.get(`${p.house.number}:WASTE`)!.spec, null, month);
        line(
          'WASTE',
          { volume: String(p.persons), tariff: price },
          divHalfUp(BigInt(p.persons) * price, 10_000n),
        );
      }
      if (p.kind === 'FLAT') {
        const price = priceOf(services.get(`${p.house.number}:INTERCOM`)!.spec, null, month);
        line('INTERCOM', { volume: null, tariff: price }, divHalfUp(price, 10_000n));
      }
      byMonth.set(month, total);
    }
  }

  // ── Payments: most pay each receipt in full, some round or pay part, about 10 % stop paying ─────────────────
  const payRng = createRng('payments');
  const batches = new Map<number, { id: string; documents: number; unmatched: number }>();
  for (let month = firstPeriod + 1; month <= lastPeriod; month++) {
    batches.set(month, { id: newId(), documents: 0, unmatched: 0 });
  }
  let paymentSeq = 0;
  const pay = (
    p: PremisesModel,
    amount: bigint,
    paidMonth: number,
    forPeriod: number | null,
    purposeMonth: number,
  ) => {
    if (amount <= 0n) return;
    const day = payRng.int(1, Math.min(25, daysInMonth(paidMonth)));
    const paidAt = calendarDate(yearOf(paidMonth), monthOf(paidMonth), day);
    if (paidAt.getTime() >= todayDate.getTime()) return;
    const source = payRng.weighted([
      ['BANK_IMPORT', 65],
      ['ACQUIRING', 25],
      ['MANUAL', 10],
    ] as const);
    const n = p.accountNumber;
    const mm = monthDotYear(purposeMonth);
    const purpose =
      source === 'MANUAL'
        ? `Оплата в кассе, л/с ${n}`
        : source === 'ACQUIRING'
          ? `;ЛСЧ=${n};ПЕРИОД=${mm.replace('.', '')};`
          : payRng.pick([
              `Оплата ЖКУ л/с ${n} за ${mm}`,
              `ЖКУ ЛС-${n} ${mm.replace('.', '/')}`,
              `Коммунальные платежи по л/сч ${n} за ${MONTHS_GENITIVE[monthOf(purposeMonth) - 1]} ${yearOf(purposeMonth)}`,
              `Квартплата, лицевой счет №${n}, период ${mm}`,
            ]);
    const batch = source === 'BANK_IMPORT' ? batches.get(paidMonth) : undefined;
    if (batch) batch.documents++;
    paymentSeq++;
    add('payments', {
      id: newId(),
      organization_id: orgId,
      account_id: p.accountId,
      amount_kopecks: amount,
      paid_at: isoDay(paidAt),
      source,
      bank_doc_number: batch ? String(100_000 + paymentSeq) : null,
      bank_doc_date: batch ? isoDay(addDays(paidAt, -payRng.int(0, 1))) : null,
      payer_name: p.payerName,
      purpose,
      period: forPeriod === null ? null : periodDay(forPeriod),
      status: 'MATCHED',
      matched_at: moscowInstant(
        paidAt.getUTCFullYear(),
        paidAt.getUTCMonth() + 1,
        paidAt.getUTCDate(),
        12,
        0,
      ),
      matched_by_staff_id: source === 'MANUAL' ? staffId('ACCOUNTANT') : null,
      external_id: source === 'ACQUIRING' ? `demo-acq-${String(paymentSeq).padStart(6, '0')}` : null,
      dedupe_key: `demo:${source.toLowerCase()}:${n}:${isoDay(paidAt)}:${amount}:${paymentSeq}`,
      import_batch_id: batch?.id ?? null,
      created_at: moscowInstant(
        paidAt.getUTCFullYear(),
        paidAt.getUTCMonth() + 1,
        paidAt.getUTCDate(),
        12,
        0,
      ),
    });
  };
  for (const p of premisesList) {
    const byMonth = totals.get(p.accountId)!;
    const profile = payRng.weighted([
      ['PUNCTUAL', 70],
      ['ROUNDS', 8],
      ['PARTIAL', 6],
      ['TWO_MONTHS', 6],
      ['DEBTOR', 10],
    ] as const);
    const stopAt = firstPeriod + payRng.int(-1, 8);
    // The draft (last) month has no receipt yet, so payments cover the months before it.
    for (let month = firstPeriod; month < lastPeriod; month++) {
      const due = byMonth.get(month)!;
      const offset = month - firstPeriod;
      switch (profile) {
        case 'PUNCTUAL':
          if (payRng.chance(0.05) && month + 2 <= lastPeriod) pay(p, due, month + 2, month, month);
          else pay(p, due, month + 1, month, month);
          break;
        case 'ROUNDS': {
          const rounded = (due / 10_000n) * 10_000n;
          pay(p, rounded > 0n ? rounded : due, month + 1, month, month);
          break;
        }
        case 'PARTIAL':
          pay(
            p,
            payRng.chance(0.5) ? due : (due * BigInt(payRng.int(70, 95))) / 100n,
            month + 1,
            month,
            month,
          );
          break;
        case 'TWO_MONTHS':
          if (offset % 2 === 1) pay(p, due + byMonth.get(month - 1)!, month + 1, null, month);
          break;
        case 'DEBTOR':
          if (month < stopAt) pay(p, due, month + 1, month, month);
          else if (payRng.chance(0.1)) pay(p, 100_000n, month + 1, null, month);
          break;
      }
    }
  }
  // Three payments the matcher cannot place: no account, an unknown account, two accounts at once.
  const [a1, a2] = payRng.sample(premisesList, 2);
  const unmatched = [
    'Оплата за квартиру 45, ул. Примерная 12',
    `Оплата ЖКУ л/с 00000000 за ${monthDotYear(lastPeriod - 1)}`,
    `Оплата ЖКУ л/с ${a1!.accountNumber} и л/с ${a2!.accountNumber}`,
  ];
  const lastBatch = batches.get(lastPeriod)!;
  unmatched.forEach((purpose, i) => {
    const paidAt = calendarDate(yearOf(lastPeriod), monthOf(lastPeriod), 10 + i * 3);
    paymentSeq++;
    lastBatch.documents++;
    lastBatch.unmatched++;
    add('payments', {
      id: newId(),
      organization_id: orgId,
      account_id: null,
      amount_kopecks: BigInt(payRng.int(3000, 9000)) * 100n,
      paid_at: isoDay(paidAt),
      source: 'BANK_IMPORT',
      bank_doc_number: String(100_000 + paymentSeq),
      bank_doc_date: isoDay(paidAt),
      payer_name: person(payRng.chance(0.5)).fullName,
      purpose,
      period: null,
      status: 'UNMATCHED',
      matched_at: null,
      matched_by_staff_id: null,
      external_id: null,
      dedupe_key: `demo:bank_import:unmatched:${i + 1}`,
      import_batch_id: lastBatch.id,
      created_at: moscowInstant(
        paidAt.getUTCFullYear(),
        paidAt.getUTCMonth() + 1,
        paidAt.getUTCDate(),
        12,
        0,
      ),
    });
  });
  for (const [month, batch] of batches) {
    const next = month + 1;
    const label = `${yearOf(month)}-${String(monthOf(month)).padStart(2, '0')}`;
    add('importBatches', {
      id: batch.id,
      organization_id: orgId,
      kind: 'BANK_STATEMENT',
      file_name: `kl_to_1c_${label}.txt`,
      sha256: createHash('sha256').update(`domovoy-demo-statement:${label}`).digest('hex'),
      stats: JSON.stringify({
        documents: batch.documents,
        inserted: batch.documents,
        duplicates: 0,
        unmatched: batch.unmatched,
      }),
      created_by_staff_id: staffId('ACCOUNTANT'),
      created_at: notAfterNow(moscowInstant(yearOf(next), monthOf(next), 1, 9, 30)),
    });
  }

  // ── Legal reference data, SLA, tickets, FAQ ─────────────────────────────────────────────────────────────
  for (const rate of KEY_RATES) {
    add('keyRates', {
      id: newId(),
      valid_from: rate.validFrom,
      rate_bp: rate.rateBp,
      source: KEY_RATE_SOURCE,
    });
  }
  for (const rule of PENALTY_RULES) {
    add('penaltyRules', {
      id: newId(),
      kind: rule.kind,
      valid_from: rule.validFrom,
      valid_to: rule.validTo,
      value: rule.value,
      source: rule.source,
    });
  }
  for (const rule of SLA_RULES) {
    add('slaRules', {
      id: newId(),
      organization_id: orgId,
      house_id: rule.house === null ? null : houseIds[rule.house - 1]!,
      category: rule.category,
      urgency: rule.urgency,
      reaction_minutes: rule.reactionMinutes,
      resolution_minutes: rule.resolutionMinutes,
    });
  }
  buildTickets({
    now,
    add,
    newId,
    staffId,
    houseIds,
    entrancesByHouse,
    premisesList,
  });
  FAQ.forEach((entry, i) => {
    add('faq', {
      id: newId(),
      organization_id: orgId,
      house_id: entry.house === null ? null : houseIds[entry.house - 1]!,
      question: entry.question,
      answer: entry.answer,
      language: entry.language,
      position: i + 1,
      published: entry.published,
      created_at: registryAt,
    });
  });

  return {
    tables: (Object.keys(T) as TableKey[]).map((key) => ({ spec: T[key], rows: rows[key] })),
    houses: HOUSES.map((h) => ({ number: h.number, address: h.address })),
  };
}

interface TicketContext {
  now: Date;
  add: (table: TableKey, row: Row) => void;
  newId: () => string;
  staffId: (role: StaffRoleName) => string;
  houseIds: string[];
  entrancesByHouse: { id: string; number: number }[][];
  premisesList: PremisesModel[];
}

interface TicketEvent {
  /** Minutes after the previous event. */
  after: number;
  actor: StaffRoleName | 'SYSTEM';
  field: 'status' | 'assignee';
  from: string | null;
  to: string | null;
  comment?: string;
  message?: { text: string; internal: boolean };
}

/** Ticket stories → tickets with their history and messages, each ending `idleMinutes` before now. */
function buildTickets(ctx: TicketContext) {
  const rng = createRng('tickets');
  const built = TICKET_STORIES.map((story) => {
    const front: StaffRoleName = story.house === 1 ? 'DISPATCHER' : 'MANAGER';
    const events = storyEvents(story, front, rng);
    const span = events.reduce((sum, e) => sum + e.after, 0);
    const createdAt = new Date(ctx.now.getTime() - (story.idleMinutes + span) * 60_000);
    return { story, front, events, createdAt };
  });
  const numbers = new Map<string, number>();
  for (const house of [1, 2] as const) {
    built
      .filter((t) => t.story.house === house)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .forEach((t, i) => {
        numbers.set(`${house}:${TICKET_STORIES.indexOf(t.story)}`, i + 1);
      });
  }
  for (const { story, front, events, createdAt } of built) {
    const id = ctx.newId();
    const houseId = ctx.houseIds[story.house - 1]!;
    const flats = ctx.premisesList.filter((p) => p.houseId === houseId && p.kind === 'FLAT');
    const premises = story.location === 'FLAT' ? rng.pick(flats) : null;
    const entrances = ctx.entrancesByHouse[story.house - 1]!;
    const entrance = ['ENTRANCE', 'LIFT', 'FLOOR'].includes(story.location) ? rng.pick(entrances) : null;
    const sla = slaFor(story);
    const reactionDueAt =
      story.urgency === 'EMERGENCY'
        ? new Date(createdAt.getTime() + sla.reactionMinutes * 60_000)
        : addWorkingMinutes(createdAt, sla.reactionMinutes);
    const dueAt =
      story.urgency === 'EMERGENCY'
        ? new Date(createdAt.getTime() + sla.resolutionMinutes * 60_000)
        : addWorkingMinutes(createdAt, sla.resolutionMinutes);

    const history: Row[] = [];
    const messages: Row[] = [];
    const record = (at: Date, event: Omit<TicketEvent, 'after'>) => {
      const staff = event.actor === 'SYSTEM' ? null : ctx.staffId(event.actor);
      history.push({
        ticket_id: id,
        actor_kind: event.actor === 'SYSTEM' ? 'SYSTEM' : 'STAFF',
        actor_staff_id: staff,
        field: event.field,
        from_value: event.from,
        to_value: event.to,
        comment: event.comment ?? null,
        created_at: at,
      });
      if (event.message) {
        messages.push({
          id: ctx.newId(),
          ticket_id: id,
          author_kind: event.actor === 'SYSTEM' ? 'SYSTEM' : 'STAFF',
          staff_user_id: staff,
          text: event.message.text,
          internal: event.message.internal,
          created_at: at,
        });
      }
    };
    record(createdAt, {
      actor: front,
      field: 'status',
      from: null,
      to: 'NEW',
      comment: 'Принята по телефону',
    });
    let at = createdAt;
    let reactedAt: Date | null = null;
    let resolvedAt: Date | null = null;
    let closedAt: Date | null = null;
    let cancelledAt: Date | null = null;
    let assignee: string | null = null;
    let reopenCount = 0;
    for (const event of events) {
      at = new Date(at.getTime() + event.after * 60_000);
      if (event.field === 'assignee') {
        assignee = ctx.staffId('EXECUTOR');
        record(at, { ...event, to: assignee });
        continue;
      }
      if (event.to === 'ACCEPTED' && reactedAt === null) reactedAt = at;
      if (event.to === 'DONE') resolvedAt = at;
      if (event.to === 'REOPENED') {
        resolvedAt = null;
        reopenCount++;
      }
      if (event.to === 'CLOSED') closedAt = at;
      if (event.to === 'CANCELLED') cancelledAt = at;
      record(at, event);
    }
    ctx.add('tickets', {
      id,
      house_id: houseId,
      number: numbers.get(`${story.house}:${TICKET_STORIES.indexOf(story)}`)!,
      premises_id: premises?.id ?? null,
      account_id: premises?.accountId ?? null,
      created_by_staff_id: ctx.staffId(front),
      category: story.category,
      urgency: story.urgency,
      status: story.status,
      location_kind: story.location,
      entrance_id: entrance?.id ?? premises?.entranceId ?? null,
      location_detail: story.detail ?? (entrance ? `подъезд ${entrance.number}` : null),
      description: story.description,
      assignee_id: assignee,
      reaction_due_at: reactionDueAt,
      due_at: dueAt,
      reacted_at: reactedAt,
      resolved_at: resolvedAt,
      closed_at: closedAt,
      cancelled_at: cancelledAt,
      reopen_count: reopenCount,
      created_at: createdAt,
      updated_at: at,
    });
    for (const row of messages) ctx.add('ticketMessages', row);
    for (const row of history) ctx.add('ticketHistory', row);
  }
}

function slaFor(story: TicketStory) {
  const candidates = SLA_RULES.filter(
    (r) =>
      r.urgency === story.urgency &&
      (r.house === null || r.house === story.house) &&
      (r.category === null || r.category === story.category),
  );
  // Most specific wins: house over organisation, category over any category.
  candidates.sort((a, b) => specificity(b) - specificity(a));
  return candidates[0]!;
}

const specificity = (r: (typeof SLA_RULES)[number]) =>
  (r.house === null ? 0 : 2) + (r.category === null ? 0 : 1);

/** The transitions that take a story from NEW to its final status (DOMAIN.md, "Tickets"). */
function storyEvents(story: TicketStory, front: StaffRoleName, rng: Rng): TicketEvent[] {
  const emergency = story.urgency === 'EMERGENCY';
  const events: TicketEvent[] = [];
  const target: TicketStatusName = story.status;
  if (target === 'NEW') return events;
  if (target === 'CANCELLED') {
    events.push({
      after: rng.int(30, 600),
      actor: front,
      field: 'status',
      from: 'NEW',
      to: 'CANCELLED',
      comment: story.reason ?? 'Отменена',
      message: { text: `Заявка отменена. ${story.reason ?? ''}`.trim(), internal: false },
    });
    return events;
  }
  const reaction = emergency
    ? rng.int(3, 20)
    : story.urgency === 'URGENT'
      ? rng.int(15, 90)
      : story.urgency === 'NORMAL'
        ? rng.int(30, 300)
        : rng.int(60, 900);
  events.push({
    after: reaction,
    actor: front,
    field: 'status',
    from: 'NEW',
    to: 'ACCEPTED',
    ...(story.acceptReply ? { message: { text: story.acceptReply, internal: false } } : {}),
  });
  events.push({ after: 1, actor: front, field: 'assignee', from: null, to: null });
  if (target === 'ACCEPTED') return events;
  events.push({
    after: emergency ? rng.int(10, 40) : rng.int(60, 1440),
    actor: 'EXECUTOR',
    field: 'status',
    from: 'ACCEPTED',
    to: 'IN_PROGRESS',
    ...(story.note ? { message: { text: story.note, internal: true } } : {}),
  });
  if (target === 'IN_PROGRESS') return events;
  if (target === 'ON_HOLD') {
    events.push({
      after: rng.int(30, 240),
      actor: 'EXECUTOR',
      field: 'status',
      from: 'IN_PROGRESS',
      to: 'ON_HOLD',
      comment: story.holdReason ?? 'Приостановлена',
      ...(story.holdReason ? { message: { text: story.holdReason, internal: false } } : {}),
    });
    return events;
  }
  events.push({
    after: emergency ? rng.int(40, 180) : rng.int(120, 2880),
    actor: 'EXECUTOR',
    field: 'status',
    from: 'IN_PROGRESS',
    to: 'DONE',
    ...(story.doneReply ? { message: { text: story.doneReply, internal: false } } : {}),
  });
  if (target === 'DONE') return events;
  if (target === 'CLOSED') {
    if (story.confirmedByPhone) {
      events.push({
        after: rng.int(120, 1440),
        actor: front,
        field: 'status',
        from: 'DONE',
        to: 'CLOSED',
        comment: 'Житель подтвердил выполнение по телефону',
      });
    } else {
      events.push({
        after: 3 * 24 * 60,
        actor: 'SYSTEM',
        field: 'status',
        from: 'DONE',
        to: 'CLOSED',
        comment: 'Закрыта автоматически: нет ответа жителя 3 дня',
        message: { text: 'Заявка закрыта автоматически: ответа не было 3 дня.', internal: false },
      });
    }
    return events;
  }
  // REOPENED: the resident disagreed (relayed by phone); waits to be accepted again.
  events.push({
    after: rng.int(600, 2880),
    actor: front,
    field: 'status',
    from: 'DONE',
    to: 'REOPENED',
    comment: story.reason ?? 'Возобновлена по просьбе жителя',
    message: { text: story.reason ?? 'Возобновлена по просьбе жителя', internal: true },
  });
  return events;
}
