import { readdirSync, readFileSync } from 'node:fs';

// CPU time of whole process trees (Linux /proc), so that the benchmark can say where each event's
// CPU went: the server, vodflow's worker, the emulator, the load client. The stack's processes run
// under a small wrapper (tie-to-parent.sh); a tree counts the wrapper and everything under it.

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on

/** utime + stime of `pid` and its live descendants, in seconds. */
export function treeCpuSeconds(pid: number): number {
  let ticks = 0;
  for (const member of treeOf(pid)) ticks += ownTicks(member);
  return ticks / TICKS_PER_SECOND;
}

function treeOf(root: number): number[] {
  const found: number[] = [];
  const pending = [root];
  for (let guard = 0; pending.length > 0 && guard < 1_000; guard++) {
    const pid = pending.pop() as number;
    found.push(pid);
    pending.push(...childrenOf(pid));
  }
  return found;
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  });
}

function ownTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), numbered from 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** This process alone (the load client), in seconds. */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU of named sources (seconds so far) between two calls of `take()`, per event handled meanwhile. */
export class CpuMeter {
  private last: Map<string, number>;

  constructor(private readonly sources: Record<string, () => number>) {
    this.last = this.read();
  }

  private read(): Map<string, number> {
    return new Map(Object.entries(this.sources).map(([name, seconds]) => [name, seconds()]));
  }

  /** Milliseconds of CPU per event for each source since the previous take (or construction). */
  take(events: number): Record<string, number> {
    const now = this.read();
    const perEvent: Record<string, number> = {};
    for (const [name, seconds] of now) {
      const spent = seconds - (this.last.get(name) ?? seconds);
      perEvent[name] = Math.round((spent * 1000 * 1000) / Math.max(1, events)) / 1000;
    }
    this.last = now;
    return perEvent;
  }
}
