import type { WorkflowHandle } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveTemporalCli } from '../../devstack/temporal-cli';
import { sharedStack } from './shared-stack';

export const HISTORY_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'histories');

// With VODFLOW_RECORD_HISTORIES=1, integration tests save the histories of their workflows as replay
// fixtures (test/integration/replay.test.ts replays every one of them against the current code).
// A fixture is never overwritten: it stands for workflows already running in production. A change
// of behaviour gets `patched` and new fixtures under new names (with the snapshot version and run).
// The Temporal CLI writes the standard JSON history format that historyFromJSON reads back.
export async function recordHistory(handle: WorkflowHandle, name: string, runId?: string): Promise<void> {
  if (process.env.VODFLOW_RECORD_HISTORIES !== '1') return;
  const file = path.join(HISTORY_FIXTURES, `${name}.json`);
  if (existsSync(file)) return;
  const { temporalAddress, namespace } = sharedStack();
  runId ??= (await handle.describe()).runId;
  const { stdout } = await promisify(execFile)(
    await resolveTemporalCli(),
    [
      'workflow',
      'show',
      '--address',
      temporalAddress,
      '--namespace',
      namespace,
      '--workflow-id',
      handle.workflowId,
      '--run-id',
      runId,
      '--output',
      'json',
    ],
    { maxBuffer: 64 << 20 },
  );
  await writeFile(file, stdout, { flag: 'wx' });
}
