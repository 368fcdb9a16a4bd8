import { InvalidArgumentError, type Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { appIdProblem } from '../common/applications';
import { loadConfig } from '../common/config';
import { programCommand } from '../common/program-paths';
import { requirePreflight } from '../preflight/preflight';
import { configureCallback } from '../starters/configure-callback';
import { loadDotEnv } from '../starters/load-env';
import { startConsumers } from '../starters/start-consumers';
import { runWorker } from '../workers/main';
import { UsageError } from './errors';
import { regionOption, wholeNumber } from './global-options';
import { queuesFrom } from './queue-options';
import { withClient } from './temporal';

export async function worker(): Promise<void> {
  await runWorker();
}

/** `vodflow emulator smq|vod [flags]`: the emulator's own command line, in this terminal. */
export function emulator(name: 'smq' | 'vod', flags: string[]): number {
  const program = programCommand(`emulators/${name}/main`);
  const result = spawnSync(program.command, [...program.args, ...flags], { stdio: 'inherit' });
  return result.status ?? 1;
}

export async function consume(options: { region?: string; queue?: string; shards?: number }): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  // Wrong usage is reported before anything connects.
  const queues = queuesFrom(config, options.region, options.queue);
  const shards = options.shards ?? config.shards;
  await requirePreflight(config, { queues });
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
  const clients = cloudClientsFromConfig(config);
  const mnsEndpoint = options.mnsEndpoint ?? clients.smqEndpoint(target.region);
  const vod = clients.vod(target.region);
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
