import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FollowUpStage } from '../common/pipeline-policy';
import type { DecodedVodEvent } from './event-facts';
import type { PollerOptionsInput } from '../common/poller-options';
import type { ConsumerStats } from './consumer-stats';
import type { ConsumerView } from './consumer-state';
import type { QuarantineEntry } from './quarantine-entry';
import type { EventMeta, VideoStage, VideoView } from './video-state';

// Every signal, query and update of vodflow, with stable wire names and the description the Web UI
// shows. Workflows, starters, the poller and tests all import them from here.

const descriptions = new Map<string, string>();

function described<T extends { name: string }>(definition: T, description: string): T {
  descriptions.set(definition.name, description);
  return definition;
}

/** The handler options that carry a definition's description (setHandler's third argument). */
export function describedAs(definition: { name: string }): { description?: string } {
  return { description: descriptions.get(definition.name) };
}

// ---- video workflow ----
export interface VodEventSignalArgs {
  event: DecodedVodEvent;
  meta: EventMeta;
}
export const vodEventSignal = described(
  defineSignal<[VodEventSignalArgs]>('vodEvent'),
  'one VOD event from the queue, with its SMQ message metadata; duplicates change nothing',
);
/** Several events of one video from one received batch, applied in order as if signalled one by one. */
export interface VodEventsSignalArgs {
  events: VodEventSignalArgs[];
}
export const vodEventsSignal = described(
  defineSignal<[VodEventsSignalArgs]>('vodEvents'),
  'several events of this video from one received batch, applied in order',
);
export const videoStateQuery = described(
  defineQuery<VideoView>('state'),
  "the video's whole processing state: stage, milestones, follow-ups, waits, counters",
);
export const retryStageUpdate = described(
  defineUpdate<{ stage: FollowUpStage; attempt: number }, [{ stage?: FollowUpStage }]>('retryStage'),
  'one more attempt for a failed follow-up stage (refused when none failed)',
);
export const cancelVideoUpdate = described(
  defineUpdate<{ stage: VideoStage }, [{ reason?: string }]>('cancel'),
  "stop the video's follow-ups and close its workflow, with the operator's reason",
);
export const retryHookUpdate = described(
  defineUpdate<{ retried: number }, [{ hook: string; occurrence?: string }]>('retryHook'),
  "run a hook's failed runs again (all of them, or one occurrence); answers how many",
);

// ---- consumer workflow ----
export const consumerStatsQuery = described(
  defineQuery<ConsumerStats>('consumerStats'),
  "what this consumer's pollers received, signalled, deleted and quarantined",
);
export const stopConsumerSignal = described(
  defineSignal('stopConsumer'),
  'stop polling: the poller drains its in-flight messages, then the consumer completes',
);
export const consumerStateQuery = described(
  defineQuery<ConsumerView>('consumerState'),
  "this consumer's settings, status, last receive, counters and last error",
);
/** New poller settings: the running poller finishes what it holds, the next run uses them. */
export const configureConsumerUpdate = described(
  defineUpdate<ConsumerView, [PollerOptionsInput]>('configureConsumer'),
  'new poller settings: the running poller finishes what it holds, the next run uses them',
);

// ---- quarantined message workflow ----
export interface QuarantineSighting {
  dequeueCount: number;
  seenAt: string;
}
export const quarantineSeenAgainSignal = described(
  defineSignal<[QuarantineSighting]>('quarantineSeenAgain'),
  'the same poison message was received again',
);
export const quarantineEntryQuery = described(
  defineQuery<QuarantineEntry>('quarantineEntry'),
  'the quarantined message: raw body, reason, sightings, decision',
);
export const redriveUpdate = described(
  defineUpdate<{ newMessageId: string }, [{ body?: string }]>('redrive'),
  'send the message back to its queue, optionally with a corrected body',
);
export const discardUpdate = described(
  defineUpdate<void, [{ reason?: string }]>('discard'),
  'drop the message for good, with the reason',
);
