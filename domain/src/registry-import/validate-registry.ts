import { IssueList, type RegistryIssue } from './issues.ts';
import {
  type CellValue,
  columnOfHeader,
  type RawRecord,
  REGISTRY_COLUMNS,
  REQUIRED_COLUMNS,
  type RegistryColumn,
} from './layout.ts';
import type { RegistryTable } from './read-registry-file.ts';
import {
  canonicalDecimal,
  cellText,
  codeKey,
  decimalText,
  type Fraction,
  type MeterTypeName,
  moscowToday,
  type OwnerKindName,
  type PremisesKindName,
  parseDate,
  parseDecimal,
  parseDigits,
  parseInteger,
  parseMeterType,
  parseOwnerKind,
  parsePhone,
  parsePremisesKind,
  parseShare,
  textKey,
} from './values.ts';

export const MAX_REGISTRY_ROWS = 200_000;

// ─── The model: the file's entities, merged across rows by natural key ─────────────────────────────────────
// A blank optional cell means "not given": a new entity gets the default, an existing one keeps its value.

export interface FileOwnerShare {
  row: number;
  nameKey: string;
  name: string;
  kind: OwnerKindName | null;
  phone: string | null;
  share: Fraction;
}

export interface FileMeter {
  row: number;
  key: string;
  type: MeterTypeName;
  serial: string;
  accountNumber: string;
  zones: number | null;
  digits: { integer: number; fraction: number } | null;
  verificationDue: string;
  installed: string | null;
  /** Canonical decimal strings, one per zone. */
  lastValues: string[];
  lastValueDate: string | null;
}

export interface FileAccount {
  row: number;
  number: string;
  registeredPersons: number | null;
  /** The first owner named on the account's rows: printed on receipts as the payer of a new account. */
  payerName: string | null;
}

export interface FilePremises {
  row: number;
  key: string;
  houseKey: string;
  number: string;
  kind: PremisesKindName | null;
  /** Canonical decimal, 2 decimals at most. */
  area: string;
  floor: number | null;
  entrance: number | null;
  accounts: Map<string, FileAccount>;
  owners: Map<string, FileOwnerShare>;
  meters: Map<string, FileMeter>;
}

export interface FileHouse {
  row: number;
  key: string;
  address: string;
  premises: Map<string, FilePremises>;
}

export interface RegistryModel {
  houses: Map<string, FileHouse>;
  /** Rows that passed validation and went into the model. */
  goodRows: number;
}

export interface RegistryValidation {
  /** Data rows in the file (non-empty rows below the header). */
  rowCount: number;
  model: RegistryModel;
  issues: RegistryIssue[];
  /** Header text per recognised column, as written in the file. */
  headers: Partial<Record<RegistryColumn, string>>;
}

// ─── Header and records ─────────────────────────────────────────────────────────────────────────────────────

/** Finds the header row (the first of the first 20 rows naming ≥ 2 known columns) and keys the rows below by it. */
export function extractRecords(table: RegistryTable): {
  records: RawRecord[];
  headers: Partial<Record<RegistryColumn, string>>;
  issues: IssueList;
} {
  const candidates = table.rows.slice(0, 20);
  const headerRow = candidates.find(
    (r) => r.cells.filter((c) => typeof c === 'string' && columnOfHeader(c) !== undefined).length >= 2,
  );
  if (!headerRow) {
    const issues = new IssueList();
    issues.error(
      table.rows[0]?.row ?? 0,
      undefined,
      'header.not_found',
      `no header row found: the first row must name the columns (${REQUIRED_COLUMNS.join(', ')}, …)`,
    );
    return { records: [], headers: {}, issues };
  }
  const headers: Partial<Record<RegistryColumn, string>> = {};
  const positions: [number, RegistryColumn][] = [];
  const issues = new IssueList(headers);
  headerRow.cells.forEach((cell, index) => {
    const title = cellText(cell);
    if (title === '') return;
    const column = columnOfHeader(title);
    if (!column) {
      issues.warning(
        headerRow.row,
        undefined,
        'header.unknown_column',
        `column "${title}" is not part of the layout and is ignored`,
        { header: title },
      );
      return;
    }
    if (headers[column] !== undefined) {
      issues.error(
        headerRow.row,
        column,
        'header.duplicate_column',
        `columns "${headers[column]}" and "${title}" both mean ${column}`,
        { header: title, other: headers[column]! },
      );
      return;
    }
    headers[column] = title;
    positions.push([index, column]);
  });
  for (const column of REQUIRED_COLUMNS) {
    if (headers[column] === undefined) {
      issues.error(
        headerRow.row,
        column,
        'header.missing_column',
        `the required column ${column} is missing`,
        {
          column,
        },
      );
    }
  }
  const records: RawRecord[] = [];
  for (const r of table.rows) {
    if (r.row <= headerRow.row) continue;
    const cells: RawRecord['cells'] = {};
    let any = false;
    for (const [index, column] of positions) {
      const cell = r.cells[index];
      if (cell === undefined) continue;
      if (typeof cell === 'string' && cell.trim() === '') continue;
      cells[column] = cell;
      any = true;
    }
    if (any) records.push({ row: r.row, cells });
  }
  return { records, headers, issues };
}

// ─── Validation ─────────────────────────────────────────────────────────────────────────────────────────────

/** One row's values after cell checks; a value whose cell is bad is left empty. */
interface RowValues {
  /** No cell of the row has an error. */
  ok: boolean;
  /** Address, premises number and account number are usable (for the cross-row account check). */
  keysOk: boolean;
  row: number;
  address: string;
  houseKey: string;
  entrance: number | null;
  number: string;
  premisesKey: string;
  kind: PremisesKindName | null;
  area: string;
  floor: number | null;
  account: string;
  registeredPersons: number | null;
  owner: Omit<FileOwnerShare, 'row'> | null;
  meter: Omit<FileMeter, 'row' | 'key' | 'accountNumber'> | null;
}

const OWNER_COLUMNS: RegistryColumn[] = ['owner_name', 'owner_kind', 'owner_share', 'owner_phone'];
const METER_COLUMNS: RegistryColumn[] = [
  'meter_type',
  'meter_serial',
  'meter_zones',
  'meter_digits',
  'meter_verification_due',
  'meter_installed',
  'meter_last_value',
  'meter_last_value_date',
];
const DEFAULT_DIGITS = { integer: 5, fraction: 3 };
/** meter_readings.value is numeric(14,3). */
const MAX_STORED_FRACTION = 3;

const MAX_LENGTH: Partial<Record<RegistryColumn, number>> = {
  house_address: 300,
  premises_number: 20,
  owner_name: 300,
  meter_serial: 50,
};

/**
 * Checks every row and every cross-row rule, never stopping at the first problem, and merges the good rows into
 * the model the planner works from.
 */
export function validateRegistry(
  table: RegistryTable,
  options: { now?: Date; onProgress?: (done: number, total: number) => void } = {},
): RegistryValidation {
  const { records, headers, issues } = extractRecords(table);
  const today = moscowToday(options.now ?? new Date());
  const model: RegistryModel = { houses: new Map(), goodRows: 0 };
  if (records.length > MAX_REGISTRY_ROWS) {
    issues.error(
      0,
      undefined,
      'file.too_many_rows',
      `the file has ${records.length} rows; split it into files of at most ${MAX_REGISTRY_ROWS}`,
      { rows: records.length, max: MAX_REGISTRY_ROWS },
    );
    return { rowCount: records.length, model, issues: issues.items, headers };
  }
  if (issues.errorCount === 0 && records.length === 0) {
    issues.error(0, undefined, 'file.empty', 'the file has a header row but no data rows');
  }
  if (issues.errorCount > 0) return { rowCount: records.length, model, issues: issues.items, headers };

  const seenRows = new Map<string, number>();
  const accountOwner = new Map<string, { premises: string; row: number; number: string; address: string }>();
  const ownerPhones = new Map<string, { phone: string | null; kind: OwnerKindName | null; row: number }>();

  let done = 0;
  for (const record of records) {
    const values = checkRow(record, issues, today);
    done++;
    if (done % 2000 === 0) options.onProgress?.(done, records.length);
    if (!values.ok) {
      // A bad row still shows its account clash now rather than after the other fixes.
      if (values.keysOk) checkAccountPremises(values, issues, accountOwner);
      continue;
    }

    // Exact duplicate rows.
    const rowKey = REGISTRY_COLUMNS.map((c) => cellText(record.cells[c])).join('\u0001');
    const earlier = seenRows.get(rowKey);
    if (earlier !== undefined) {
      issues.error(record.row, undefined, 'row.duplicate', `the row repeats row ${earlier}`, {
        firstRow: earlier,
      });
      continue;
    }
    seenRows.set(rowKey, record.row);

    if (!mergeRow(model, values, issues, accountOwner, ownerPhones)) continue;
    model.goodRows++;
  }
  options.onProgress?.(records.length, records.length);

  checkShares(model, issues);
  return { rowCount: records.length, model, issues: issues.items, headers };
}

/** The cells of one row as text, and the checks shared by its columns (methods, not per-row closures). */
class RowCheck {
  readonly row: number;
  private readonly texts: Partial<Record<RegistryColumn, string>> = {};

  constructor(
    readonly record: RawRecord,
    readonly issues: IssueList,
    readonly today: string,
  ) {
    this.row = record.row;
    for (const column in record.cells) {
      this.texts[column as RegistryColumn] = cellText(record.cells[column as RegistryColumn]);
    }
  }

  text(c: RegistryColumn): string {
    return this.texts[c] ?? '';
  }

  any(columns: readonly RegistryColumn[]): boolean {
    for (const column of columns) if (this.text(column) !== '') return true;
    return false;
  }

  required(c: RegistryColumn, why = ''): string {
    const t = this.text(c);
    if (t === '') this.issues.error(this.row, c, 'value.required', `${c} is required${why}`, { column: c });
    return t;
  }

  integer(c: RegistryColumn, min: number, max: number): number | null {
    const t = this.text(c);
    if (t === '') return null;
    const parsed = parseInteger(t, min, max);
    if (parsed.ok) return parsed.value;
    const code = /outside/.test(parsed.reason) ? 'value.out_of_range' : 'value.not_integer';
    this.issues.error(this.row, c, code, `${c}: ${parsed.reason}`, { value: t, min, max });
    return null;
  }

  date(c: RegistryColumn, allowFuture: boolean): string | null {
    const t = this.text(c);
    if (t === '') return null;
    const parsed = parseDate(this.record.cells[c] as CellValue);
    if (!parsed.ok) {
      this.issues.error(this.row, c, 'date.invalid', `${c}: ${parsed.reason}`, { value: t });
      return null;
    }
    if (!allowFuture && parsed.value > this.today) {
      this.issues.error(this.row, c, 'date.in_future', `${c}: ${t} is in the future`, { value: t });
      return null;
    }
    return parsed.value;
  }
}

const MAX_LENGTH_ENTRIES = Object.entries(MAX_LENGTH) as [RegistryColumn, number][];

function checkRow(record: RawRecord, issues: IssueList, today: string): RowValues {
  const { row } = record;
  const before = issues.errorCount;
  const c = new RowCheck(record, issues, today);
  for (const [column, max] of MAX_LENGTH_ENTRIES) {
    if (c.text(column).length > max) {
      issues.error(row, column, 'value.too_long', `${column} is longer than ${max} characters`, { max });
    }
  }

  // Premises and account.
  const address = c.required('house_address');
  const number = c.required('premises_number');
  const entrance = c.integer('entrance', 1, 200);
  const floor = c.integer('floor', -5, 200);
  const registeredPersons = c.integer('registered_persons', 0, 100);

  let kind: PremisesKindName | null = null;
  if (c.text('premises_kind') !== '') {
    const parsed = parsePremisesKind(c.text('premises_kind'));
    if (parsed.ok) kind = parsed.value;
    else
      issues.error(row, 'premises_kind', 'premises_kind.invalid', `premises_kind: ${parsed.reason}`, {
        value: c.text('premises_kind'),
      });
  }

  let area = '';
  const areaText = c.required('area');
  if (areaText !== '') {
    const parsed = parseDecimal(areaText);
    if (!parsed.ok) issues.error(row, 'area', 'area.invalid', `area: ${parsed.reason}`, { value: areaText });
    else if (parsed.value.frac.length > 2) {
      issues.error(row, 'area', 'area.too_precise', `area ${areaText} has more than 2 decimals`, {
        value: areaText,
      });
    } else if (/^0*$/.test(parsed.value.int + parsed.value.frac)) {
      issues.error(row, 'area', 'area.not_positive', 'area must be greater than 0', { value: areaText });
    } else if (parsed.value.int.length > 8) {
      issues.error(row, 'area', 'value.out_of_range', `area ${areaText} is too large`, { value: areaText });
    } else area = decimalText(parsed.value);
  }

  const accountText = c.required('account_number');
  const account = accountText.replace(/\s/g, '');
  if (accountText !== '' && !/^\d{6,12}$/.test(account)) {
    issues.error(
      row,
      'account_number',
      'account_number.invalid',
      `account_number "${accountText}" must be 6 to 12 digits`,
      { value: accountText },
    );
  }

  // Owner.
  let owner: RowValues['owner'] = null;
  if (c.any(OWNER_COLUMNS)) {
    const name = c.required('owner_name', ' when the row has owner details');
    const shareText = c.required('owner_share', ' when the row has an owner');
    let share: Fraction | null = null;
    if (shareText !== '') {
      const parsed = parseShare(shareText);
      if (parsed.ok) share = parsed.value;
      else
        issues.error(row, 'owner_share', 'owner_share.invalid', `owner_share: ${parsed.reason}`, {
          value: shareText,
        });
    }
    let phone: string | null = null;
    if (c.text('owner_phone') !== '') {
      const parsed = parsePhone(c.text('owner_phone'));
      if (parsed.ok) phone = parsed.value;
      else
        issues.error(row, 'owner_phone', 'owner_phone.invalid', `owner_phone: ${parsed.reason}`, {
          value: c.text('owner_phone'),
        });
    }
    let ownerKind: OwnerKindName | null = null;
    if (c.text('owner_kind') !== '') {
      const parsed = parseOwnerKind(c.text('owner_kind'));
      if (parsed.ok) ownerKind = parsed.value;
      else
        issues.error(row, 'owner_kind', 'owner_kind.invalid', `owner_kind: ${parsed.reason}`, {
          value: c.text('owner_kind'),
        });
    }
    if (name !== '' && share) owner = { name, nameKey: textKey(name), kind: ownerKind, phone, share };
  }

  // Meter.
  let meter: RowValues['meter'] = null;
  if (c.any(METER_COLUMNS)) {
    const why = ' when the row has meter details';
    const typeText = c.required('meter_type', why);
    const serial = c.required('meter_serial', why);
    let type: MeterTypeName | null = null;
    if (typeText !== '') {
      const parsed = parseMeterType(typeText);
      if (parsed.ok) type = parsed.value;
      else
        issues.error(row, 'meter_type', 'meter_type.invalid', `meter_type: ${parsed.reason}`, {
          value: typeText,
        });
    }
    let zones: number | null = null;
    if (c.text('meter_zones') !== '') {
      const parsed = parseInteger(c.text('meter_zones'), 1, 3);
      if (!parsed.ok) {
        issues.error(row, 'meter_zones', 'meter_zones.invalid', `meter_zones: ${parsed.reason} (1, 2 or 3)`, {
          value: c.text('meter_zones'),
        });
      } else if (parsed.value > 1 && type !== null && type !== 'ELECTRICITY') {
        issues.error(
          row,
          'meter_zones',
          'meter_zones.single_zone_type',
          `only electricity meters have several tariff zones; this is ${typeText}`,
          { value: parsed.value },
        );
      } else zones = parsed.value;
    }
    let digits: { integer: number; fraction: number } | null = null;
    if (c.text('meter_digits') !== '') {
      const parsed = parseDigits(c.text('meter_digits'));
      if (parsed.ok) digits = parsed.value;
      else
        issues.error(row, 'meter_digits', 'meter_digits.invalid', `meter_digits: ${parsed.reason}`, {
          value: c.text('meter_digits'),
        });
    }
    const verificationDue =
      c.required('meter_verification_due', why) === '' ? null : c.date('meter_verification_due', true);
    if (verificationDue !== null && verificationDue < today) {
      issues.warning(
        row,
        'meter_verification_due',
        'meter_verification_due.past',
        `the meter's verification was due on ${c.text('meter_verification_due')}: it needs verifying before its readings count`,
        { value: c.text('meter_verification_due') },
      );
    }
    const installed = c.date('meter_installed', false);
    const lastValueDate = c.date('meter_last_value_date', false);

    const lastValues: string[] = [];
    const lastText = c.required('meter_last_value', why);
    if (lastText !== '') {
      const parts = lastText.split(/\s*[;|/]\s*/);
      const capacity = digits ?? DEFAULT_DIGITS;
      const expected = zones ?? 1;
      let bad = false;
      for (const part of parts) {
        const parsed = parseDecimal(part);
        if (!parsed.ok) {
          issues.error(
            row,
            'meter_last_value',
            'meter_last_value.invalid',
            `meter_last_value: ${parsed.reason}`,
            {
              value: part,
            },
          );
          bad = true;
        } else if (parsed.value.int.length > capacity.integer) {
          issues.error(
            row,
            'meter_last_value',
            'meter_last_value.over_capacity',
            `meter_last_value ${part} does not fit ${capacity.integer} integer digits`,
            { value: part, integerDigits: capacity.integer },
          );
          bad = true;
        } else if (parsed.value.frac.length > Math.min(capacity.fraction, MAX_STORED_FRACTION)) {
          issues.error(
            row,
            'meter_last_value',
            'meter_last_value.too_precise',
            `meter_last_value ${part} has more than ${Math.min(capacity.fraction, MAX_STORED_FRACTION)} decimals`,
            { value: part, fractionDigits: Math.min(capacity.fraction, MAX_STORED_FRACTION) },
          );
          bad = true;
        } else lastValues.push(decimalText(parsed.value));
      }
      if (!bad && parts.length !== expected) {
        issues.error(
          row,
          'meter_last_value',
          'meter_last_value.zone_count',
          `meter_last_value has ${parts.length} value(s) for a ${expected}-zone meter (separate zones with ";")`,
          { values: parts.length, zones: expected },
        );
      }
    }
    if (type && serial !== '' && verificationDue !== null && lastValues.length === (zones ?? 1)) {
      meter = {
        type,
        serial,
        zones,
        digits,
        verificationDue,
        installed,
        lastValues,
        lastValueDate,
      };
    }
  }

  return {
    ok: issues.errorCount === before,
    keysOk:
      address !== '' &&
      address.length <= (MAX_LENGTH.house_address ?? 0) &&
      number !== '' &&
      number.length <= (MAX_LENGTH.premises_number ?? 0) &&
      /^\d{6,12}$/.test(account),
    row,
    address,
    houseKey: houseKeyOf(address),
    entrance,
    number,
    premisesKey: codeKey(number),
    kind,
    area,
    floor,
    account,
    registeredPersons,
    owner,
    meter,
  };
}

/** Adds a good row to the model; reports conflicts with earlier rows (then the row is left out). */
function mergeRow(
  model: RegistryModel,
  v: RowValues,
  issues: IssueList,
  accountOwner: Map<string, { premises: string; row: number; number: string; address: string }>,
  ownerPhones: Map<string, { phone: string | null; kind: OwnerKindName | null; row: number }>,
): boolean {
  const before = issues.errorCount;
  let house = model.houses.get(v.houseKey);
  const premisesRef = `${v.houseKey}\u0001${v.premisesKey}`;

  const accountSeen = checkAccountPremises(v, issues, accountOwner);

  const premises = house?.premises.get(v.premisesKey);
  if (premises) {
    premisesConflict(issues, v, premises, 'area', canonicalDecimal(premises.area), canonicalDecimal(v.area));
    premisesConflict(issues, v, premises, 'premises_kind', premises.kind, v.kind);
    premisesConflict(issues, v, premises, 'floor', premises.floor, v.floor);
    premisesConflict(issues, v, premises, 'entrance', premises.entrance, v.entrance);
    const account = premises.accounts.get(v.account);
    if (
      account &&
      account.registeredPersons !== null &&
      v.registeredPersons !== null &&
      account.registeredPersons !== v.registeredPersons
    ) {
      issues.error(
        v.row,
        'registered_persons',
        'account.conflict',
        `account ${v.account} has ${v.registeredPersons} registered persons here but ${account.registeredPersons} in row ${account.row}`,
        { firstRow: account.row },
      );
    }
    if (v.owner) {
      const o = premises.owners.get(v.owner.nameKey);
      if (o) {
        const same =
          o.share.n === v.owner.share.n &&
          o.share.d === v.owner.share.d &&
          (o.phone === null || v.owner.phone === null || o.phone === v.owner.phone) &&
          (o.kind === null || v.owner.kind === null || o.kind === v.owner.kind);
        if (!same) {
          issues.error(
            v.row,
            'owner_share',
            'owner.conflict',
            `owner ${v.owner.name} of premises ${v.number} is given differently in row ${o.row} (share, phone or kind)`,
            { firstRow: o.row },
          );
        }
      }
    }
    if (v.meter) {
      const m = premises.meters.get(meterKey(v.meter.type, v.meter.serial));
      if (m) {
        const same =
          m.accountNumber === v.account &&
          m.zones === v.meter.zones &&
          m.digits?.integer === v.meter.digits?.integer &&
          m.digits?.fraction === v.meter.digits?.fraction &&
          m.verificationDue === v.meter.verificationDue &&
          m.installed === v.meter.installed &&
          m.lastValueDate === v.meter.lastValueDate &&
          m.lastValues.join(';') === v.meter.lastValues.join(';');
        if (!same) {
          issues.error(
            v.row,
            'meter_serial',
            'meter.conflict',
            `meter ${v.meter.serial} (${v.meter.type.toLowerCase()}) of premises ${v.number} is given with other details in row ${m.row}; a serial is listed once per premises and type`,
            { firstRow: m.row, serial: v.meter.serial },
          );
        }
      }
    }
  }
  // The same person (name + phone) in several premises must have one kind.
  if (v.owner?.phone) {
    const personKey = `${v.owner.nameKey}\u0001${v.owner.phone}`;
    const seen = ownerPhones.get(personKey);
    if (seen && seen.kind !== null && v.owner.kind !== null && seen.kind !== v.owner.kind) {
      issues.error(
        v.row,
        'owner_kind',
        'owner.conflict',
        `owner ${v.owner.name} is given as ${v.owner.kind.toLowerCase()} here but ${seen.kind.toLowerCase()} in row ${seen.row}`,
        { firstRow: seen.row },
      );
    } else if (!seen) ownerPhones.set(personKey, { phone: v.owner.phone, kind: v.owner.kind, row: v.row });
  }
  if (issues.errorCount > before) return false;

  // Merge.
  if (!accountSeen) {
    accountOwner.set(v.account, { premises: premisesRef, row: v.row, number: v.number, address: v.address });
  }
  if (!house) {
    house = { row: v.row, key: v.houseKey, address: v.address, premises: new Map() };
    model.houses.set(v.houseKey, house);
  }
  let p = house.premises.get(v.premisesKey);
  if (!p) {
    p = {
      row: v.row,
      key: v.premisesKey,
      houseKey: v.houseKey,
      number: v.number,
      kind: v.kind,
      area: v.area,
      floor: v.floor,
      entrance: v.entrance,
      accounts: new Map(),
      owners: new Map(),
      meters: new Map(),
    };
    house.premises.set(v.premisesKey, p);
  } else {
    p.kind ??= v.kind;
    p.floor ??= v.floor;
    p.entrance ??= v.entrance;
  }
  let account = p.accounts.get(v.account);
  if (!account) {
    account = { row: v.row, number: v.account, registeredPersons: v.registeredPersons, payerName: null };
    p.accounts.set(v.account, account);
  } else account.registeredPersons ??= v.registeredPersons;
  if (v.owner) {
    account.payerName ??= v.owner.name;
    const o = p.owners.get(v.owner.nameKey);
    if (!o) p.owners.set(v.owner.nameKey, { row: v.row, ...v.owner });
    else {
      o.phone ??= v.owner.phone;
      o.kind ??= v.owner.kind;
    }
  }
  if (v.meter) {
    const key = meterKey(v.meter.type, v.meter.serial);
    if (!p.meters.has(key)) p.meters.set(key, { row: v.row, key, accountNumber: v.account, ...v.meter });
  }
  return true;
}

type AccountOwners = Map<string, { premises: string; row: number; number: string; address: string }>;

/** An account belongs to one premises: reports a row giving it for another one. Returns its first row. */
function checkAccountPremises(v: RowValues, issues: IssueList, accountOwner: AccountOwners) {
  const accountSeen = accountOwner.get(v.account);
  if (accountSeen && accountSeen.premises !== `${v.houseKey}\u0001${v.premisesKey}`) {
    issues.error(
      v.row,
      'account_number',
      'account.other_premises',
      `account ${v.account} is given for premises ${accountSeen.number} (${accountSeen.address}) in row ${accountSeen.row}; an account belongs to one premises`,
      { account: v.account, firstRow: accountSeen.row },
    );
  }
  return accountSeen;
}

function premisesConflict(
  issues: IssueList,
  v: RowValues,
  premises: FilePremises,
  column: RegistryColumn,
  a: unknown,
  b: unknown,
) {
  if (a === null || b === null || a === b) return;
  issues.error(
    v.row,
    column,
    'premises.conflict',
    `premises ${v.number} has ${column} ${String(b)} here but ${String(a)} in row ${premises.row}`,
    { firstRow: premises.row, column },
  );
}

/** Few distinct addresses, many rows: their keys are worth remembering. */
const HOUSE_KEYS = new Map<string, string>();
function houseKeyOf(address: string): string {
  let key = HOUSE_KEYS.get(address);
  if (key === undefined) {
    key = textKey(address);
    if (HOUSE_KEYS.size > 10_000) HOUSE_KEYS.clear();
    HOUSE_KEYS.set(address, key);
  }
  return key;
}

export const meterKey = (type: MeterTypeName, serial: string) => `${type}\u0001${codeKey(serial)}`;

/** Shares of one premises in the file sum to ≤ 1; the row that pushes the sum over 1 is the bad one. */
function checkShares(model: RegistryModel, issues: IssueList) {
  for (const house of model.houses.values()) {
    for (const p of house.premises.values()) {
      let n = 0n;
      let d = 1n;
      for (const o of p.owners.values()) {
        n = n * BigInt(o.share.d) + BigInt(o.share.n) * d;
        d *= BigInt(o.share.d);
        if (n > d) {
          issues.error(
            o.row,
            'owner_share',
            'shares.over_one',
            `the owners' shares of premises ${p.number} add up to more than 1 with this row`,
            { premises: p.number, sum: fractionText(n, d) },
          );
          break;
        }
      }
    }
  }
}

export function fractionText(n: bigint, d: bigint): string {
  let a = n;
  let b = d;
  while (b !== 0n) [a, b] = [b, a % b];
  const g = a === 0n ? 1n : a;
  return `${n / g}/${d / g}`;
}
