import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const TIE_SCRIPT = path.resolve(__dirname, '..', 'scripts', 'tie-to-parent.sh');
const OUTPUT_TAIL_CHARS = 8_000;
const STOP_GRACE_MS = 10_000;

export interface TiedProcess {
  readonly pid: number;
  /** The last few KiB the process printed, for error messages. */
  output(): string;
  /** Resolves with the exit code, or null when it was killed by a signal. */
  readonly exited: Promise<number | null>;
  isRunning(): boolean;
  stop(): Promise<void>;
  /** Sends a signal to the process, or to its whole group when started detached. */
  kill(signal: NodeJS.Signals): void;
}

export interface TiedProcessOptions {
  cwd?: string;
  /** Own process group, so that kill('SIGKILL') takes the whole tree down at once (crash tests). */
  detached?: boolean;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
}

// Spawns a command that dies with this process (see scripts/tie-to-parent.sh).
export function spawnTied(command: string, args: string[], options: TiedProcessOptions = {}): TiedProcess {
  const child: ChildProcess = spawn('bash', [TIE_SCRIPT, String(process.pid), command, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let tail = '';
  let partial = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
    if (options.onLine) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    });
    child.once('error', (err) => {
      running = false;
      tail += `\n${err.message}`;
      resolve(null);
    });
  });

  return {
    pid: child.pid ?? -1,
    output: () => tail,
    exited,
    isRunning: () => running,
    kill(signal) {
      if (!running || child.pid === undefined) return;
      if (options.detached) process.kill(-child.pid, signal);
      else child.kill(signal);
    },
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
