import { SmqClient } from '../clients/smq';
import { createVodClient, type VodClient } from '../clients/vod';
import type { ActivityDeps } from '../activities';
import { smqQueuePort } from '../activities/smq-queue-port';
import { vodFollowUpPort } from '../activities/vod-follow-up-port';
import { rateLimitedQueries, type VodQueries } from '../activities/reconcile/vod-queries';
import { TokenBucket } from '../activities/token-bucket';
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
  const vodClients = new Map<string, VodClient>();
  const followUpPorts = new Map<string, FollowUpPort>();
  const queryPorts = new Map<string, VodQueries>();
  const defaultRegion = config.queues[0]?.region ?? 'cn-shanghai';

  const vodClient = (region: string): VodClient => {
    let client = vodClients.get(region);
    if (!client) {
      if (!credentials) throw missingCredentials('VOD');
      client = createVodClient({ ...credentials, region, endpoint: config.vod.endpoint });
      vodClients.set(region, client);
    }
    return client;
  };

  return {
    policy: config.policy,
    videoLimits: config.video,
    reconcile: config.reconcile,
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
      let port = followUpPorts.get(key);
      if (!port) {
        port = vodFollowUpPort(vodClient(key));
        followUpPorts.set(key, port);
      }
      return port;
    },
    vodQueries(region) {
      const key = region ?? defaultRegion;
      let port = queryPorts.get(key);
      if (!port) {
        const bucket = new TokenBucket(config.vodQueryRatePerSecond);
        port = rateLimitedQueries(vodClient(key), () => bucket.acquire());
        queryPorts.set(key, port);
      }
      return port;
    },
  };
}
