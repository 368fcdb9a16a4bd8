import { spawnSync } from 'node:child_process';
import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig } from '../common/config';
import { programCommand } from '../common/program-paths';
import { configureCallback } from '../starters/configure-callback';
import { loadDotEnv } from '../starters/load-env';
import { startConsumers } from '../starters/start-consumers';
import { runWorker } from '../workers/main';
import { requirePreflight } from '../preflight/preflight';
import { UsageError } from './output';
import { queuesFrom } from './queue-options';
import { withClient } from './temporal';

export async function worker(): Promise<void> {
  await runWorker();
}

/** `vodflow emulator smq|vod [flags]`: the emulator's own command line, in this terminal. */
export function emulator(name: string | undefined, flags: string[]): number {
  if (name !== 'smq' && name !== 'vod')
    throw new UsageError('usage: vodflow emulator smq|vod [flags] (--help lists them)');
  const program = programCommand(`emulators/${name}/main`);
  const result = spawnSync(program.command, [...program.args, ...flags], { stdio: 'inherit' });
  return result.status ?? 1;
}

export async function consume(options: { region?: string; queue?: string; shards?: string }): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  // Wrong usage is reported before anything connects.
  const queues = queuesFrom(config, options.region, options.queue);
  const shards = options.shards === undefined ? config.shards : Number(options.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) throw new UsageError('--shards must be 1..64');
  await requirePreflight(config, { queues });
  await withClient(async (client) => {
    const results = await startConsumers(client, {
      queues,
      shards,
      taskQueue: config.temporal.taskQueue,
      poller: config.poller,
    });
    for (const { workflowId, started } of results)
      console.log(`${started ? 'started' : 'already running'}  ${workflowId}`);
  });
}

export async function configureCallbackCommand(options: {
  region?: string;
  queue?: string;
  events?: string;
  mnsEndpoint?: string;
}): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const [target] = queuesFrom(config, options.region, options.queue);
  if (!target) throw new UsageError('no queue given');
  const clients = cloudClientsFromConfig(config);
  const mnsEndpoint = options.mnsEndpoint ?? clients.smqEndpoint(target.region);
  const vod = clients.vod(target.region);
  await configureCallback(vod, {
    mnsEndpoint,
    queueName: target.queue,
    eventTypes: options.events
      ?.split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  });
  console.log(`VOD (${target.region}) now writes events to ${mnsEndpoint} queue ${target.queue}`);
}
