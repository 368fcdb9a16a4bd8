import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Runtime, Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { vodflowMetricSinks } from '../../workers/vodflow-meter';
import { HISTORY_FIXTURES } from '../helpers/history-recorder';
import { sharedStack } from '../helpers/shared-stack';

// Recorded histories of vodflow's workflows must replay against the current workflow code: a change
// that breaks replay breaks every workflow already running in production.
describe('replay of recorded workflow histories', () => {
  const files = readdirSync(HISTORY_FIXTURES).filter((file) => file.endsWith('.json'));

  it('has fixtures for every workflow type', () => {
    const types = new Set(files.map((file) => file.split('-')[0]));
    expect([...types].sort()).toEqual(['consumer', 'quarantine', 'sweep', 'video']);
  });

  it.each(files)('replays %s without nondeterminism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORY_FIXTURES, file), 'utf8')));
    await Worker.runReplayHistory(
      {
        workflowBundle: { codePath: sharedStack().workflowBundlePath },
        // Registered as the worker registers it; replay never calls it.
        sinks: vodflowMetricSinks(Runtime.instance().metricMeter),
      },
      history,
      file,
    );
  });
});
