import { SmqClient } from '../clients/smq';
import { createVodClient, type VodClient } from '../clients/vod';
import type { ActivityDeps } from '../activities';
import { smqQueuePort } from '../activities/smq-queue-port';
import { vodFollowUpPort } from '../activities/vod-follow-up-port';
import type { QueuePort } from '../activities/queue-port';
import type { FollowUpPort } from '../activities/follow-up-port';
import type { VodflowConfig } from '../common/config';

export type WorkerActivityDeps = Omit<ActivityDeps, 'temporal' | 'taskQueue'>;

// Activity dependencies from configuration: one SMQ client per (region, queue) and one VOD client
// per region, created on first use and reused. Credentials stay inside the clients.
export function activityDepsFromConfig(config: VodflowConfig, log: ActivityDeps['log']): WorkerActivityDeps {
  const credentials = config.credentials;
  const missingCredentials = (what: string): Error =>
    new Error(
      `${what} needs credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET`,
    );

  const queues = new Map<string, QueuePort>();
  const vods = new Map<string, FollowUpPort>();
  const defaultRegion = config.queues[0]?.region ?? 'cn-shanghai';

  return {
    policy: config.policy,
    videoLimits: config.video,
    log,
    queue(region, queue) {
      const key = `${region}/${queue}`;
      let port = queues.get(key);
      if (!port) {
        if (!credentials) throw missingCredentials('SMQ');
        const client = new SmqClient(queue, {
          ...credentials,
          ...(config.smq.endpoint
            ? { endpoint: config.smq.endpoint }
            : { accountId: config.smq.accountId, region }),
        });
        port = smqQueuePort(client);
        queues.set(key, port);
      }
      return port;
    },
    followUps(region) {
      const key = region ?? defaultRegion;
      let port = vods.get(key);
      if (!port) {
        if (!credentials) throw missingCredentials('VOD');
        const client: VodClient = createVodClient({
          ...credentials,
          region: key,
          endpoint: config.vod.endpoint,
        });
        port = vodFollowUpPort(client);
        vods.set(key, port);
      }
      return port;
    },
  };
}
