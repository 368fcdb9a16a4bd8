import type { VodflowConfig } from '../common/config';
import { credentialsProviderFor, type CloudCredentialsProvider } from './credentials/credentials-provider';
import { SmqClient, smqEndpointForRegion } from './smq';
import { createVodClient, type VodClient } from './vod';

/** The SMQ and VOD clients of a configuration, all fed by one credentials provider. */
export interface CloudClients {
  /** Where SMQ is reached for a region: SMQ_ENDPOINT, or the account's public endpoint. */
  smqEndpoint(region: string): string;
  smq(region: string, queue: string): SmqClient;
  vod(region: string): VodClient;
}

export function cloudClientsFromConfig(
  config: Pick<VodflowConfig, 'credentials' | 'smq' | 'vod'>,
  credentials: CloudCredentialsProvider = credentialsProviderFor(config.credentials),
): CloudClients {
  const smqEndpoint = (region: string): string => {
    if (config.smq.endpoint) return config.smq.endpoint;
    if (config.smq.accountId) return smqEndpointForRegion(config.smq.accountId, region);
    throw new Error('no SMQ endpoint: set SMQ_ACCOUNT_ID (real SMQ) or SMQ_ENDPOINT (emulator)');
  };
  return {
    smqEndpoint,
    smq: (region, queue) =>
      new SmqClient(queue, { credentialsProvider: credentials, endpoint: smqEndpoint(region) }),
    vod: (region) =>
      createVodClient({ credentialsProvider: credentials, region, endpoint: config.vod.endpoint }),
  };
}
