import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { DomainDeps } from '../context.ts';
import type { StaffActor } from '../staff/staff-actor.ts';
import {
  decisionText,
  loadProtocol,
  PROTOCOL_TEXTS,
  type ProtocolData,
  premisesText,
  protocolDateTime,
  protocolFileName,
  type protocolInputSchema,
} from './protocol-data.ts';

/**
 * The protocol of a finished owners' meeting as a workbook: a "protocol" sheet (meeting, quorum, each question's
 * votes, percentages and decision) and a "register" sheet, one row per ownership that voted with name, premises,
 * share, area, votes, the answer to each question and an empty signature column. m² are written as numbers with
 * two decimals (each rounded once from the exact value, as in the PDF). Needs polls.manage; audited.
 */
export async function getPollProtocolXlsx(
  deps: DomainDeps,
  actor: StaffActor,
  input: z.input<typeof protocolInputSchema>,
) {
  const data = await loadProtocol(deps, actor, input, 'xlsx');
  return {
    fileName: protocolFileName(data.poll, 'xlsx'),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await renderProtocolXlsx(data),
  };
}

const M2 = '0.00';

export async function renderProtocolXlsx(data: ProtocolData): Promise<Buffer> {
  const t = PROTOCOL_TEXTS[data.language];
  const { poll, results } = data;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Domovoy';

  const sheet = workbook.addWorksheet(t.sheetProtocol);
  sheet.columns = [{ width: 60 }, { width: 16 }, { width: 22 }];
  const title = sheet.addRow([`${t.title} ${t.subtitle}`]);
  title.font = { bold: true };
  sheet.addRow([poll.title]).font = { bold: true };
  const field = (label: string, value: string | number, numFmt?: string) => {
    const row = sheet.addRow([label, value]);
    if (numFmt) row.getCell(2).numFmt = numFmt;
  };
  field(t.address, poll.address);
  field(t.form, t.forms[poll.meetingForm ?? 'ABSENTEE']);
  field(t.start, protocolDateTime(poll.startsAt, poll.timezone));
  field(t.end, protocolDateTime(poll.endsAt, poll.timezone));
  if (poll.initiator) field(t.initiator, poll.initiator);
  field(t.manager, data.organization);
  field(`${t.totalVotes}, ${t.m2}`, Number(results.totalVotes), M2);
  field(`${t.participants}, ${t.m2}`, Number(results.participantVotes), M2);
  field(`${t.participants}, %`, Number(results.participantPercent ?? 0), M2);
  field(t.participantsCount, results.participants);
  sheet.addRow([t.quorum, results.quorum ? t.quorumYes : t.quorumNo]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([t.agenda]).font = { bold: true };
  for (const q of results.questions) {
    sheet.addRow([`${q.position}. ${q.text}`]).font = { bold: true };
    sheet.addRow([`${t.threshold}: ${t.thresholds[q.threshold]}`]);
    sheet.addRow(['', t.votes, q.base === 'VOTERS' ? t.base.VOTERS : t.base[q.base]]).font = { italic: true };
    for (const o of q.options) {
      const row = sheet.addRow([
        o.decision ? t.decisions[o.decision] : o.text,
        Number(o.votes ?? o.count),
        o.percent === null ? '—' : Number(o.percent),
      ]);
      row.getCell(2).numFmt = M2;
      row.getCell(3).numFmt = M2;
    }
    sheet.addRow([`${t.decision}: ${decisionText(t, q.decision)}`]).font = { bold: true };
    sheet.addRow([]);
  }

  const register = workbook.addWorksheet(t.sheetRegister);
  const c = t.columns;
  const questions = results.questions.map((q) => q.position);
  register.columns = [
    { header: c.n, width: 5 },
    { header: c.owner, width: 36 },
    { header: c.premises, width: 12 },
    { header: c.share, width: 8 },
    { header: c.area, width: 12 },
    { header: c.votes, width: 12 },
    ...questions.map((position) => ({ header: `${c.question} ${position}`, width: 12 })),
    { header: c.signature, width: 20 },
  ];
  register.getRow(1).font = { bold: true };
  data.register.forEach((r, i) => {
    const row = register.addRow([
      i + 1,
      r.ownerName,
      premisesText(t, r),
      r.share,
      Number(r.area),
      Number(r.votes),
      ...questions.map((position) => {
        const answer = r.answers[position];
        return answer ? t.decisions[answer] : '';
      }),
      '',
    ]);
    row.getCell(5).numFmt = M2;
    row.getCell(6).numFmt = M2;
  });
  register.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
