import iconv from 'iconv-lite';
import { parsePaymentAmount } from './amount.ts';

/**
 * Reads a bank statement in the 1C exchange format (1CClientBankExchange, spec v1.03): a text file of `Key=Value`
 * lines with a header, account sections (`СекцияРасчСчет` … `КонецРасчСчет`) and documents (`СекцияДокумент=…` …
 * `КонецДокумента`), ending with `КонецФайла`. Pure: bytes in, typed documents and every problem (with its line
 * number) out; nothing here knows about the database.
 */

export type StatementEncoding = 'utf-8' | 'windows-1251' | 'cp866';

export const STATEMENT_PROBLEM_CODES = [
  'file.empty',
  'file.not_1c',
  'file.no_end',
  'file.no_account',
  'file.encoding',
  'file.version',
  'file.after_end',
  'header.value',
  'section.unclosed',
  'document.unclosed',
  'document.missing_field',
  'document.sum',
  'document.date',
  'line.stray',
] as const;
export type StatementProblemCode = (typeof STATEMENT_PROBLEM_CODES)[number];

export interface StatementProblem {
  /** 1-based line of the file (0 when the problem is the file as a whole). */
  line: number;
  /** Errors make the file unusable as a whole (it is refused); warnings are reported and the import goes on. */
  severity: 'error' | 'warning';
  code: StatementProblemCode;
  message: string;
}

export type DocumentDirection = 'incoming' | 'outgoing' | 'other';

export interface BankDocument {
  /** Line of `СекцияДокумент`. */
  line: number;
  /** The document kind after `СекцияДокумент=`, e.g. «Платежное поручение». */
  kind: string;
  number: string;
  /** `Дата`: the payer's document date. */
  date: Date | null;
  amountKopecks: bigint | null;
  payerAccount: string;
  payerName: string;
  payerInn: string;
  payerBic: string;
  recipientAccount: string;
  recipientName: string;
  recipientInn: string;
  /** `ДатаПоступило`: the day the money reached the statement's account. */
  receivedAt: Date | null;
  /** `ДатаСписано`: the day it left the payer's account. */
  writtenOffAt: Date | null;
  /** `НазначениеПлатежа` with its continuations `НазначениеПлатежа1..6`, whitespace collapsed. */
  purpose: string;
  /** incoming: to one of the statement's accounts and received; outgoing: from one of them; other: neither. */
  direction: DocumentDirection;
}

export interface StatementAccountSection {
  line: number;
  account: string;
  dateFrom: Date | null;
  dateTo: Date | null;
  openingBalanceKopecks: bigint | null;
  incomingKopecks: bigint | null;
  outgoingKopecks: bigint | null;
  closingBalanceKopecks: bigint | null;
}

export interface BankStatement {
  encoding: StatementEncoding;
  formatVersion: string | null;
  /** The header's `Кодировка` as written (`Windows`, `DOS`), null when absent. */
  declaredEncoding: string | null;
  sender: string | null;
  receiver: string | null;
  createdAt: Date | null;
  dateFrom: Date | null;
  dateTo: Date | null;
  /** The statement's own accounts (header `РасчСчет` lines and account sections), 20 digits each. */
  accounts: string[];
  sections: StatementAccountSection[];
  documents: BankDocument[];
  problems: StatementProblem[];
}

const SIGNATURE = '1CClientBankExchange';
const KNOWN_VERSIONS = new Set(['1.01', '1.02', '1.03']);
const PURPOSE_LINES = 6;

/** The text of the file, decoded as DOMAIN.md says: UTF-8 (BOM or valid), else what `Кодировка=` declares. */
export function decodeStatement(content: Uint8Array): {
  text: string;
  encoding: StatementEncoding;
  problems: StatementProblem[];
} {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8', problems: [] };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', problems: [] };
  } catch {
    // Not UTF-8: one of the two single-byte encodings the 1C format allows.
  }
  // The key «Кодировка» is legible only in the encoding the bytes are really in, so it tells the truth even when
  // the value disagrees (a bank writing Windows-1251 and declaring DOS).
  const head = bytes.subarray(0, 8192);
  const as1251 = declaredEncodingIn(iconv.decode(head, 'win1251'));
  const as866 = declaredEncodingIn(iconv.decode(head, 'cp866'));
  const problems: StatementProblem[] = [];
  let encoding: StatementEncoding;
  if (as1251 !== null) {
    encoding = 'windows-1251';
    if (!/^windows$/i.test(as1251)) problems.push(encodingMismatch(as1251, 'Windows-1251'));
  } else if (as866 !== null) {
    encoding = 'cp866';
    if (!/^dos$/i.test(as866)) problems.push(encodingMismatch(as866, 'DOS (CP866)'));
  } else {
    encoding = 'windows-1251';
    problems.push({
      line: 0,
      severity: 'warning',
      code: 'file.encoding',
      message: 'the header has no readable «Кодировка=» line; the file was read as Windows-1251',
    });
  }
  return { text: iconv.decode(bytes, encoding === 'cp866' ? 'cp866' : 'win1251'), encoding, problems };
}

function declaredEncodingIn(text: string): string | null {
  const m = /^\s*Кодировка\s*=\s*(.*?)\s*$/m.exec(text);
  return m ? m[1]! : null;
}

const encodingMismatch = (declared: string, actual: string): StatementProblem => ({
  line: 0,
  severity: 'warning',
  code: 'file.encoding',
  message: `the header declares «Кодировка=${declared}» but the file is written in ${actual}; it was read as ${actual}`,
});

/** dd.mm.yyyy → a calendar date (UTC midnight, as the schema stores `date`), or null when it is not one. */
export function parseStatementDate(text: string): Date | null {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date
    : null;
}

interface OpenDocument {
  line: number;
  kind: string;
  fields: Map<string, { value: string; line: number }>;
}

interface OpenSection {
  line: number;
  fields: Map<string, { value: string; line: number }>;
}

/** Parses a statement file. Never throws for bad content: every problem is in `problems` with its line. */
export function parseBankStatement(content: Uint8Array): BankStatement {
  const decoded = decodeStatement(content);
  const statement: BankStatement = {
    encoding: decoded.encoding,
    formatVersion: null,
    declaredEncoding: null,
    sender: null,
    receiver: null,
    createdAt: null,
    dateFrom: null,
    dateTo: null,
    accounts: [],
    sections: [],
    documents: [],
    problems: [...decoded.problems],
  };
  const problems = statement.problems;
  const problem = (
    line: number,
    severity: StatementProblem['severity'],
    code: StatementProblemCode,
    message: string,
  ) => problems.push({ line, severity, code, message });

  const lines = decoded.text.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) {
    problem(0, 'error', 'file.empty', 'the file is empty');
    return statement;
  }
  if (lines[first]!.trim().replace(/^\uFEFF/, '') !== SIGNATURE) {
    problem(
      first + 1,
      'error',
      'file.not_1c',
      `this is not a 1C bank statement: the first line must be «${SIGNATURE}»; export the statement from the bank in the 1C format (1CClientBankExchange)`,
    );
    return statement;
  }

  const headerAccounts: string[] = [];
  const documents: OpenDocument[] = [];
  const sections: OpenSection[] = [];
  let doc: OpenDocument | null = null;
  let section: OpenSection | null = null;
  let ended = false;
  let afterEndReported = false;

  const closeUnfinished = (atLine: number) => {
    if (doc) {
      problem(
        doc.line,
        'error',
        'document.unclosed',
        `the document that starts here has no «КонецДокумента» before line ${atLine}`,
      );
      doc = null;
    }
    if (section) {
      problem(
        section.line,
        'error',
        'section.unclosed',
        `the account section that starts here has no «КонецРасчСчет» before line ${atLine}`,
      );
      sections.push(section);
      section = null;
    }
  };

  for (let i = first + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    if (ended) {
      if (!afterEndReported) {
        problem(lineNo, 'warning', 'file.after_end', 'text after «КонецФайла» was ignored');
        afterEndReported = true;
      }
      continue;
    }
    const eq = raw.indexOf('=');
    const key = (eq < 0 ? raw : raw.slice(0, eq)).trim();
    const value = eq < 0 ? '' : raw.slice(eq + 1).trim();

    switch (key) {
      case 'КонецФайла':
        closeUnfinished(lineNo);
        ended = true;
        continue;
      case 'СекцияДокумент':
        closeUnfinished(lineNo);
        doc = { line: lineNo, kind: value, fields: new Map() };
        continue;
      case 'КонецДокумента':
        if (!doc)
          problem(lineNo, 'warning', 'line.stray', '«КонецДокумента» without a «СекцияДокумент» was ignored');
        else documents.push(doc);
        doc = null;
        continue;
      case 'СекцияРасчСчет':
        closeUnfinished(lineNo);
        section = { line: lineNo, fields: new Map() };
        continue;
      case 'КонецРасчСчет':
        if (!section)
          problem(lineNo, 'warning', 'line.stray', '«КонецРасчСчет» without a «СекцияРасчСчет» was ignored');
        else sections.push(section);
        section = null;
        continue;
    }
    if (eq < 0) {
      problem(
        lineNo,
        'warning',
        'line.stray',
        `the line «${clip(raw.trim())}» is not «Key=Value» and was ignored`,
      );
      continue;
    }
    if (doc) doc.fields.set(key, { value, line: lineNo });
    else if (section) section.fields.set(key, { value, line: lineNo });
    else readHeaderField(statement, headerAccounts, key, value, lineNo, problem);
  }
  if (!ended) {
    closeUnfinished(lines.length + 1);
    problem(
      lines.length,
      'error',
      'file.no_end',
      'the file ends without «КонецФайла»: it is incomplete (cut off while downloading?); download the statement again',
    );
  }

  for (const s of sections) statement.sections.push(readSection(s, problem));
  const accounts = new Set<string>();
  for (const a of headerAccounts) accounts.add(a);
  for (const s of statement.sections) if (s.account) accounts.add(s.account);
  statement.accounts = [...accounts];
  if (statement.accounts.length === 0) {
    problem(
      0,
      'error',
      'file.no_account',
      'the statement names no account of its own (no «РасчСчет=» in the header or an account section), so incoming payments cannot be told apart',
    );
  }
  for (const d of documents) statement.documents.push(readDocument(d, accounts, problem));
  problems.sort((a, b) => a.line - b.line);
  return statement;
}

type Report = (
  line: number,
  severity: StatementProblem['severity'],
  code: StatementProblemCode,
  message: string,
) => void;

function readHeaderField(
  statement: BankStatement,
  accounts: string[],
  key: string,
  value: string,
  line: number,
  problem: Report,
) {
  switch (key) {
    case 'ВерсияФормата':
      statement.formatVersion = value;
      if (!KNOWN_VERSIONS.has(value)) {
        problem(
          line,
          'warning',
          'file.version',
          `format version «${clip(value)}» is not 1.03; the file was read as 1.03`,
        );
      }
      return;
    case 'Кодировка':
      statement.declaredEncoding = value;
      return;
    case 'Отправитель':
      statement.sender = value || null;
      return;
    case 'Получатель':
      statement.receiver = value || null;
      return;
    case 'ДатаСоздания':
      statement.createdAt = headerDate(value, line, key, problem);
      return;
    case 'ДатаНачала':
      statement.dateFrom = headerDate(value, line, key, problem);
      return;
    case 'ДатаКонца':
      statement.dateTo = headerDate(value, line, key, problem);
      return;
    case 'РасчСчет':
      if (value) accounts.push(value);
      return;
  }
}

function headerDate(value: string, line: number, key: string, problem: Report): Date | null {
  if (value === '') return null;
  const date = parseStatementDate(value);
  if (!date) problem(line, 'warning', 'header.value', `«${key}=${clip(value)}» is not a date dd.mm.yyyy`);
  return date;
}

function readSection(s: OpenSection, problem: Report): StatementAccountSection {
  const text = (key: string) => s.fields.get(key)?.value ?? '';
  const date = (key: string) => {
    const field = s.fields.get(key);
    if (!field || field.value === '') return null;
    const parsed = parseStatementDate(field.value);
    if (!parsed)
      problem(
        field.line,
        'warning',
        'header.value',
        `«${key}=${clip(field.value)}» is not a date dd.mm.yyyy`,
      );
    return parsed;
  };
  const sum = (key: string) => {
    const field = s.fields.get(key);
    if (!field || field.value === '') return null;
    const parsed = parsePaymentAmount(field.value);
    if (parsed === null)
      problem(
        field.line,
        'warning',
        'header.value',
        `«${key}=${clip(field.value)}» is not an amount such as 1234.56`,
      );
    return parsed;
  };
  return {
    line: s.line,
    account: text('РасчСчет'),
    dateFrom: date('ДатаНачала'),
    dateTo: date('ДатаКонца'),
    openingBalanceKopecks: sum('НачальныйОстаток'),
    incomingKopecks: sum('ВсегоПоступило'),
    outgoingKopecks: sum('ВсегоСписано'),
    closingBalanceKopecks: sum('КонечныйОстаток'),
  };
}

function readDocument(d: OpenDocument, accounts: ReadonlySet<string>, problem: Report): BankDocument {
  const text = (key: string) => d.fields.get(key)?.value ?? '';
  /** The v1.03 field, else the older name some banks still send for the same thing. */
  const either = (key: string, fallback: string) => text(key) || text(fallback);
  const label = `document ${text('Номер') || '(no number)'}`;
  const required = (key: string) => {
    const field = d.fields.get(key);
    if (!field || field.value === '') {
      problem(d.line, 'error', 'document.missing_field', `${label}: «${key}» is missing`);
      return null;
    }
    return field;
  };
  const date = (key: string, isRequired: boolean) => {
    const field = isRequired ? required(key) : d.fields.get(key);
    if (!field || field.value === '') return null;
    const parsed = parseStatementDate(field.value);
    if (!parsed) {
      problem(
        field.line,
        'error',
        'document.date',
        `${label}: «${key}=${clip(field.value)}» is not a date dd.mm.yyyy`,
      );
    }
    return parsed;
  };

  required('Номер');
  const docDate = date('Дата', true);
  const sumField = required('Сумма');
  let amountKopecks: bigint | null = null;
  if (sumField) {
    amountKopecks = parsePaymentAmount(sumField.value);
    if (amountKopecks === null) {
      problem(
        sumField.line,
        'error',
        'document.sum',
        `${label}: «Сумма=${clip(sumField.value)}» is not an amount in rubles such as 1234.56`,
      );
    } else if (amountKopecks === 0n) {
      problem(sumField.line, 'error', 'document.sum', `${label}: «Сумма» is zero`);
      amountKopecks = null;
    }
  }
  const payerAccount = either('ПлательщикСчет', 'ПлательщикРасчСчет');
  const recipientAccount = either('ПолучательСчет', 'ПолучательРасчСчет');
  const receivedAt = date('ДатаПоступило', false);
  const direction: DocumentDirection =
    recipientAccount !== '' && accounts.has(recipientAccount) && receivedAt !== null
      ? 'incoming'
      : payerAccount !== '' && accounts.has(payerAccount)
        ? 'outgoing'
        : 'other';
  return {
    line: d.line,
    kind: d.kind,
    number: text('Номер'),
    date: docDate,
    amountKopecks,
    payerAccount,
    payerName: either('Плательщик1', 'Плательщик'),
    payerInn: text('ПлательщикИНН'),
    payerBic: text('ПлательщикБИК'),
    recipientAccount,
    recipientName: either('Получатель1', 'Получатель'),
    recipientInn: text('ПолучательИНН'),
    receivedAt,
    writtenOffAt: date('ДатаСписано', false),
    purpose: joinPurpose(
      text('НазначениеПлатежа'),
      Array.from({ length: PURPOSE_LINES }, (_, i) => text(`НазначениеПлатежа${i + 1}`)),
    ),
    direction,
  };
}

/**
 * Banks send the purpose three ways: whole in `НазначениеПлатежа`, split over `НазначениеПлатежа1..6` (the printed
 * lines), or both — either repeating the text or continuing it. Repeats are kept once, continuations appended.
 */
export function joinPurpose(main: string, continuation: readonly string[]): string {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const head = squash(main);
  const tail = squash(continuation.filter((l) => l.trim() !== '').join(' '));
  if (tail === '' || head.includes(tail)) return head;
  if (head === '' || tail.includes(head)) return tail;
  return `${head} ${tail}`;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
