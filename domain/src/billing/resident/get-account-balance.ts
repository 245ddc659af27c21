import type { z } from 'zod';
import { type DomainDeps, nowOf } from '../../context.ts';
import { houseCalendar, loadResidentAccount, residentAccountInputSchema } from './resident-account.ts';

/** One collator for the process: `localeCompare(…, 'ru')` builds one per comparison. */
const RU = new Intl.Collator('ru');

export interface BalanceServiceLine {
  serviceId: string;
  serviceName: string;
  unit: string;
  /** Every line of the service in the month (all zones, recalculations, adjustments), already rounded, summed. */
  amountKopecks: bigint;
  /** The line a question about this service refers to: its own charge first, else the first correction. */
  chargeId: string;
}

/**
 * What a resident sees for one flat, as of now: the balance (charges of every month up to this one, plus penalties
 * posted to receipts, minus the payments matched to the account up to today — positive is a debt, negative an
 * advance), the charges of the latest month up to this one that has any, by service, and the last payment.
 */
export async function getAccountBalance(deps: DomainDeps, input: z.input<typeof residentAccountInputSchema>) {
  const args = residentAccountInputSchema.parse(input);
  const db = deps.db.prisma;
  const account = await loadResidentAccount(db, args.telegramUserId, args.accountId);
  const { today, month } = houseCalendar(nowOf(deps), account.timezone);
  const [charged, penalties, paid, lastPayment, latest] = await Promise.all([
    db.charge.aggregate({
      where: { accountId: account.id, period: { lte: month } },
      _sum: { amountKopecks: true },
    }),
    db.penalty.aggregate({
      where: { accountId: account.id, billingPeriod: { is: { period: { lte: month } } } },
      _sum: { amountKopecks: true },
    }),
    db.payment.aggregate({
      where: { accountId: account.id, status: 'MATCHED', paidAt: { lte: today } },
      _sum: { amountKopecks: true },
    }),
    db.payment.findFirst({
      where: { accountId: account.id, status: 'MATCHED', paidAt: { lte: today } },
      orderBy: [{ paidAt: 'desc' }, { createdAt: 'desc' }],
      select: { amountKopecks: true, paidAt: true, source: true },
    }),
    db.charge.findFirst({
      where: { accountId: account.id, period: { lte: month } },
      orderBy: { period: 'desc' },
      select: { period: true, billingPeriod: { select: { status: true } } },
    }),
  ]);
  const chargedKopecks = charged._sum.amountKopecks ?? 0n;
  const penaltiesKopecks = penalties._sum.amountKopecks ?? 0n;
  const paidKopecks = paid._sum.amountKopecks ?? 0n;
  return {
    account: {
      id: account.id,
      number: account.number,
      address: account.address,
      premisesNumber: account.premisesNumber,
      closed: account.closedAt !== null,
    },
    asOf: today,
    chargedKopecks,
    penaltiesKopecks,
    paidKopecks,
    /** Positive: the debt; negative: paid in advance. */
    balanceKopecks: chargedKopecks + penaltiesKopecks - paidKopecks,
    month: latest
      ? {
          period: latest.period,
          status: latest.billingPeriod.status,
          ...(await monthLines(deps, account.id, latest.period)),
        }
      : null,
    lastPayment,
  };
}

const OWN_KINDS = new Set(['REGULAR', 'AVERAGE', 'NORMATIVE']);

async function monthLines(deps: DomainDeps, accountId: string, period: Date) {
  const charges = await deps.db.prisma.charge.findMany({
    where: { accountId, period },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      amountKopecks: true,
      service: { select: { id: true, name: true, unit: true, position: true } },
    },
  });
  const byService = new Map<string, BalanceServiceLine & { position: number; own: boolean }>();
  for (const c of charges) {
    const line = byService.get(c.service.id);
    const own = OWN_KINDS.has(c.kind);
    if (!line) {
      byService.set(c.service.id, {
        serviceId: c.service.id,
        serviceName: c.service.name,
        unit: c.service.unit,
        amountKopecks: c.amountKopecks,
        chargeId: c.id,
        position: c.service.position,
        own,
      });
      continue;
    }
    line.amountKopecks += c.amountKopecks;
    if (own && !line.own) Object.assign(line, { chargeId: c.id, own });
  }
  const lines = [...byService.values()]
    .sort((a, b) => a.position - b.position || RU.compare(a.serviceName, b.serviceName))
    .map(({ position: _p, own: _o, ...line }): BalanceServiceLine => line);
  return { lines, totalKopecks: lines.reduce((sum, l) => sum + l.amountKopecks, 0n) };
}
