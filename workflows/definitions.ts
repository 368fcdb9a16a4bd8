import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FollowUpStage } from '../common/pipeline-policy';
import type { DecodedVodEvent } from './event-facts';
import type { PollerOptionsInput } from '../common/poller-options';
import type { ConsumerStats } from './consumer-stats';
import type { ConsumerView } from './consumer-state';
import type { QuarantineEntry } from './quarantine-entry';
import type { EventMeta, VideoStage, VideoView } from './video-state';

// Every signal, query and update of vodflow, with stable wire names. Workflows, starters, the
// poller and tests all import them from here.

// ---- video workflow ----
export interface VodEventSignalArgs {
  event: DecodedVodEvent;
  meta: EventMeta;
}
export const vodEventSignal = defineSignal<[VodEventSignalArgs]>('vodEvent');
/** Several events of one video from one received batch, applied in order as if signalled one by one. */
export interface VodEventsSignalArgs {
  events: VodEventSignalArgs[];
}
export const vodEventsSignal = defineSignal<[VodEventsSignalArgs]>('vodEvents');
export const videoStateQuery = defineQuery<VideoView>('state');
export const retryStageUpdate = defineUpdate<
  { stage: FollowUpStage; attempt: number },
  [{ stage?: FollowUpStage }]
>('retryStage');
export const cancelVideoUpdate = defineUpdate<{ stage: VideoStage }, [{ reason?: string }]>('cancel');

// ---- consumer workflow ----
export const consumerStatsQuery = defineQuery<ConsumerStats>('consumerStats');
export const consumerStateQuery = defineQuery<ConsumerView>('consumerState');
export const stopConsumerSignal = defineSignal('stopConsumer');
/** New poller settings: the running poller finishes what it holds, the next run uses them. */
export const configureConsumerUpdate = defineUpdate<ConsumerView, [PollerOptionsInput]>('configureConsumer');

// ---- quarantined message workflow ----
export interface QuarantineSighting {
  dequeueCount: number;
  seenAt: string;
}
export const quarantineSeenAgainSignal = defineSignal<[QuarantineSighting]>('quarantineSeenAgain');
export const quarantineEntryQuery = defineQuery<QuarantineEntry>('quarantineEntry');
export const redriveUpdate = defineUpdate<{ newMessageId: string }, [{ body?: string }]>('redrive');
export const discardUpdate = defineUpdate<void, [{ reason?: string }]>('discard');
