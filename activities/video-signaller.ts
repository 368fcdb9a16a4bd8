import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { videoWorkflowId } from '../common/workflow-ids';
import {
  vodEventSignal,
  vodEventsSignal,
  type VodEventSignalArgs,
  type VodEventsSignalArgs,
} from '../workflows/definitions';
import type { VideoSnapshot } from '../workflows/video-state';
import type { videoWorkflow } from '../workflows/video';
import { NOTE_ONLY_EVENT_TYPES } from '../workflows/event-facts';
import { isKnownVideo, latestVideoRun } from './video-revival';
import {
  videoWorkflowInput,
  videoWorkflowSummary,
  type VideoWorkflowInputDeps,
} from './video-workflow-input';

export interface VideoSignallerDeps extends VideoWorkflowInputDeps {
  temporal: Client;
  taskQueue: string;
}

/** `skipped`: an event that only notes a change, about a video vodflow has never seen (adoption off). */
export type SignalOutcome = 'signalled' | 'revived' | 'skipped';

// Delivers events of one video to its workflow with one signal-with-start (`vodEvent` for one,
// `vodEvents` for several, applied in order). Resolves only once Temporal has recorded the signal:
// that is what allows the queue messages to be deleted.
//
// A video whose workflow has closed (deleted, cancelled, or idle) is not restarted from an empty
// state: the start is refused (REJECT_DUPLICATE), and the closed run's final state is carried into
// a new run together with the event.
export function createVideoSignaller(deps: VideoSignallerDeps) {
  const start = async (
    videoId: string,
    region: string | undefined,
    payloads: readonly VodEventSignalArgs[],
    revival: { carried: VideoSnapshot | undefined } | undefined,
    appId: string | undefined,
  ): Promise<void> => {
    const common = {
      workflowId: videoWorkflowId(videoId),
      taskQueue: deps.taskQueue,
      args: [{ ...videoWorkflowInput(deps, videoId, region, appId), carried: revival?.carried }] as [
        ReturnType<typeof videoWorkflowInput>,
      ],
      workflowIdReusePolicy: revival
        ? WorkflowIdReusePolicy.ALLOW_DUPLICATE
        : WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: videoWorkflowSummary(videoId, region),
    };
    const [only] = payloads;
    if (payloads.length === 1 && only) {
      await deps.temporal.workflow.signalWithStart<typeof videoWorkflow, [VodEventSignalArgs]>(
        'videoWorkflow',
        { ...common, signal: vodEventSignal, signalArgs: [only] },
      );
    } else {
      await deps.temporal.workflow.signalWithStart<typeof videoWorkflow, [VodEventsSignalArgs]>(
        'videoWorkflow',
        { ...common, signal: vodEventsSignal, signalArgs: [{ events: [...payloads] }] },
      );
    }
  };

  return async function signalVideo(
    videoId: string,
    region: string | undefined,
    payloads: readonly VodEventSignalArgs[],
    appId?: string,
  ): Promise<SignalOutcome> {
    if (payloads.length === 0) throw new Error('signalVideo needs at least one event');
    if (
      deps.policy.adopt === 'off' &&
      payloads.every((payload) => NOTE_ONLY_EVENT_TYPES.includes(payload.event.EventType)) &&
      !(await isKnownVideo(deps.temporal, videoId))
    ) {
      return 'skipped';
    }
    // Bounded: a second round only happens when another poller revived the video meanwhile.
    for (let round = 0; round < 3; round++) {
      try {
        await start(videoId, region, payloads, undefined, appId);
        return 'signalled';
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      const latest = await latestVideoRun(deps.temporal, videoId);
      if (latest.open) continue;
      await start(videoId, region, payloads, { carried: latest.carried }, appId);
      return 'revived';
    }
    throw new Error(
      `could not deliver an event to ${videoWorkflowId(videoId)}: it kept closing and reopening`,
    );
  };
}
