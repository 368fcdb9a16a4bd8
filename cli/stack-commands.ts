import { InvalidArgumentError, type Command } from 'commander';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createVodClient } from '../clients/vod';
import { appIdProblem } from '../common/applications';
import { loadConfig, type VodflowConfig } from '../common/config';
import { startLocalStack } from '../devstack/local-stack';
import { configureCallback } from '../starters/configure-callback';
import { loadDotEnv } from '../starters/load-env';
import { startConsumers } from '../starters/start-consumers';
import { runWorker } from '../workers/main';
import { UsageError } from './errors';
import { regionOption, wholeNumber } from './global-options';
import { withClient } from './temporal';

const ROOT = path.resolve(__dirname, '..');

/** `vodflow dev`: the local stack alone, until Ctrl-C; prints the settings that point vodflow at it. */
export async function dev(): Promise<void> {
  const stack = await startLocalStack({ ui: true });
  console.log(`Temporal Web UI: ${stack.temporal.uiUrl}`);
  console.log('# point vodflow at this stack:');
  for (const [name, value] of Object.entries(stack.env)) console.log(`export ${name}=${value}`);
  console.log('press Ctrl-C to stop');
  // `on`, not `once`: from a terminal, Ctrl-C reaches this process twice (directly and forwarded
  // by bin/vodflow.js), and the second must not interrupt the shutdown.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  await stack.close();
}

export async function worker(): Promise<void> {
  await runWorker();
}

/** `vodflow emulator smq|vod [flags]`: the emulator's own command line, in this terminal. */
export function emulator(name: 'smq' | 'vod', flags: string[]): number {
  const loader = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  const result = spawnSync(
    process.execPath,
    ['--import', `file://${loader}`, path.join(ROOT, 'emulators', name, 'main.ts'), ...flags],
    { stdio: 'inherit' },
  );
  return result.status ?? 1;
}

function queuesFrom(
  config: VodflowConfig,
  region: string | undefined,
  queue: string | undefined,
): VodflowConfig['queues'] {
  if ((region === undefined) !== (queue === undefined))
    throw new UsageError('give --region and --queue together');
  if (region && queue) return [{ region, queue }];
  if (config.queues.length === 0)
    throw new UsageError('no queue: pass --region and --queue, or set VODFLOW_QUEUES');
  return config.queues;
}

export async function consume(options: { region?: string; queue?: string; shards?: number }): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  // Wrong usage is reported before anything connects.
  const queues = queuesFrom(config, options.region, options.queue);
  const shards = options.shards ?? config.shards;
  await withClient(async (client) => {
    const results = await startConsumers(client, {
      queues,
      shards,
      taskQueue: config.temporal.taskQueue,
      poller: config.poller,
    });
    for (const { workflowId, outcome } of results) console.log(`${outcome.padEnd(9)}  ${workflowId}`);
  });
}

export async function configureCallbackCommand(options: {
  region?: string;
  queue?: string;
  events?: string;
  mnsEndpoint?: string;
  appId?: string;
}): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const [target] = queuesFrom(config, options.region, options.queue);
  if (!target) throw new UsageError('no queue given');
  const appId = options.appId ?? config.applications.forQueue(target.region, target.queue);
  const appProblem = appIdProblem(appId);
  if (appProblem) throw new UsageError(`--app-id: ${appProblem}`);
  if (!config.credentials) {
    throw new UsageError('set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET first');
  }
  const mnsEndpoint =
    options.mnsEndpoint ??
    config.smq.endpoint ??
    (config.smq.accountId ? `https://${config.smq.accountId}.mns.${target.region}.aliyuncs.com` : undefined);
  if (!mnsEndpoint)
    throw new UsageError('no SMQ endpoint: pass --mns-endpoint, or set SMQ_ACCOUNT_ID (or SMQ_ENDPOINT)');
  const vod = createVodClient({
    ...config.credentials,
    region: target.region,
    endpoint: config.vod.endpoint,
  });
  await configureCallback(vod, {
    mnsEndpoint,
    queueName: target.queue,
    appId,
    eventTypes: options.events
      ?.split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  });
  console.log(
    `VOD (${target.region}, application ${appId}) now writes events to ${mnsEndpoint} queue ${target.queue}`,
  );
}

export function registerStackCommands(program: Command): void {
  program
    .command('dev')
    .description('the local stack (Temporal, SMQ and VOD emulators) until Ctrl-C')
    .action(dev);

  program
    .command('worker')
    .description('run a vodflow worker (configuration from the environment; see .env.example)')
    .action(worker);

  program
    .command('consume')
    .description(
      'start the queue consumers, or give running ones these settings; surplus shards stop (default: $VODFLOW_QUEUES, $VODFLOW_SHARDS)',
    )
    .addOption(regionOption('region of the one queue to consume (with --queue)'))
    .option('--queue <name>', 'the one queue to consume (with --region)')
    .option('--shards <n>', 'consumers per queue, 1..64', wholeNumber(1, 64))
    .action(consume);

  program
    .command('configure-callback')
    .description("point one VOD application's event notifications at an SMQ queue")
    .addOption(regionOption('the VOD region (default: the first of $VODFLOW_QUEUES)'))
    .option('--queue <name>', 'the SMQ queue VOD writes its events to')
    .option('--events <A,B>', 'event types to notify (default: ALL)')
    .option('--mns-endpoint <url>', 'SMQ endpoint (default: $SMQ_ENDPOINT, else from $SMQ_ACCOUNT_ID)')
    .option(
      '--app-id <appId>',
      "the VOD application whose callback this is (default: the queue's in $VODFLOW_QUEUES, else $VODFLOW_APP_ID, else app-1000000)",
    )
    .action(configureCallbackCommand);

  program
    .command('emulator')
    .description(
      'run the SMQ or VOD emulator in this terminal (`vodflow emulator smq --help` lists its flags)',
    )
    .argument('<name>', 'smq or vod', (value: string) => {
      if (value !== 'smq' && value !== 'vod') throw new InvalidArgumentError('one of smq, vod');
      return value;
    })
    .argument('[flags...]', "the emulator's own flags")
    // The emulator reads its own flags, --help included.
    .helpOption(false)
    .allowUnknownOption()
    .action((name: 'smq' | 'vod', flags: string[]) => {
      process.exitCode = emulator(name, flags);
    });
}
