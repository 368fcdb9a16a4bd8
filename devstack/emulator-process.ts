import path from 'node:path';
import { programCommand } from '../common/program-paths';
import { spawnTied, type TiedProcess } from './tied-process';

const ROOT = path.resolve(__dirname, '..');
const READY_PATTERN = /listening on (http:\/\/\S+)/;

export interface EmulatorProcess {
  url: string;
  process: TiedProcess;
  stop(): Promise<void>;
}

// Starts an emulator's CLI (emulators/<name>/main.ts) as a child process tied to this one, and
// resolves once it prints its ready line with the address it listens on.
export async function startEmulatorProcess(
  name: 'smq' | 'vod',
  args: string[],
  {
    startTimeoutMs = 30_000,
    onLine,
    detached = false,
  }: {
    startTimeoutMs?: number;
    onLine?: (line: string) => void;
    /** Own process group, so that process.kill('SIGKILL') takes it down like a crash (soak). */
    detached?: boolean;
  } = {},
): Promise<EmulatorProcess> {
  let resolveUrl: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => (resolveUrl = resolve));
  const program = programCommand(`emulators/${name}/main`);
  const child = spawnTied(program.command, [...program.args, ...args], {
    cwd: ROOT,
    detached,
    onLine: (line) => {
      const match = READY_PATTERN.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
      onLine?.(line);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`the ${name} emulator did not start within ${startTimeoutMs} ms:\n${child.output()}`),
        ),
      startTimeoutMs,
    );
    void child.exited.then((code) =>
      reject(new Error(`the ${name} emulator exited (code ${code}) during start-up:\n${child.output()}`)),
    );
  });
  // Once started, a later exit is the caller's business (stop()), not a start-up failure.
  failure.catch(() => undefined);
  try {
    const url = await Promise.race([ready, failure]);
    return { url, process: child, stop: () => child.stop() };
  } catch (err) {
    await child.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
