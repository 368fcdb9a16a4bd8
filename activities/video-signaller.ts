import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { videoWorkflowId } from '../common/workflow-ids';
import { vodEventSignal, type VodEventSignalArgs } from '../workflows/definitions';
import type { VideoSnapshot } from '../workflows/video-state';
import type { videoWorkflow } from '../workflows/video';
import { NOTE_ONLY_EVENT_TYPES } from '../workflows/event-facts';
import { isKnownVideo, latestVideoRun } from './video-revival';
import { videoWorkflowInput, type VideoWorkflowInputDeps } from './video-workflow-input';

export interface VideoSignallerDeps extends VideoWorkflowInputDeps {
  temporal: Client;
  taskQueue: string;
}

/** `skipped`: an event that only notes a change, about a video vodflow has never seen (adoption off). */
export type SignalOutcome = 'signalled' | 'revived' | 'skipped';

// Delivers one event to its video's workflow with signal-with-start. Resolves only once Temporal
// has recorded the signal: that is what allows the queue message to be deleted (design §3.1).
//
// A video whose workflow has closed (deleted, cancelled, or idle) is not restarted from an empty
// state: the start is refused (REJECT_DUPLICATE), and the closed run's final state is carried into
// a new run together with the event.
export function createVideoSignaller(deps: VideoSignallerDeps) {
  const start = async (
    videoId: string,
    region: string | undefined,
    payload: VodEventSignalArgs,
    revival: { carried: VideoSnapshot | undefined } | undefined,
  ): Promise<void> => {
    await deps.temporal.workflow.signalWithStart<typeof videoWorkflow, [VodEventSignalArgs]>(
      'videoWorkflow',
      {
        workflowId: videoWorkflowId(videoId),
        taskQueue: deps.taskQueue,
        args: [{ ...videoWorkflowInput(deps, videoId, region), carried: revival?.carried }],
        signal: vodEventSignal,
        signalArgs: [payload],
        workflowIdReusePolicy: revival
          ? WorkflowIdReusePolicy.ALLOW_DUPLICATE
          : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      },
    );
  };

  return async function signalVideo(
    videoId: string,
    region: string | undefined,
    payload: VodEventSignalArgs,
  ): Promise<SignalOutcome> {
    if (
      deps.policy.adopt === 'off' &&
      NOTE_ONLY_EVENT_TYPES.includes(payload.event.EventType) &&
      !(await isKnownVideo(deps.temporal, videoId))
    ) {
      return 'skipped';
    }
    // Bounded: a second round only happens when another poller revived the video meanwhile.
    for (let round = 0; round < 3; round++) {
      try {
        await start(videoId, region, payload, undefined);
        return 'signalled';
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      const latest = await latestVideoRun(deps.temporal, videoId);
      if (latest.open) continue;
      await start(videoId, region, payload, { carried: latest.carried });
      return 'revived';
    }
    throw new Error(
      `could not deliver an event to ${videoWorkflowId(videoId)}: it kept closing and reopening`,
    );
  };
}
