import { cloudClientsFromConfig } from '../clients/cloud-clients';
import { loadConfig } from '../common/config';
import { errorSummary } from '../preflight/error-summary';
import { loadDotEnv } from '../starters/load-env';
import { ensureCallback, ensureQueue, ensureSearchAttributes, type SetupStep } from '../starters/setup';
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
  const steps: { what: string; run: () => Promise<SetupStep>; fix: string }[] = [
    ...queues.map((ref) => ({
      what: `queue ${ref.region}:${ref.queue}`,
      run: () => ensureQueue(clients, ref, visibility),
      fix: 'check the credentials (`vodflow doctor`) and that they may create SMQ queues',
    })),
    // VOD keeps one callback per region: the first queue of each region receives its events.
    ...[...new Map(queues.map((ref) => [ref.region, ref])).values()].map((ref) => ({
      what: `VOD callback (${ref.region})`,
      run: () => ensureCallback(clients, ref),
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
