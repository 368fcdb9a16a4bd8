import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  rssBytes: number;
  /** The kernel's high-water mark of the resident set since the process started. */
  peakRssBytes: number;
}

/** VmRSS and VmHWM of a live process (Linux /proc); undefined once it is gone. */
export function readProcessMemory(pid: number): ProcessMemory | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssBytes: kib('VmRSS') * 1024, peakRssBytes: kib('VmHWM') * 1024 };
}

// Samples a process's resident set every `everyMs` and keeps the largest value seen since the last
// `take()`, so that each scenario reports its own peak (VmHWM only ever grows).
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 250,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): number {
    const rss = readProcessMemory(this.pid)?.rssBytes ?? 0;
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  /** The peak since the previous take, and the current value. */
  take(): { peakRssMiB: number; rssMiB: number } {
    const now = this.sample();
    const result = { peakRssMiB: mib(this.peak), rssMiB: mib(now) };
    this.peak = now;
    return result;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
