import type { HookFiring } from './match-hooks';

/** What every action delivers: the same JSON to a webhook, a queue and a user's workflow. */
export interface HookPayload {
  /** `<videoId>:<hook>:<occurrence>`: the same on every retry, so that receivers can deduplicate. */
  deliveryId: string;
  hook: string;
  occurrence: string;
  videoId: string;
  /** The video's view when the hook fired (its event log left out). */
  video: Record<string, unknown>;
  /** The event that fired the hook; for stage and status triggers the latest event applied. */
  event?: Record<string, unknown>;
}

export interface RunHookInput {
  videoId: string;
  region?: string;
  firing: HookFiring;
  video: Record<string, unknown>;
}

export function hookPayload(input: RunHookInput): HookPayload {
  const { firing } = input;
  return {
    deliveryId: `${input.videoId}:${firing.hook}:${firing.occurrence}`,
    hook: firing.hook,
    occurrence: firing.occurrence,
    videoId: input.videoId,
    video: input.video,
    event: firing.event,
  };
}

/** The id of the workflow a `workflow` hook starts: one per (video, hook, occurrence). */
export function hookWorkflowId(videoId: string, hook: string, occurrence: string): string {
  return `vodflow-hook:${hook}:${videoId}:${occurrence}`;
}
