import type { VodEventSignalArgs } from './definitions';
import { applyVodEvent, type DecodedVodEvent, type EventRulesVersion } from './event-facts';
import type { ApplyResult, VideoState } from './video-state';

// A signal's input is data from outside (the poller, an operator, an older client): whatever it
// holds, the video workflow must not fail its task on it, or the video is wedged until a deploy.
// An event that makes the state logic throw is recorded as rejected, with the reason.
export function applyOrReject(
  state: VideoState,
  args: VodEventSignalArgs,
  now: string,
  rulesFor: (event: DecodedVodEvent) => EventRulesVersion,
): ApplyResult {
  const { event, meta } = args;
  try {
    return applyVodEvent(state, event, meta, now, rulesFor(event));
  } catch (err) {
    state.reject({
      eventType: typeof event?.EventType === 'string' ? event.EventType : '(none)',
      eventTime: typeof event?.EventTime === 'string' ? event.EventTime : undefined,
      meta: meta ?? { source: 'queue' },
      now,
      reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return 'rejected';
  }
}
