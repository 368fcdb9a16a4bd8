import { cloudClientsFromConfig, type CloudClients } from '../clients/cloud-clients';
import type { QueueRef, VodflowConfig } from '../common/config';
import { failed, formatCheck, type CheckResult } from './check-result';
import { queueChecks, vodChecks } from './cloud-checks';
import { temporalChecks } from './temporal-checks';

export interface PreflightOptions {
  /** Queues to check; the configuration's (VODFLOW_QUEUES) by default. */
  queues?: readonly QueueRef[];
  /** doctor only: VOD's callback points at a queue, and a worker polls the task queue. */
  full?: boolean;
  clients?: CloudClients;
}

/**
 * What vodflow needs before it can run: Temporal reachable, namespace and search attributes there;
 * per queue, SMQ accepts the credentials and the queue exists; per region, VOD accepts them. The
 * same checks back `vodflow doctor` (one line each) and the start of `worker` and `consume`.
 */
export async function preflight(
  config: VodflowConfig,
  options: PreflightOptions = {},
): Promise<CheckResult[]> {
  const queues = options.queues ?? config.queues;
  const clients = options.clients ?? cloudClientsFromConfig(config);
  const first = queues[0];
  const setupHint = first ? `vodflow setup --region ${first.region} --queue ${first.queue}` : 'vodflow setup';
  // VOD keeps one callback per region and application: named applications are checked each.
  const appOf = (ref: QueueRef): string | undefined =>
    config.applications.enforced ? config.applications.forQueue(ref.region, ref.queue) : undefined;
  const scopes = [
    ...new Map(
      queues.map((ref) => [`${ref.region}/${appOf(ref) ?? ''}`, { region: ref.region, appId: appOf(ref) }]),
    ).values(),
  ];
  const [temporal, smq, vod] = await Promise.all([
    temporalChecks(config.temporal, { setupHint, workerPolling: options.full === true }),
    Promise.all(queues.map((ref) => queueChecks(clients, ref))),
    Promise.all(
      scopes.map(({ region, appId }) =>
        vodChecks(
          clients,
          region,
          queues.filter((ref) => ref.region === region && appOf(ref) === appId),
          { callback: options.full === true, appId },
        ),
      ),
    ),
  ]);
  // A worker may run video workflows only; doctor reports a deployment without queues.
  const noQueue: CheckResult[] =
    queues.length === 0 && options.full
      ? [
          {
            status: 'failed',
            name: 'queues configured',
            detail: 'none',
            fix: 'set VODFLOW_QUEUES=region:queue (or pass --region and --queue)',
          },
        ]
      : [];
  return [...temporal, ...noQueue, ...smq.flat(), ...vod.flat()];
}

export class PreflightError extends Error {
  override name = 'PreflightError';
}

/** Runs the preflight and throws one line naming the first failure (and how many more) with its fix. */
export async function requirePreflight(config: VodflowConfig, options: PreflightOptions = {}): Promise<void> {
  const failures = failed(await preflight(config, options));
  const [first] = failures;
  if (!first) return;
  const more = failures.length > 1 ? ` (+${failures.length - 1} more: run \`vodflow doctor\`)` : '';
  throw new PreflightError(`preflight failed: ${formatCheck(first)}${more}`);
}
