import { Connection } from '@temporalio/client';
import type { CloudClients } from '../clients/cloud-clients';
import { isSmqError } from '../clients/smq';
import { tlsOptions } from '../clients/temporal/connect';
import type { QueueRef, VodflowConfig } from '../common/config';
import { VOD_SEARCH_ATTRIBUTES } from '../common/search-attributes';
import { indexedValueType, missingSearchAttributes } from '../preflight/temporal-checks';
import { configureCallback } from './configure-callback';

export interface SetupStep {
  what: string;
  /** false when it was already as wanted (a second setup changes nothing). */
  changed: boolean;
  detail: string;
}

// `vodflow setup`: what a deployment needs once, each step done only when it is not already so.

/** The queue exists, with the visibility timeout the poller works with. */
export async function ensureQueue(
  clients: CloudClients,
  ref: QueueRef,
  visibilityTimeoutSeconds: number,
): Promise<SetupStep> {
  const what = `queue ${ref.region}:${ref.queue}`;
  const queue = clients.smq(ref.region, ref.queue);
  let current: number;
  try {
    current = (await queue.getAttributes()).visibilityTimeout;
  } catch (error) {
    if (!(isSmqError(error) && error.code === 'QueueNotExist')) throw error;
    await queue.createQueue({ visibilityTimeout: visibilityTimeoutSeconds });
    return { what, changed: true, detail: `created (visibility timeout ${visibilityTimeoutSeconds} s)` };
  }
  if (current === visibilityTimeoutSeconds) {
    return { what, changed: false, detail: `exists (visibility timeout ${current} s)` };
  }
  await queue.setAttributes({ visibilityTimeout: visibilityTimeoutSeconds });
  return { what, changed: true, detail: `visibility timeout ${current} s → ${visibilityTimeoutSeconds} s` };
}

/** VOD's callback of the region writes every event into the queue. */
export async function ensureCallback(
  clients: CloudClients,
  ref: QueueRef,
  appId?: string,
): Promise<SetupStep> {
  const what = `VOD callback (${appId ? `${ref.region}, ${appId}` : ref.region})`;
  const vod = clients.vod(ref.region);
  const mnsEndpoint = clients.smqEndpoint(ref.region);
  const { MessageCallback: current } = await vod.getMessageCallback(appId ? { AppId: appId } : {});
  if (
    current?.CallbackType === 'MNS' &&
    current.MnsQueueName === ref.queue &&
    current.MnsEndpoint === mnsEndpoint &&
    (current.EventTypeList ?? 'ALL') === 'ALL'
  ) {
    return { what, changed: false, detail: `already writes into ${ref.queue}` };
  }
  await configureCallback(vod, { mnsEndpoint, queueName: ref.queue, appId });
  return { what, changed: true, detail: `now writes every event into ${ref.queue} at ${mnsEndpoint}` };
}

/** vodflow's search attributes exist in the namespace (self-hosted Temporal: the operator API). */
export async function ensureSearchAttributes(config: VodflowConfig['temporal']): Promise<SetupStep> {
  const what = `search attributes (namespace ${config.namespace})`;
  const connection = await Connection.connect({
    address: config.address,
    tls: await tlsOptions(config),
    apiKey: config.apiKey,
  });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({
      namespace: config.namespace,
    });
    const registered = customAttributes ?? {};
    const missing = VOD_SEARCH_ATTRIBUTES.filter((key) => !(key.name in registered));
    const wrongType = missingSearchAttributes(registered).filter(
      (entry) => !missing.some((key) => entry.startsWith(`${key.name}(`)),
    );
    if (wrongType.length > 0) {
      throw new Error(`registered with another type: ${wrongType.join(', ')} (remove them first)`);
    }
    if (missing.length === 0) return { what, changed: false, detail: 'all registered' };
    await connection.operatorService.addSearchAttributes({
      namespace: config.namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType(key.type)])),
    });
    return { what, changed: true, detail: `registered ${missing.map((key) => key.name).join(', ')}` };
  } finally {
    await connection.close();
  }
}
