import path from 'node:path';
import { spawnTied, type TiedProcess } from '../../devstack/tied-process';
import { RssSampler } from './process-memory';

const ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 180_000;

export interface WorkerProcess {
  /** The worker's own node process (not the tie-to-parent wrapper around it). */
  pid: number;
  memory: RssSampler;
  stop(): Promise<void>;
}

// Runs a worker entry point (vodflow's workers/main.ts, or the entity worker) as its own process,
// so that it shares its event loop with no load client, and resolves with its pid once it logs its
// `running` line.
export async function startWorkerProcess(
  entry: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<WorkerProcess> {
  let resolvePid: (pid: number) => void = () => undefined;
  const ready = new Promise<number>((resolve) => (resolvePid = resolve));
  const child: TiedProcess = spawnTied(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', path.resolve(ROOT, entry)],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      onLine: (line) => {
        const pid = runningPidOf(line);
        if (pid !== undefined) resolvePid(pid);
      },
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${entry} did not start:\n${child.output()}`)),
      START_TIMEOUT_MS,
    );
    void child.exited.then((code) => reject(new Error(`${entry} exited (${code}):\n${child.output()}`)));
  });
  failed.catch(() => undefined);
  try {
    const pid = await Promise.race([ready, failed]);
    const memory = new RssSampler(pid);
    return {
      pid,
      memory,
      async stop() {
        memory.stop();
        await child.stop();
      },
    };
  } catch (err) {
    await child.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function runningPidOf(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const record = JSON.parse(line) as { message?: unknown; pid?: unknown };
    return record.message === 'running' && typeof record.pid === 'number' ? record.pid : undefined;
  } catch {
    return undefined;
  }
}
