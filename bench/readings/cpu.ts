import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time by process name on this machine (Linux /proc), so a phase can say who used the cores: this process,
 * the PostgreSQL backends, Redis, and everything else (other work on the machine disturbs the figures).
 */
const TICKS_PER_SECOND = 100;

interface Snapshot {
  at: number;
  /** pid → [process name, CPU ticks]. */
  byPid: Map<number, [string, number]>;
  ownMicros: number;
  totalBusy: number;
  totalAll: number;
}

function processTicks(): Map<number, [string, number]> {
  const byPid = new Map<number, [string, number]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return byPid;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
      const ticks = Number(fields[11]) + Number(fields[12]);
      byPid.set(Number(entry), [name, ticks]);
    } catch {
      // the process ended meanwhile
    }
  }
  return byPid;
}

function systemTicks() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const all = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    return { busy: all - idle, all };
  } catch {
    return { busy: 0, all: 0 };
  }
}

export function cpuSnapshot(): Snapshot {
  const usage = process.cpuUsage();
  const sys = systemTicks();
  return {
    at: performance.now(),
    byPid: processTicks(),
    ownMicros: usage.user + usage.system,
    totalBusy: sys.busy,
    totalAll: sys.all,
  };
}

export interface CpuShare {
  /** Cores used on average during the phase. */
  bench: number;
  postgres: number;
  redis: number;
  /** Everything busy on the machine (all processes). */
  machine: number;
}

/**
 * `postgresPids`: the server processes that worked for this phase (its database's backends and the server's
 * background processes); other databases' backends on a shared server are left out. Processes that exited during
 * the phase are not counted.
 */
export function cpuSince(start: Snapshot, postgresPids?: Set<number>): CpuShare {
  const end = cpuSnapshot();
  const seconds = (end.at - start.at) / 1000;
  const delta = (name: string, only?: Set<number>) => {
    let ticks = 0;
    for (const [pid, [n, t]] of end.byPid) {
      if (n !== name || (only && !only.has(pid))) continue;
      const before = start.byPid.get(pid);
      ticks += t - (before && before[0] === n ? before[1] : 0);
    }
    return ticks / TICKS_PER_SECOND / seconds;
  };
  const cores = end.totalAll - start.totalAll;
  const machineShare = cores > 0 ? (end.totalBusy - start.totalBusy) / cores : 0;
  return {
    bench: (end.ownMicros - start.ownMicros) / 1e6 / seconds,
    postgres: delta('postgres', postgresPids),
    redis: delta('redis-server'),
    machine: machineShare * availableParallelism(),
  };
}
