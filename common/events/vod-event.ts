import { z } from 'zod';
import { addLiveRecordVideoCompleteSchema, liveRecordVideoComposeStartSchema } from './schemas/live';
import {
  deleteMediaCompleteSchema,
  mediaBaseChangeCompleteSchema,
  produceMediaCompleteSchema,
  restoreMediaCompleteSchema,
  submitMediaRefreshCompleteSchema,
  updateMediaStorageClassCompleteSchema,
} from './schemas/media';
import {
  aiMediaAuditCompleteSchema,
  aiMediaDnaCompleteSchema,
  aiVideoTagCompleteSchema,
  createAuditCompleteSchema,
  videoAnalysisCompleteSchema,
} from './schemas/review-ai';
import {
  dynamicImageCompleteSchema,
  snapshotCompleteSchema,
  type snapshotInfoSchema,
} from './schemas/snapshot';
import {
  type streamInfoSchema,
  streamTranscodeCompleteSchema,
  transcodeCompleteSchema,
} from './schemas/transcode';
import {
  attachedMediaUploadCompleteSchema,
  fileUploadCompleteSchema,
  imageUploadCompleteSchema,
  uploadByUrlCompleteSchema,
} from './schemas/upload';
import { workflowTaskCompleteSchema } from './schemas/workflow-task';

// Every event type in VOD's event documentation, one schema per EventType.
// Objects are loose: fields VOD adds later are kept as sent rather than rejected or dropped.
export const vodEventSchema = z.discriminatedUnion('EventType', [
  fileUploadCompleteSchema,
  imageUploadCompleteSchema,
  streamTranscodeCompleteSchema,
  transcodeCompleteSchema,
  snapshotCompleteSchema,
  dynamicImageCompleteSchema,
  addLiveRecordVideoCompleteSchema,
  liveRecordVideoComposeStartSchema,
  uploadByUrlCompleteSchema,
  createAuditCompleteSchema,
  aiMediaAuditCompleteSchema,
  videoAnalysisCompleteSchema,
  updateMediaStorageClassCompleteSchema,
  restoreMediaCompleteSchema,
  aiMediaDnaCompleteSchema,
  aiVideoTagCompleteSchema,
  attachedMediaUploadCompleteSchema,
  produceMediaCompleteSchema,
  deleteMediaCompleteSchema,
  mediaBaseChangeCompleteSchema,
  submitMediaRefreshCompleteSchema,
  workflowTaskCompleteSchema,
]);

/** A decoded, normalised event: what consumers see and what travels in Temporal signals. */
export type VodEvent = z.output<typeof vodEventSchema>;
/** An event as VOD writes it (numbers may be strings, JSON fields may be strings). */
export type VodEventWire = z.input<typeof vodEventSchema>;
export type VodEventType = VodEvent['EventType'];

export const VOD_EVENT_TYPES: readonly VodEventType[] = Object.freeze([
  'FileUploadComplete',
  'ImageUploadComplete',
  'StreamTranscodeComplete',
  'TranscodeComplete',
  'SnapshotComplete',
  'DynamicImageComplete',
  'AddLiveRecordVideoComplete',
  'LiveRecordVideoComposeStart',
  'UploadByURLComplete',
  'CreateAuditComplete',
  'AIMediaAuditComplete',
  'VideoAnalysisComplete',
  'UpdateMediaStorageClassComplete',
  'RestoreMediaComplete',
  'AIMediaDNAComplete',
  'AIVideoTagComplete',
  'AttachedMediaUploadComplete',
  'ProduceMediaComplete',
  'DeleteMediaComplete',
  'MediaBaseChangeComplete',
  'SubmitMediaRefreshComplete',
  'WorkflowTaskComplete',
] as const satisfies readonly VodEventType[]);

export function isVodEventType(value: string): value is VodEventType {
  return (VOD_EVENT_TYPES as readonly string[]).includes(value);
}

export type VodEventOf<T extends VodEventType> = Extract<VodEvent, { EventType: T }>;
export type VodEventWireOf<T extends VodEventType> = Extract<VodEventWire, { EventType: T }>;

export type FileUploadCompleteEvent = VodEventOf<'FileUploadComplete'>;
export type ImageUploadCompleteEvent = VodEventOf<'ImageUploadComplete'>;
export type StreamTranscodeCompleteEvent = VodEventOf<'StreamTranscodeComplete'>;
export type TranscodeCompleteEvent = VodEventOf<'TranscodeComplete'>;
export type SnapshotCompleteEvent = VodEventOf<'SnapshotComplete'>;
export type DynamicImageCompleteEvent = VodEventOf<'DynamicImageComplete'>;
export type AddLiveRecordVideoCompleteEvent = VodEventOf<'AddLiveRecordVideoComplete'>;
export type LiveRecordVideoComposeStartEvent = VodEventOf<'LiveRecordVideoComposeStart'>;
export type UploadByURLCompleteEvent = VodEventOf<'UploadByURLComplete'>;
export type CreateAuditCompleteEvent = VodEventOf<'CreateAuditComplete'>;
export type AIMediaAuditCompleteEvent = VodEventOf<'AIMediaAuditComplete'>;
export type VideoAnalysisCompleteEvent = VodEventOf<'VideoAnalysisComplete'>;
export type UpdateMediaStorageClassCompleteEvent = VodEventOf<'UpdateMediaStorageClassComplete'>;
export type RestoreMediaCompleteEvent = VodEventOf<'RestoreMediaComplete'>;
export type AIMediaDNACompleteEvent = VodEventOf<'AIMediaDNAComplete'>;
export type AIVideoTagCompleteEvent = VodEventOf<'AIVideoTagComplete'>;
export type AttachedMediaUploadCompleteEvent = VodEventOf<'AttachedMediaUploadComplete'>;
export type ProduceMediaCompleteEvent = VodEventOf<'ProduceMediaComplete'>;
export type DeleteMediaCompleteEvent = VodEventOf<'DeleteMediaComplete'>;
export type MediaBaseChangeCompleteEvent = VodEventOf<'MediaBaseChangeComplete'>;
export type SubmitMediaRefreshCompleteEvent = VodEventOf<'SubmitMediaRefreshComplete'>;
export type WorkflowTaskCompleteEvent = VodEventOf<'WorkflowTaskComplete'>;

export type FileUploadCompleteWire = VodEventWireOf<'FileUploadComplete'>;
export type StreamTranscodeCompleteWire = VodEventWireOf<'StreamTranscodeComplete'>;
export type TranscodeCompleteWire = VodEventWireOf<'TranscodeComplete'>;
export type SnapshotCompleteWire = VodEventWireOf<'SnapshotComplete'>;
export type AIMediaAuditCompleteWire = VodEventWireOf<'AIMediaAuditComplete'>;
export type AIVideoTagCompleteWire = VodEventWireOf<'AIVideoTagComplete'>;
export type AIMediaDNACompleteWire = VodEventWireOf<'AIMediaDNAComplete'>;
export type DeleteMediaCompleteWire = VodEventWireOf<'DeleteMediaComplete'>;
export type VideoAnalysisCompleteWire = VodEventWireOf<'VideoAnalysisComplete'>;

export type StreamInfo = z.output<typeof streamInfoSchema>;
export type SnapshotInfo = z.output<typeof snapshotInfoSchema>;

/** Events VOD sends without an event of their own: the typed fallback for any other EventType. */
export interface UnknownVodEvent {
  EventType: string;
  unknown: true;
  /** The media id the event names (VideoId, MediaId, ImageId or AttachedMediaId), if any. */
  id?: string;
  /** Normalised like known events' EventTime; absent when missing or unreadable. */
  EventTime?: string;
  raw: Record<string, unknown>;
}

export type DecodedEvent = VodEvent | UnknownVodEvent;

// Decided by EventType, not by the `unknown` flag: a known event keeps unknown fields as sent,
// and VOD could one day send a field called `unknown`.
export function isUnknownVodEvent(event: DecodedEvent): event is UnknownVodEvent {
  return !isVodEventType(event.EventType);
}
