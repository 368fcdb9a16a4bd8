import { Runtime } from '@temporalio/worker';
import { connectClient, connectWorker } from '../clients/temporal/connect';
import { loadConfig, redactConfig } from '../common/config';
import { requirePreflight } from '../preflight/preflight';
import { loadDotEnv } from '../starters/load-env';
import { activityDepsFromConfig } from './activity-deps';
import { createLogger, jsonLog } from './log';
import { createPipelineWorker } from './pipeline-worker';
import { watchQuarantineSize } from './quarantine-gauge';
import { installRuntime } from './runtime';
import { vodflowMeter, zeroVideoCounters } from './vodflow-meter';

// The vodflow worker process: configuration from the environment, one worker for every workflow
// and activity, graceful shutdown on SIGINT/SIGTERM (pollers drain their in-flight messages).
export async function runWorker(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const log = jsonLog(logger, 'worker');
  log.info('starting', { config: redactConfig(config) });
  installRuntime({ logger, level: config.logLevel, metricsAddress: config.metricsAddress });
  // Fails in one line (with its fix) rather than looping on QueueNotExist or BadSearchAttributes.
  await requirePreflight(config);
  if (config.policy.transcode === 'submit' && !config.policy.templateGroupId) {
    log.warn('VODFLOW_TRANSCODE=submit without VODFLOW_TEMPLATE_GROUP_ID: transcode submissions will fail');
  }

  const { client, close } = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  const metrics = config.metricsAddress
    ? vodflowMeter(Runtime.instance().metricMeter, {
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
      })
    : undefined;
  if (metrics) zeroVideoCounters(metrics);
  const stopQuarantineGauge = metrics
    ? watchQuarantineSize(client, config.temporal.taskQueue, metrics, log)
    : () => undefined;
  const worker = await createPipelineWorker({
    connection,
    client,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    deps: activityDepsFromConfig(config, jsonLog(logger, 'poller')),
    metrics,
    workflowBundle: config.temporal.workflowBundle ? { codePath: config.temporal.workflowBundle } : undefined,
    tuning: config.worker,
    roles: config.workerRoles,
    vodReadsPerSecond: config.vodQueryRatePerSecond,
  });
  const stop = (signal: NodeJS.Signals): void => {
    log.info('shutting down', { signal });
    worker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  // Every line carries the pid, which lets a supervisor (or the benchmark) sample this process's memory.
  log.info('running', {
    taskQueue: config.temporal.taskQueue,
    roles: config.workerRoles,
    address: config.temporal.address,
    ...config.worker,
  });
  try {
    await worker.run();
  } finally {
    stopQuarantineGauge();
    await connection.close();
    await close();
    log.info('stopped');
  }
}

if (require.main === module) {
  runWorker().catch((err: unknown) => {
    // Configuration may be what failed: this line uses the default level.
    createLogger('info').fatal({ error: err }, err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
