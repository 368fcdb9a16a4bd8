import { cloudClientsFromConfig, type CloudClients } from '../clients/cloud-clients';
import type { ActivityDeps } from '../activities';
import { smqQueuePort } from '../activities/smq-queue-port';
import { vodFollowUpPort } from '../activities/vod-follow-up-port';
import type { VodflowConfig } from '../common/config';
import { hooksSource } from '../common/hooks/hooks-source';

export type WorkerActivityDeps = Omit<ActivityDeps, 'temporal' | 'taskQueue'>;

// Activity dependencies from configuration: one SMQ client per (region, queue) and one VOD client
// per region, created on first use and reused. Credentials stay inside the clients (one provider
// for all of them, so temporary keys are fetched once and renewed once).
export function activityDepsFromConfig(
  config: VodflowConfig,
  log: ActivityDeps['log'],
  clients: CloudClients = cloudClientsFromConfig(config),
): WorkerActivityDeps {
  const defaultRegion = config.queues[0]?.region ?? 'cn-shanghai';

  const vodClient = onePer((region) => clients.vod(region));
  const followUps = onePer((region) => vodFollowUpPort(vodClient(region)));
  const queuePort = onePer((key) => {
    const [region = '', queue = ''] = key.split('/');
    return smqQueuePort(clients.smq(region, queue));
  });

  return {
    policy: config.policy,
    videoLimits: config.video,
    reconcile: config.reconcile,
    applications: config.applications,
    hooks: config.hooksFile ? hooksSource(config.hooksFile, (message) => log.warn(message, {})) : undefined,
    log,
    queue: (region, queue) => queuePort(`${region}/${queue}`),
    followUps: (region) => followUps(region ?? defaultRegion),
    // Unlimited here: the read task queue's rate, enforced by the server, spaces these calls.
    vodQueries: (region) => vodClient(region ?? defaultRegion),
  };
}

/** `create` called once per key, on first use; later calls get the same value. */
function onePer<T>(create: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = create(key);
      made.set(key, value);
    }
    return value;
  };
}
