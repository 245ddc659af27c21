import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux reports CPU time in clock ticks of 1/100 s. */
const MS_PER_TICK = 10;

/** CPU time (user + system, ms) each process has used so far; a process that is gone is left out. */
export function cpuByPid(pids: readonly number[]): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
      byPid.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      // ended meanwhile
    }
  }
  return byPid;
}

/**
 * CPU ms the processes alive now used since `before`: a process started since counts from zero. The pool closes
 * idle connections and opens new ones between phases, so the backends are listed again at the end.
 */
export function cpuSince(before: Map<number, number>, pidsNow: readonly number[]): number {
  let ms = 0;
  for (const [pid, now] of cpuByPid(pidsNow)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/** The PostgreSQL backends serving `url`'s database (the API's pool, once it is warm). */
export async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}
