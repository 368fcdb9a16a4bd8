import { mediaRefOf } from './media-ref';
import { isUnknownVodEvent, type DecodedEvent, type VodEvent } from './vod-event';

// The part of the key that tells two completions of the same type on the same media apart: the
// job(s) they report and, for per-stream events, which stream.
function jobPart(event: VodEvent): string {
  switch (event.EventType) {
    case 'StreamTranscodeComplete':
      return [event.JobId ?? '', event.Definition ?? '', event.Format ?? ''].join('/');
    case 'TranscodeComplete':
      return sortedJoin((event.StreamInfos ?? []).map((info) => info.JobId ?? ''));
    case 'SnapshotComplete':
      return [
        event.SubType ?? '',
        sortedJoin((event.SnapshotInfos ?? []).map((info) => info.JobId ?? '')),
      ].join('/');
    case 'DynamicImageComplete':
    case 'UploadByURLComplete':
    case 'AIMediaAuditComplete':
    case 'AIMediaDNAComplete':
    case 'AIVideoTagComplete':
      return event.JobId;
    case 'DeleteMediaComplete':
      return [event.DeleteType ?? '', event.JobIds ?? ''].join('/');
    case 'ProduceMediaComplete':
      return event.ProjectId ?? '';
    case 'SubmitMediaRefreshComplete':
      return event.MediaRefreshJobId ?? '';
    case 'WorkflowTaskComplete':
      return event.TaskId ?? '';
    case 'MediaBaseChangeComplete':
      return event.OperateMode ?? '';
    case 'UpdateMediaStorageClassComplete':
      return [event.StorageClass ?? '', event.Scope ?? ''].join('/');
    default:
      return '';
  }
}

function sortedJoin(values: string[]): string {
  return [...values].sort().join(',');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/**
 * A stable content key for deduplication: EventType + media id + job/definition +
 * Status + EventTime. Two deliveries of the same VOD event give the same key whatever their
 * encoding or time spelling, since it is computed from the normalised event.
 */
export function eventContentKey(event: DecodedEvent): string {
  const id = mediaRefOf(event)?.id ?? '';
  if (isUnknownVodEvent(event)) {
    const raw = event.raw;
    return JSON.stringify([event.EventType, id, text(raw.JobId), text(raw.Status), event.EventTime ?? '']);
  }
  return JSON.stringify([event.EventType, id, jobPart(event), event.Status ?? '', event.EventTime]);
}
