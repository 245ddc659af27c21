import type { Tx } from '../../context.ts';

export type ChargeKindName = 'REGULAR' | 'AVERAGE' | 'NORMATIVE' | 'RECALCULATION' | 'ADJUSTMENT';

export interface ServiceTotal {
  serviceId: string;
  code: string;
  name: string;
  position: number;
  lines: number;
  amountKopecks: bigint;
  byKind: Partial<Record<ChargeKindName, { lines: number; amountKopecks: bigint }>>;
}

export interface LineTotals {
  accounts: number;
  lines: number;
  amountKopecks: bigint;
  byKind: Partial<Record<ChargeKindName, { lines: number; amountKopecks: bigint }>>;
  services: ServiceTotal[];
}

/** One service and kind's lines and amount, as the totals queries return them. */
export interface TotalRow {
  service_id: string;
  code: string;
  name: string;
  position: number;
  kind: ChargeKindName;
  lines: number;
  amount: bigint;
}

/** Sums of the lines the preview materialised in `cr_lines`, per service and kind. */
export async function computedTotals(tx: Tx): Promise<LineTotals> {
  const rows = await tx.$queryRawUnsafe<TotalRow[]>(
    `SELECT l.service_id, s.code, s.name, s.position, l.kind, l.lines, l.amount
     FROM (SELECT service_id, kind, count(*)::int AS lines, coalesce(sum(amount), 0)::bigint AS amount
           FROM cr_lines GROUP BY service_id, kind) l
     JOIN services s ON s.id = l.service_id
     ORDER BY s.position, s.code, l.kind`,
  );
  const [accounts] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM cr_accounts a
     WHERE EXISTS (SELECT 1 FROM cr_lines l WHERE l.account_id = a.account_id)`,
  );
  return summarize(rows, accounts?.n ?? 0);
}

export function summarize(rows: TotalRow[], accounts: number): LineTotals {
  const services = new Map<string, ServiceTotal>();
  const byKind: LineTotals['byKind'] = {};
  let lines = 0;
  let amountKopecks = 0n;
  for (const r of rows) {
    const amount = BigInt(r.amount);
    let service = services.get(r.service_id);
    if (!service) {
      service = {
        serviceId: r.service_id,
        code: r.code,
        name: r.name,
        position: r.position,
        lines: 0,
        amountKopecks: 0n,
        byKind: {},
      };
      services.set(r.service_id, service);
    }
    service.lines += r.lines;
    service.amountKopecks += amount;
    service.byKind[r.kind] = { lines: r.lines, amountKopecks: amount };
    const kind = byKind[r.kind] ?? { lines: 0, amountKopecks: 0n };
    kind.lines += r.lines;
    kind.amountKopecks += amount;
    byKind[r.kind] = kind;
    lines += r.lines;
    amountKopecks += amount;
  }
  return { accounts, lines, amountKopecks, byKind, services: [...services.values()] };
}
