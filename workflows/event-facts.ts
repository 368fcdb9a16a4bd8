import {
  eventContentKey,
  isUnknownVodEvent,
  normaliseVodTime,
  outcomeOf,
  type DecodedEvent,
  type VodEvent,
} from '../common/events';
import { attemptMarkerOf, policyOverrideOf } from '../common/extend-marker';
import type { FollowUpStage } from '../common/pipeline-policy';
import type { Observation, Outcome, SnapshotSet, StageDetails, StreamResult } from './observation';
import type { ApplyResult, EventMeta, VideoOrigin, VideoState } from './video-state';

// Maps each VOD event type to what it means for the pipeline. The one place that knows event field
// names; VideoState knows only observations.

export type DecodedVodEvent = DecodedEvent;

// How events are read. Version 1 is what runs recorded before manual reviews and analysis-implied
// uploads counted replay with; version 2 before a stage's result was the latest job's (by event
// time) rather than the first or last to arrive; new runs use the latest.
export type EventRulesVersion = 1 | 2 | 3;
export const LATEST_EVENT_RULES: EventRulesVersion = 3;

// Event types whose meaning changed between rule versions: only these need the workflow to ask which
// version its history was recorded with.
export const EVENT_TYPES_CHANGED_IN_V2: readonly string[] = [
  'CreateAuditComplete',
  'VideoAnalysisComplete',
  'UploadByURLComplete',
];

export const EVENT_TYPES_CHANGED_IN_V3: readonly string[] = [
  'TranscodeComplete',
  'SnapshotComplete',
  'AIMediaAuditComplete',
  'AIVideoTagComplete',
  'AIMediaDNAComplete',
];

// Events that change nothing in a video's pipeline (observed as `noted`), and a deletion: for a video
// vodflow has never seen they are no reason to start following it (with adoption `off`).
export const NOTE_ONLY_EVENT_TYPES: readonly string[] = [
  'MediaBaseChangeComplete',
  'UpdateMediaStorageClassComplete',
  'RestoreMediaComplete',
  'SubmitMediaRefreshComplete',
  'DynamicImageComplete',
  'AddLiveRecordVideoComplete',
  'LiveRecordVideoComposeStart',
  'ProduceMediaComplete',
  'WorkflowTaskComplete',
  'DeleteMediaComplete',
];

// The events that announce a video's upload: a workflow that starts with one follows a new video.
const UPLOAD_EVENT_TYPES: readonly string[] = ['FileUploadComplete', 'UploadByURLComplete'];

/**
 * How vodflow came to know a video, from the first event it ever got of it: its upload, or its
 * creation (CreateUploadVideo's MediaBaseChangeComplete, which VOD sends before the upload ends),
 * make it new; anything else is about a video that existed before vodflow followed it.
 */
export function originOfFirstEvent(event: DecodedVodEvent | undefined): VideoOrigin {
  const type: unknown = event?.EventType;
  if (typeof type === 'string' && UPLOAD_EVENT_TYPES.includes(type)) return 'new';
  return isCreation(event) ? 'new' : 'adopted';
}

// MediaContent.Title is {OldValue?, NewValue?}: a creation or an edit sets NewValue.
function titleOf(event: DecodedVodEvent): { title?: string } {
  const content = (event as { MediaContent?: unknown }).MediaContent;
  const title =
    typeof content === 'object' && content !== null ? (content as { Title?: unknown }).Title : undefined;
  const value =
    typeof title === 'object' && title !== null ? (title as { NewValue?: unknown }).NewValue : undefined;
  return typeof value === 'string' && value.length > 0 ? { title: value.slice(0, 200) } : {};
}

function isCreation(event: DecodedVodEvent | undefined): boolean {
  return (
    event?.EventType === 'MediaBaseChangeComplete' &&
    (event as { OperateMode?: unknown }).OperateMode === 'create'
  );
}

export function applyVodEvent(
  state: VideoState,
  event: DecodedVodEvent,
  meta: EventMeta,
  now: string,
  rules: EventRulesVersion = LATEST_EVENT_RULES,
): ApplyResult {
  return state.apply({
    eventType: event.EventType,
    eventTime: event.EventTime,
    observation: isUnknownVodEvent(event) ? undefined : observe(event, rules),
    contentKey: eventContentKey(event),
    meta,
    now,
  });
}

function outcome(event: VodEvent): Outcome {
  return outcomeOf(event) === 'failure' ? 'failure' : 'success';
}

// Which attempt of which stage a completion event answers: vodflow's marker in Extend, or attempt 0
// when vodflow did not submit the job.
function attemptFor(stage: FollowUpStage, extend: unknown): number {
  const marker = attemptMarkerOf(extend);
  return marker?.stage === stage ? marker.attempt : 0;
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function vodTime(value: unknown): string | undefined {
  return typeof value === 'string' ? normaliseVodTime(value) : undefined;
}

function num(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function streamOf(raw: Record<string, unknown>, fallbackOutcome: Outcome): StreamResult {
  const status = text(raw.Status);
  return {
    definition: text(raw.Definition) ?? 'unknown',
    format: text(raw.Format),
    outcome: status === undefined ? fallbackOutcome : status === 'success' ? 'success' : 'failure',
    jobId: text(raw.JobId),
    fileUrl: text(raw.FileUrl),
    width: num(raw.Width),
    height: num(raw.Height),
    bitrate: text(raw.Bitrate),
    errorCode: text(raw.ErrorCode),
    errorMessage: text(raw.ErrorMessage),
  };
}

export function observe(event: VodEvent, rules: EventRulesVersion = LATEST_EVENT_RULES): Observation {
  const at = event.EventTime;
  switch (event.EventType) {
    case 'FileUploadComplete':
      return {
        kind: 'uploaded',
        at,
        size: num(event.Size),
        fileUrl: text(event.FileUrl),
        policyOverride: policyOverrideOf(event.Extend),
        createdAt: vodTime((event as { CreationTime?: unknown }).CreationTime),
      };
    case 'StreamTranscodeComplete':
      return {
        kind: 'stream',
        at,
        attempt: attemptFor('transcode', event.Extend),
        stream: streamOf(event, outcome(event)),
      };
    case 'TranscodeComplete': {
      const streams = (event.StreamInfos ?? []).map((info) =>
        streamOf(info as unknown as Record<string, unknown>, outcome(event)),
      );
      const failed = streams.find((s) => s.outcome === 'failure');
      return {
        kind: 'stage',
        stage: 'transcode',
        at,
        attempt: attemptFor('transcode', event.Extend),
        outcome: outcome(event),
        jobId: streams.find((s) => s.jobId)?.jobId,
        errorCode: outcome(event) === 'failure' ? failed?.errorCode : undefined,
        errorMessage: outcome(event) === 'failure' ? failed?.errorMessage : undefined,
        details: { stage: 'transcode', streams },
        latestResultWins: rules >= 3,
      };
    }
    case 'SnapshotComplete': {
      const infos = event.SnapshotInfos ?? [];
      const snapshots: SnapshotSet[] = infos.map((info) => ({
        type: text(info.SnapshotType) ?? 'unknown',
        count: num(info.SnapshotCount) ?? 0,
        urlPattern: text(info.SnapshotRegular),
      }));
      return {
        kind: 'stage',
        stage: 'snapshot',
        at,
        attempt: attemptFor('snapshot', event.Extend),
        outcome: outcome(event),
        jobId: infos.map((info) => text(info.JobId)).find((id) => id !== undefined),
        errorCode: text(event.ErrorCode),
        errorMessage: text(event.ErrorMessage),
        details: { stage: 'snapshot', coverUrl: text(event.CoverUrl), snapshots },
        latestResultWins: rules >= 3,
      };
    }
    case 'AIMediaAuditComplete': {
      const data = record(event.Data);
      const suggestion = text(data?.Suggestion);
      return aiStage('aiAudit', event, rules, {
        stage: 'aiAudit',
        suggestion:
          suggestion === 'pass' || suggestion === 'review' || suggestion === 'block' ? suggestion : undefined,
        label: text(data?.Label),
        abnormalModules: text(data?.AbnormalModules),
      });
    }
    case 'AIVideoTagComplete': {
      const data = record(event.Data) ?? {};
      const tags: Record<string, string[]> = {};
      for (const [category, entries] of Object.entries(data)) {
        if (!Array.isArray(entries)) continue;
        const names = entries.map((entry) => text(record(entry)?.Tag)).filter((tag): tag is string => !!tag);
        if (names.length > 0) tags[category] = names.slice(0, 20);
      }
      return aiStage('aiTag', event, rules, { stage: 'aiTag', tags });
    }
    case 'AIMediaDNAComplete': {
      const dna = record(event.Data)?.VideoDNA;
      const matches = (Array.isArray(dna) ? dna : [])
        .map((match) => record(match))
        .filter((match): match is Record<string, unknown> => match !== undefined)
        .map((match) => ({
          videoId: text(match.PrimaryKey) ?? 'unknown',
          similarity: text(match.Similarity),
        }))
        .slice(0, 20);
      return aiStage('aiDna', event, rules, { stage: 'aiDna', matches });
    }
    case 'UploadByURLComplete':
      // A video pulled from a URL is an upload; the stream variant adds a stream to an existing video.
      return rules >= 2 && outcome(event) === 'success' && event.FileType !== 'Stream'
        ? { kind: 'uploaded', at, size: num(event.Size), policyOverride: policyOverrideOf(event.Extend) }
        : { kind: 'noted', at };
    case 'CreateAuditComplete':
      return rules >= 2 ? manualReview(event) : { kind: 'noted', at };
    case 'VideoAnalysisComplete':
      return {
        kind: 'analysis',
        at,
        outcome: outcome(event),
        // VOD analyses only a file it has received: a successful analysis proves the upload.
        impliesUpload: rules >= 2 && outcome(event) === 'success',
        durationSeconds: num(event.Duration),
        width: num(event.Width),
        height: num(event.Height),
      };
    case 'DeleteMediaComplete':
      // Only a deletion of the whole video ends its pipeline; a deleted stream or source does not.
      return event.DeleteType === undefined || event.DeleteType === 'all'
        ? { kind: 'deleted', at, outcome: outcome(event), deleteType: text(event.DeleteType) }
        : { kind: 'noted', at };
    case 'MediaBaseChangeComplete':
      // The creation of the video proves it new, even when an event about it came first.
      return { kind: 'noted', at, ...(isCreation(event) ? { createdVideo: true } : {}), ...titleOf(event) };
    default:
      return { kind: 'noted', at };
  }
}

// A manual review whose operation failed, or whose verdict VOD did not spell as documented, says
// nothing about the video.
function manualReview(event: Extract<VodEvent, { EventType: 'CreateAuditComplete' }>): Observation {
  const verdict =
    event.AuditStatus === 'Blocked' ? 'blocked' : event.AuditStatus === 'Normal' ? 'approved' : undefined;
  if (outcomeOf(event) !== 'success' || verdict === undefined) return { kind: 'noted', at: event.EventTime };
  return {
    kind: 'review',
    // The review's own time orders reviews; EventTime is when VOD sent the notification.
    at: event.CreationTime ?? event.EventTime,
    verdict,
    reason: event.Reason,
    auditor: event.Auditor,
  };
}

function aiStage(
  stage: 'aiAudit' | 'aiTag' | 'aiDna',
  event: Extract<
    VodEvent,
    { EventType: 'AIMediaAuditComplete' | 'AIVideoTagComplete' | 'AIMediaDNAComplete' }
  >,
  rules: EventRulesVersion,
  details: StageDetails,
): Observation {
  const failed = outcome(event) === 'failure';
  return {
    kind: 'stage',
    stage,
    at: event.EventTime,
    attempt: attemptFor(stage, 'Extend' in event ? event.Extend : undefined),
    outcome: outcome(event),
    jobId: text(event.JobId),
    errorCode: failed ? text(event.Code) : undefined,
    errorMessage: failed ? text(event.Message) : undefined,
    details: failed ? undefined : details,
    latestResultWins: rules >= 3,
  };
}
