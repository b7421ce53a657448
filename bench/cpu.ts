// CPU time used by a process (and, optionally, its children) from /proc, so a run can say
// how many CPU milliseconds each request cost in the server and in PostgreSQL. Linux
// only; elsewhere every reading is undefined and the figures are left out.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every mainstream Linux build

type Stat = { ppid: number; ticks: number; childTicks: number };

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i] ?? 0);
    // After ')': state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { ppid: num(1), ticks: num(11) + num(12), childTicks: num(13) + num(14) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by `pid`; with `tree`, also by its live children and by the
 * children it has already reaped (as PostgreSQL's postmaster does with its backends).
 */
export function cpuSeconds(pid: number | undefined, tree = false): number | undefined {
  if (!pid) return undefined;
  const own = stat(pid);
  if (!own) return undefined;
  let ticks = own.ticks;
  if (tree) {
    ticks += own.childTicks;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = stat(Number(entry));
      if (child?.ppid === pid) ticks += child.ticks + child.childTicks;
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/** Starts a measurement; the function it returns gives the CPU seconds used since. */
export function cpuMeter(pid: number | undefined, tree = false): () => number | undefined {
  const start = cpuSeconds(pid, tree);
  return () => {
    const end = cpuSeconds(pid, tree);
    return start === undefined || end === undefined ? undefined : end - start;
  };
}

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
