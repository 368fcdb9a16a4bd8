import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig, type QueueRef } from '../common/config';
import { errorSummary } from '../preflight/error-summary';
import { loadDotEnv } from '../starters/load-env';
import { ensureCallback, ensureQueue, ensureSearchAttributes, type SetupStep } from '../starters/setup';
import type { Command } from 'commander';
import { regionOption } from './global-options';
import { queuesFrom } from './queue-options';

/**
 * `vodflow setup`: creates each queue (visibility timeout of the poller), points VOD's callback of
 * its region at it, and registers the search attributes. Idempotent: a second run changes nothing.
 */
export async function setupCommand(options: { region?: string; queue?: string }): Promise<number> {
  loadDotEnv();
  const config = loadConfig();
  const queues = queuesFrom(config, options.region, options.queue);
  const clients = cloudClientsFromConfig(config);
  const visibility = config.poller.visibilityTimeoutSeconds;
  // A deployment that names its application sets that application's callback, and no other.
  const appOf = (ref: QueueRef): string | undefined =>
    config.applications.enforced ? config.applications.forQueue(ref.region, ref.queue) : undefined;
  const steps: { what: string; run: () => Promise<SetupStep>; fix: string }[] = [
    ...queues.map((ref) => ({
      what: `queue ${ref.region}:${ref.queue}`,
      run: () => ensureQueue(clients, ref, visibility),
      fix: 'check the credentials (`vodflow doctor`) and that they may create SMQ queues',
    })),
    // VOD keeps one callback per region and application: the first queue of each receives its events.
    ...[...new Map(queues.map((ref) => [`${ref.region}/${appOf(ref) ?? ''}`, ref])).values()].map((ref) => ({
      what: `VOD callback (${ref.region})`,
      run: () => ensureCallback(clients, ref, appOf(ref)),
      fix: 'check the credentials (`vodflow doctor`) and SMQ_ACCOUNT_ID',
    })),
    {
      what: `search attributes (namespace ${config.temporal.namespace})`,
      run: () => ensureSearchAttributes(config.temporal),
      fix: 'on Temporal Cloud, add them to the namespace there (`vodflow doctor` lists them)',
    },
  ];
  let failures = 0;
  for (const step of steps) {
    try {
      const done = await step.run();
      console.log(`✓ ${done.what}: ${done.detail}${done.changed ? '' : ' (unchanged)'}`);
    } catch (error) {
      failures += 1;
      console.log(`✗ ${step.what}: ${errorSummary(error)} — fix: ${step.fix}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

export function registerSetupCommand(program: Command): void {
  program
    .command('setup')
    .summary("create the queues, point VOD's callback at them, register search attributes")
    .description(
      "create the queues (the poller's visibility timeout), point VOD's callback at them and register " +
        'the search attributes; idempotent (default: $VODFLOW_QUEUES)',
    )
    .addOption(regionOption('region of the one queue to set up (with --queue)'))
    .option('--queue <name>', 'the one queue to set up (with --region)')
    .action(async (options: { region?: string; queue?: string }) => {
      process.exitCode = await setupCommand(options);
    });
}
