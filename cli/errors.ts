import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { NamespaceNotFoundError } from '@temporalio/common';
import { ConfigError } from '../common/config';
import { videoIdFromWorkflowId } from '../common/workflow-ids';

// What a failed command prints and its exit code: 1 when it failed, was refused or found nothing;
// 2 when it was used wrongly (arguments, options or configuration).

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The video's state refuses an operator action (checked before reopening a closed video). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** What the command names does not exist: a video vodflow never saw, a quarantine entry. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function explain(err: unknown): { message: string; code: number } {
  if (err instanceof UsageError || err instanceof ConfigError) {
    return { message: err.message, code: EXIT.usage };
  }
  if (err instanceof RefusedError) return { message: `refused: ${err.message}`, code: EXIT.failed };
  if (err instanceof WorkflowUpdateFailedError) {
    return { message: `refused: ${err.cause?.message ?? err.message}`, code: EXIT.failed };
  }
  // The SDK's text names a workflow id; the person asked about a video.
  if (err instanceof WorkflowNotFoundError) {
    const videoId = videoIdFromWorkflowId(err.workflowId);
    return { message: videoId ? notFoundVideo(videoId) : `${err.workflowId} not found`, code: EXIT.failed };
  }
  if (err instanceof NamespaceNotFoundError) {
    return { message: `namespace ${err.namespace} not found (--namespace)`, code: EXIT.failed };
  }
  return { message: err instanceof Error ? err.message : String(err), code: EXIT.failed };
}

export function notFoundVideo(videoId: string): string {
  return `video ${videoId} not found: vodflow has seen no event of it`;
}
