import { connectClient, connectWorker } from '../clients/temporal/connect';
import { loadConfig, redactConfig } from '../common/config';
import { requirePreflight } from '../preflight/preflight';
import { loadDotEnv } from '../starters/load-env';
import { activityDepsFromConfig } from './activity-deps';
import { jsonLog } from './log';
import { createPipelineWorker } from './pipeline-worker';
import { installRuntime } from './runtime';

// The vodflow worker process: configuration from the environment, one worker for every workflow
// and activity, graceful shutdown on SIGINT/SIGTERM (pollers drain their in-flight messages).
export async function runWorker(): Promise<void> {
  loadDotEnv();
  const log = jsonLog('worker');
  const config = loadConfig();
  log.info('starting', { config: redactConfig(config) });
  // Fails in one line (with its fix) rather than looping on QueueNotExist or BadSearchAttributes.
  await requirePreflight(config);
  installRuntime(config.metricsAddress);
  if (config.policy.transcode === 'submit' && !config.policy.templateGroupId) {
    log.warn('VODFLOW_TRANSCODE=submit without VODFLOW_TEMPLATE_GROUP_ID: transcode submissions will fail');
  }

  const { client, close } = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  const worker = await createPipelineWorker({
    connection,
    client,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: activityDepsFromConfig(config, log),
    workflowBundle: config.temporal.workflowBundle ? { codePath: config.temporal.workflowBundle } : undefined,
    tuning: config.worker,
  });
  const stop = (signal: NodeJS.Signals): void => {
    log.info('shutting down', { signal });
    worker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  // The pid lets a supervisor (or the benchmark) sample this process's memory.
  log.info('running', {
    taskQueue: config.temporal.taskQueue,
    address: config.temporal.address,
    pid: process.pid,
    ...config.worker,
  });
  try {
    await worker.run();
  } finally {
    await connection.close();
    await close();
    log.info('stopped');
  }
}

if (require.main === module) {
  runWorker().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
