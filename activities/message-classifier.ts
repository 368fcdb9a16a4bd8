import { decodeMessageBody, mediaRefOf } from '../common/events';
import { isValidVideoId } from '../common/workflow-ids';
import type { DecodedVodEvent } from '../workflows/event-facts';

export type PoisonVerdict = { kind: 'poison'; reasonCode: string; reason: string };
export type MessageVerdict = { kind: 'event'; videoId: string; event: DecodedVodEvent } | PoisonVerdict;

// Decides what a queue message is before anything is signalled: an event for a video, or poison to
// quarantine. Unknown but well-formed event types are events, not poison. `appId` is the
// application the queue serves: an event that names another one arrived through a callback pointed
// at the wrong queue, and is kept aside (redrivable to the right queue) instead of processed.
export function classifyMessage(body: string, maxBodyBytes: number, appId?: string): MessageVerdict {
  const size = Buffer.byteLength(body, 'utf8');
  if (size > maxBodyBytes) {
    return {
      kind: 'poison',
      reasonCode: 'too-large',
      reason: `the body is ${size} bytes, over the ${maxBodyBytes}-byte limit`,
    };
  }
  const decoded = decodeMessageBody(body);
  if (!decoded.ok) return { kind: 'poison', reasonCode: decoded.error.reason, reason: decoded.error.message };
  const ref = mediaRefOf(decoded.event);
  if (!ref) {
    return {
      kind: 'poison',
      reasonCode: 'missing-id',
      reason: `${decoded.event.EventType} names no media id`,
    };
  }
  // vodflow keeps one workflow per video. Events about images or auxiliary media have no pipeline
  // to join: they are kept in quarantine (inspectable, discardable) rather than silently dropped.
  if (ref.kind !== 'video') {
    return {
      kind: 'poison',
      reasonCode: 'not-video-media',
      reason:
        `${decoded.event.EventType} is about ${ref.kind} ${ref.id}, not a video; vodflow tracks videos only ` +
        '(leave this event type out of SetMessageCallback, or discard the entry)',
    };
  }
  if (!isValidVideoId(ref.id)) {
    return {
      kind: 'poison',
      reasonCode: 'bad-id',
      reason: `video id ${JSON.stringify(ref.id)} is not a valid VOD id`,
    };
  }
  const eventAppId = (decoded.event as Record<string, unknown>).AppId;
  if (appId !== undefined && typeof eventAppId === 'string' && eventAppId !== appId) {
    return {
      kind: 'poison',
      reasonCode: 'foreign-app',
      reason:
        `${decoded.event.EventType} is about video ${ref.id} of application ${eventAppId}, and this queue ` +
        `serves ${appId}: ${eventAppId}'s callback points at this queue (fix it with vodflow ` +
        `configure-callback --app-id ${eventAppId}, then redrive the entry to that application's queue)`,
    };
  }
  return { kind: 'event', videoId: ref.id, event: decoded.event };
}
