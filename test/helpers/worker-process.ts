import path from 'node:path';
import { spawnTied, type TiedProcess } from '../../devstack/tied-process';
import { eventually } from './eventually';

const ROOT = path.resolve(__dirname, '..', '..');

/** workers/main.ts as its own process, as deployed (a test may SIGKILL it); resolves once it runs. */
export async function startWorkerProcess(env: Record<string, string>): Promise<TiedProcess> {
  const worker = spawnTied(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
  });
  await eventually(() => expect(worker.output()).toContain('"message":"running"'), { timeoutMs: 60_000 });
  return worker;
}
