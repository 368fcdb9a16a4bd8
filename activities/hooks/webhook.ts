import { ApplicationFailure } from '@temporalio/common';
import { createHmac } from 'node:crypto';

// POSTs a hook's JSON. The signature covers `<timestamp>.<body>` with HMAC-SHA256 and the key named
// by the hook (`secretEnv`), so that a receiver can check both who sent it and that it is fresh.
// Answers: 2xx done; 408, 429 and 5xx (and network errors, timeouts) retried with the hook's backoff;
// any other status fails the run at once, since the same request would be refused again.

export const SIGNATURE_HEADER = 'x-vodflow-signature';
export const TIMESTAMP_HEADER = 'x-vodflow-timestamp';
export const DELIVERY_HEADER = 'x-vodflow-delivery';

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function postWebhook(input: {
  url: string;
  body: string;
  deliveryId: string;
  hook: string;
  secret?: string;
  timeoutMs: number;
  now?: () => number;
}): Promise<string> {
  const timestamp = String(Math.floor((input.now?.() ?? Date.now()) / 1000));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'vodflow-hooks',
    'x-vodflow-hook': input.hook,
    [DELIVERY_HEADER]: input.deliveryId,
    [TIMESTAMP_HEADER]: timestamp,
  };
  if (input.secret !== undefined)
    headers[SIGNATURE_HEADER] = signWebhook(input.secret, timestamp, input.body);
  const response = await fetch(input.url, {
    method: 'POST',
    headers,
    body: input.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(input.timeoutMs),
  });
  await response.body?.cancel();
  if (response.status >= 200 && response.status < 300) return `HTTP ${response.status}`;
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const message = `${hostOf(input.url)} answered HTTP ${response.status}`;
  if (retryable) throw ApplicationFailure.retryable(message, 'HookWebhookStatus');
  throw ApplicationFailure.nonRetryable(
    `${message}: not retried (only 408, 429 and 5xx are)`,
    'HookWebhookRefused',
  );
}

// Never the whole URL in an error: it may carry a token.
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the webhook';
  }
}
