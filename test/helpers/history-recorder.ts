import type { WorkflowHandle } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { resolveTemporalCli } from '../../devstack/temporal-cli';
import { sharedStack } from './shared-stack';

export const HISTORY_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'histories');

// With VODFLOW_RECORD_HISTORIES=1, integration tests save the histories of their workflows as replay
// fixtures (test/integration/replay.test.ts replays every one of them against the current code).
// Re-record only when a change is meant to be incompatible, and then guard it with `patched`.
// The Temporal CLI writes the standard JSON history format that historyFromJSON reads back.
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.VODFLOW_RECORD_HISTORIES !== '1') return;
  const { temporalAddress, namespace } = sharedStack();
  const runId = (await handle.describe()).runId;
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
  await writeFile(path.join(HISTORY_FIXTURES, `${name}.json`), stdout);
}
