import { SmqClient } from '../clients/smq';
import { createVodClient } from '../clients/vod';
import type { ActivityDeps } from '../activities';
import { smqQueuePort } from '../activities/smq-queue-port';
import { vodFollowUpPort } from '../activities/vod-follow-up-port';
import type { VodflowConfig } from '../common/config';
import { hooksSource } from '../common/hooks/hooks-source';

export type WorkerActivityDeps = Omit<ActivityDeps, 'temporal' | 'taskQueue'>;

// Activity dependencies from configuration: one SMQ client per (region, queue) and one VOD client
// per region, created on first use and reused. Credentials stay inside the clients.
export function activityDepsFromConfig(config: VodflowConfig, log: ActivityDeps['log']): WorkerActivityDeps {
  const credentials = config.credentials;
  const missingCredentials = (what: string): Error =>
    new Error(
      `${what} needs credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
    );

  const defaultRegion = config.queues[0]?.region ?? 'cn-shanghai';

  const vodClient = onePer((region) => {
    if (!credentials) throw missingCredentials('VOD');
    return createVodClient({ ...credentials, region, endpoint: config.vod.endpoint });
  });
  const followUps = onePer((region) => vodFollowUpPort(vodClient(region)));
  const queuePort = onePer((key) => {
    if (!credentials) throw missingCredentials('SMQ');
    const [region = '', queue = ''] = key.split('/');
    const client = new SmqClient(queue, {
      ...credentials,
      ...(config.smq.endpoint
        ? { endpoint: config.smq.endpoint }
        : { accountId: config.smq.accountId, region }),
    });
    return smqQueuePort(client);
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
