import { isUnknownVodEvent, type DecodedEvent, type VodEvent } from './vod-event';

export type MediaKind = 'video' | 'image' | 'attached' | 'url-upload-job';

/** What an event is about: the kind of media and its id. */
export interface MediaRef {
  kind: MediaKind;
  id: string;
}

// MediaType in delete / base-change events says what MediaId names; absent means a video.
function kindOfMediaType(mediaType: unknown): MediaKind {
  return mediaType === 'image' ? 'image' : mediaType === 'attached' ? 'attached' : 'video';
}

function knownRef(event: VodEvent): MediaRef {
  switch (event.EventType) {
    case 'ImageUploadComplete':
      return { kind: 'image', id: event.ImageId };
    case 'AttachedMediaUploadComplete':
      return { kind: 'attached', id: event.AttachedMediaId };
    case 'UploadByURLComplete':
      // A failed pull never created a video: only the upload job names it.
      return event.VideoId === undefined
        ? { kind: 'url-upload-job', id: event.JobId }
        : { kind: 'video', id: event.VideoId };
    case 'DeleteMediaComplete':
    case 'MediaBaseChangeComplete':
      return { kind: kindOfMediaType(event.MediaType), id: event.MediaId };
    case 'CreateAuditComplete':
    case 'AIMediaAuditComplete':
    case 'AIMediaDNAComplete':
    case 'AIVideoTagComplete':
    case 'UpdateMediaStorageClassComplete':
    case 'RestoreMediaComplete':
    case 'ProduceMediaComplete':
    case 'SubmitMediaRefreshComplete':
      // In these events MediaId is the audio/video id.
      return { kind: 'video', id: event.MediaId };
    default:
      return { kind: 'video', id: event.VideoId };
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

// For an event type this code does not know, the identifier fields of the known ones are tried.
export function mediaRefOfRaw(raw: Record<string, unknown>): MediaRef | undefined {
  const videoId = nonEmptyString(raw.VideoId);
  if (videoId) return { kind: 'video', id: videoId };
  const mediaId = nonEmptyString(raw.MediaId);
  if (mediaId) return { kind: kindOfMediaType(raw.MediaType), id: mediaId };
  const imageId = nonEmptyString(raw.ImageId);
  if (imageId) return { kind: 'image', id: imageId };
  const attachedId = nonEmptyString(raw.AttachedMediaId);
  if (attachedId) return { kind: 'attached', id: attachedId };
  return undefined;
}

/** The media an event is about; undefined only for an unknown event type that names no media. */
export function mediaRefOf(event: DecodedEvent): MediaRef | undefined {
  return isUnknownVodEvent(event) ? mediaRefOfRaw(event.raw) : knownRef(event);
}

/** The video an event belongs to, or undefined when it is about something else. */
export function videoIdOf(event: DecodedEvent): string | undefined {
  const ref = mediaRefOf(event);
  return ref?.kind === 'video' ? ref.id : undefined;
}
