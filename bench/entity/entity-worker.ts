import { Worker } from '@temporalio/worker';
import { connectWorker } from '../../clients/temporal/connect';
import { loadConfig } from '../../common/config';
import { createLogger } from '../../workers/log';
import { installRuntime } from '../../workers/runtime';

// The entity workflow's own worker process, configured like vodflow's (VODFLOW_TASK_QUEUE,
// VODFLOW_WORKER_*, VODFLOW_WORKFLOW_BUNDLE), so that the two ceilings differ only in the workflow.
async function main(): Promise<void> {
  const config = loadConfig();
  installRuntime({ logger: createLogger('warn'), level: 'warn' });
  const connection = await connectWorker(config.temporal);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    ...(config.temporal.workflowBundle
      ? { workflowBundle: { codePath: config.temporal.workflowBundle } }
      : { workflowsPath: require.resolve('./entity-workflow') }),
    ...config.worker,
  });
  process.once('SIGTERM', () => worker.shutdown());
  process.once('SIGINT', () => worker.shutdown());
  // The same ready line as vodflow's worker: the benchmark reads the pid from it.
  console.log(JSON.stringify({ message: 'running', pid: process.pid }));
  try {
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
