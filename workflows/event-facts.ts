import {
  eventContentKey,
  isUnknownVodEvent,
  outcomeOf,
  type DecodedEvent,
  type VodEvent,
} from '../common/events';
import { attemptMarkerOf, policyOverrideOf } from '../common/extend-marker';
import type { FollowUpStage } from '../common/pipeline-policy';
import type { Observation, Outcome, SnapshotSet, StageDetails, StreamResult } from './observation';
import type { ApplyResult, EventMeta, VideoState } from './video-state';

// Maps each VOD event type to what it means for the pipeline. The one place that knows event field
// names; VideoState knows only observations.

export type DecodedVodEvent = DecodedEvent;

export function applyVodEvent(
  state: VideoState,
  event: DecodedVodEvent,
  meta: EventMeta,
  now: string,
): ApplyResult {
  return state.apply({
    eventType: event.EventType,
    eventTime: event.EventTime,
    observation: isUnknownVodEvent(event) ? undefined : observe(event),
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

export function observe(event: VodEvent): Observation {
  const at = event.EventTime;
  switch (event.EventType) {
    case 'FileUploadComplete':
      return {
        kind: 'uploaded',
        at,
        size: num(event.Size),
        fileUrl: text(event.FileUrl),
        policyOverride: policyOverrideOf(event.Extend),
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
      };
    }
    case 'AIMediaAuditComplete': {
      const data = record(event.Data);
      const suggestion = text(data?.Suggestion);
      return aiStage('aiAudit', event, {
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
      return aiStage('aiTag', event, { stage: 'aiTag', tags });
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
      return aiStage('aiDna', event, { stage: 'aiDna', matches });
    }
    case 'VideoAnalysisComplete':
      return {
        kind: 'analysis',
        at,
        outcome: outcome(event),
        durationSeconds: num(event.Duration),
        width: num(event.Width),
        height: num(event.Height),
      };
    case 'DeleteMediaComplete':
      // Only a deletion of the whole video ends its pipeline; a deleted stream or source does not.
      return event.DeleteType === undefined || event.DeleteType === 'all'
        ? { kind: 'deleted', at, outcome: outcome(event), deleteType: text(event.DeleteType) }
        : { kind: 'noted', at };
    default:
      return { kind: 'noted', at };
  }
}

function aiStage(
  stage: 'aiAudit' | 'aiTag' | 'aiDna',
  event: Extract<
    VodEvent,
    { EventType: 'AIMediaAuditComplete' | 'AIVideoTagComplete' | 'AIMediaDNAComplete' }
  >,
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
  };
}
