import { connectClient } from '../clients/temporal/connect';
import { loadConfig } from '../common/config';
import { loadDotEnv } from './load-env';
import { startConsumers } from './start-consumers';

// Starts the consumer workflows of every configured queue (VODFLOW_QUEUES × VODFLOW_SHARDS).
// Safe to run again: running consumers are left alone.
async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  if (config.queues.length === 0)
    throw new Error('no queue to consume: set VODFLOW_QUEUES, e.g. cn-shanghai:vod-events');
  const { client, close } = await connectClient(config.temporal);
  try {
    const results = await startConsumers(client, {
      queues: config.queues,
      shards: config.shards,
      taskQueue: config.temporal.taskQueue,
      poller: config.poller,
    });
    for (const { workflowId, started } of results) {
      console.log(`${started ? 'started' : 'already running'}  ${workflowId}`);
    }
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
