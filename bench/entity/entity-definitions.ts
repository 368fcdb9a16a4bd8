import { defineQuery, defineSignal } from '@temporalio/workflow';

// The one signal and query of the benchmark's minimal entity workflow, shared by the workflow and
// the load client.
export interface EntityEvent {
  messageId: string;
  /** The event as vodflow's poller would send it, so that both carry payloads of the same size. */
  event: { EventType: string };
}

export const entityEventSignal = defineSignal<[EntityEvent]>('entityEvent');
export const entityStageQuery = defineQuery<{ stage: string; applied: number }>('entityStage');
