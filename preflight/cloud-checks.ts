import type { CloudClients } from '../clients/cloud-clients';
import { isSmqError } from '../clients/smq';
import { isVodApiError, type GetMessageCallbackResult } from '../clients/vod';
import type { QueueRef } from '../common/config';
import type { CheckResult } from './check-result';
import { errorSummary } from './error-summary';

// Checks against SMQ and VOD. Only error codes are reported, never an answer's full text: VOD's
// signature errors quote the string it signed, which carries the security token.

const CREDENTIALS_FIX =
  'check ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or the RAM role, OIDC or ' +
  'credentials file the default chain found) and the permissions of those keys';

function setupHint(ref: QueueRef): string {
  return `vodflow setup --region ${ref.region} --queue ${ref.queue}`;
}

/** SMQ credentials accepted, and the queue exists. */
export async function queueChecks(clients: CloudClients, ref: QueueRef): Promise<CheckResult[]> {
  const credentials = `SMQ credentials accepted (${ref.region})`;
  const exists = `queue ${ref.region}:${ref.queue} exists`;
  try {
    const attributes = await clients.smq(ref.region, ref.queue).getAttributes();
    return [
      { status: 'ok', name: credentials },
      { status: 'ok', name: exists, detail: `visibility timeout ${attributes.visibilityTimeout} s` },
    ];
  } catch (error) {
    if (isSmqError(error) && error.code === 'QueueNotExist') {
      return [
        { status: 'ok', name: credentials },
        { status: 'failed', name: exists, detail: 'QueueNotExist', fix: `\`${setupHint(ref)}\`` },
      ];
    }
    const unreachable = isSmqError(error) && error.status === undefined;
    return [
      {
        status: 'failed',
        name: credentials,
        detail: errorSummary(error),
        fix: unreachable ? 'check SMQ_ACCOUNT_ID / SMQ_ENDPOINT and the network' : CREDENTIALS_FIX,
      },
      { status: 'skipped', name: exists, detail: 'SMQ did not answer' },
    ];
  }
}

/** VOD credentials accepted, and (for doctor) VOD's callback of the region writes into one of its queues. */
export async function vodChecks(
  clients: CloudClients,
  region: string,
  queues: readonly QueueRef[],
  options: { callback: boolean; appId?: string },
): Promise<CheckResult[]> {
  const scope = options.appId ? `${region}, ${options.appId}` : region;
  const credentials = `VOD credentials accepted (${scope})`;
  const callbackName = `VOD callback (${scope}) writes into ${queues.map((q) => q.queue).join(' or ')}`;
  let answer: GetMessageCallbackResult;
  try {
    answer = await clients.vod(region).getMessageCallback(options.appId ? { AppId: options.appId } : {});
  } catch (error) {
    const auth = isVodApiError(error) && error.kind === 'auth';
    const results: CheckResult[] = [
      {
        status: 'failed',
        name: credentials,
        detail: errorSummary(error),
        fix: auth || !isVodApiError(error) ? CREDENTIALS_FIX : 'check VOD_ENDPOINT and the network',
      },
    ];
    if (options.callback)
      results.push({ status: 'skipped', name: callbackName, detail: 'VOD did not answer' });
    return results;
  }
  const results: CheckResult[] = [{ status: 'ok', name: credentials }];
  if (options.callback) results.push(callbackCheck(clients, region, queues, answer, callbackName));
  return results;
}

function callbackCheck(
  clients: CloudClients,
  region: string,
  queues: readonly QueueRef[],
  answer: GetMessageCallbackResult,
  name: string,
): CheckResult {
  const callback = answer.MessageCallback;
  const target = queues.find((ref) => ref.queue === callback?.MnsQueueName);
  const first = queues[0];
  const fix = first ? `\`${setupHint(first)}\`` : undefined;
  if (!callback || callback.CallbackType !== 'MNS' || !callback.MnsQueueName) {
    return { status: 'failed', name, detail: 'no SMQ callback configured', fix };
  }
  if (!target) {
    return { status: 'failed', name, detail: `it writes into queue ${callback.MnsQueueName}`, fix };
  }
  const endpoint = clients.smqEndpoint(region);
  if (callback.MnsEndpoint !== undefined && sameEndpoint(callback.MnsEndpoint, endpoint) === false) {
    return { status: 'failed', name, detail: `it writes to ${callback.MnsEndpoint}, not ${endpoint}`, fix };
  }
  return { status: 'ok', name, detail: `events ${callback.EventTypeList ?? 'ALL'}` };
}

function sameEndpoint(a: string, b: string): boolean {
  const host = (url: string): string => url.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return host(a) === host(b);
}
