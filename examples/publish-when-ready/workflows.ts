import { proxyActivities } from '@temporalio/workflow';
import type { HookPayload } from '../../common/hooks/hook-payload';
import type { createCmsActivities } from './activities';

// A user's own workflow, started by vodflow's `publish-when-ready` hook on its own task queue. It
// knows nothing of vodflow but the payload: the video's view and the event that fired the hook.
// vodflow starts it once per (video, hook, occurrence), with a workflow id derived from them.

const { publishToCms } = proxyActivities<ReturnType<typeof createCmsActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

export interface PublishResult {
  videoId: string;
  title?: string;
  playable: string[];
}

export async function publishVideo(payload: HookPayload): Promise<PublishResult> {
  const view = payload.video as { title?: string; streams?: Record<string, { fileUrl?: string }> };
  const playable = Object.values(view.streams ?? {})
    .map((stream) => stream.fileUrl)
    .filter((url): url is string => typeof url === 'string');
  const entry = { videoId: payload.videoId, title: view.title, playable };
  await publishToCms(entry);
  return entry;
}
