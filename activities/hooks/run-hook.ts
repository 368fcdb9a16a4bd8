import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { QueuePort } from '../queue-port';
import { hookPayload, hookWorkflowId, type RunHookInput } from '../../common/hooks/hook-payload';
import { postWebhook } from './webhook';

export interface RunHookDeps {
  temporal: Client;
  queue(region: string, queue: string): QueuePort;
  /** Where webhook keys come from (the environment); never logged. */
  secret(name: string): string | undefined;
}

// Runs one hook firing: the activity the video workflow schedules, with the hook's own retries.
// Every action is safe to repeat: the workflow id is derived from the occurrence (a second start is
// refused), and webhook and queue deliveries carry the same deliveryId on every attempt.
export function createRunHook(deps: RunHookDeps) {
  return async function runHook(input: RunHookInput): Promise<{ detail: string }> {
    const { action } = input.firing;
    const payload = hookPayload(input);
    if ('workflow' in action) {
      const workflowId = hookWorkflowId(input.videoId, input.firing.hook, input.firing.occurrence);
      try {
        await deps.temporal.workflow.start(action.workflow.type, {
          workflowId,
          taskQueue: action.workflow.taskQueue,
          args: [payload],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        return { detail: `started ${workflowId}` };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError)
          return { detail: `started ${workflowId} (before)` };
        throw err;
      }
    }
    if ('webhook' in action) {
      const { url, secretEnv, timeoutSeconds } = action.webhook;
      const secret = secretEnv === undefined ? undefined : deps.secret(secretEnv);
      if (secretEnv !== undefined && !secret) {
        throw ApplicationFailure.nonRetryable(
          `${secretEnv} is not set in the worker's environment`,
          'HookSecretMissing',
        );
      }
      const detail = await postWebhook({
        url,
        body: JSON.stringify(payload),
        deliveryId: payload.deliveryId,
        hook: input.firing.hook,
        secret,
        timeoutMs: timeoutSeconds * 1000,
      });
      return { detail };
    }
    const region = action.smq.region ?? input.region;
    if (!region)
      throw ApplicationFailure.nonRetryable(
        'the hook names no region and the video has none',
        'HookNoRegion',
      );
    const { messageId } = await deps.queue(region, action.smq.queue).send(JSON.stringify(payload));
    return { detail: `message ${messageId} in ${region}:${action.smq.queue}` };
  };
}
