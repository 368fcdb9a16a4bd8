import { decodeUtf8Base64, utf8ByteLength } from './base64';
import { describeIssues, type EventDecodeError, type EventDecodeReason } from './decode-error';
import { normaliseVodTime } from './event-time';
import { SMQ_MAX_MESSAGE_BYTES } from './limits';
import { mediaRefOfRaw } from './media-ref';
import {
  isVodEventType,
  vodEventSchema,
  type UnknownVodEvent,
  type VodEvent,
  type VodEventType,
} from './vod-event';

export type BodyEncoding = 'json' | 'base64';

export type DecodeResult =
  | { ok: true; event: VodEvent | UnknownVodEvent; encoding: BodyEncoding }
  | { ok: false; error: EventDecodeError };

export interface DecodeOptions {
  /** Bodies larger than this (UTF-8 bytes) are refused before parsing. */
  maxBytes?: number;
}

// The field naming the media of each known event; a missing one is reported as 'missing-id'.
const ID_FIELD: Record<VodEventType, string> = {
  FileUploadComplete: 'VideoId',
  ImageUploadComplete: 'ImageId',
  StreamTranscodeComplete: 'VideoId',
  TranscodeComplete: 'VideoId',
  SnapshotComplete: 'VideoId',
  DynamicImageComplete: 'VideoId',
  AddLiveRecordVideoComplete: 'VideoId',
  LiveRecordVideoComposeStart: 'VideoId',
  UploadByURLComplete: 'JobId',
  CreateAuditComplete: 'MediaId',
  AIMediaAuditComplete: 'MediaId',
  VideoAnalysisComplete: 'VideoId',
  UpdateMediaStorageClassComplete: 'MediaId',
  RestoreMediaComplete: 'MediaId',
  AIMediaDNAComplete: 'MediaId',
  AIVideoTagComplete: 'MediaId',
  AttachedMediaUploadComplete: 'AttachedMediaId',
  ProduceMediaComplete: 'MediaId',
  DeleteMediaComplete: 'MediaId',
  MediaBaseChangeComplete: 'MediaId',
  SubmitMediaRefreshComplete: 'MediaId',
  WorkflowTaskComplete: 'VideoId',
};

function failure(reason: EventDecodeReason, message: string): DecodeResult {
  return { ok: false, error: { reason, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// VOD's own samples contain keys with stray spaces ("SourceURL "); a trimmed key is used unless the
// exact key is also present.
function withTrimmedKeys(object: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const trimmed = key.trim();
    if (trimmed === key || !(trimmed in object)) result[trimmed] = value;
  }
  return result;
}

function unknownEvent(eventType: string, raw: Record<string, unknown>): UnknownVodEvent {
  const event: UnknownVodEvent = { EventType: eventType, unknown: true, raw };
  const id = mediaRefOfRaw(raw)?.id;
  if (id !== undefined) event.id = id;
  const time = typeof raw.EventTime === 'string' ? normaliseVodTime(raw.EventTime) : undefined;
  if (time !== undefined) event.EventTime = time;
  return event;
}

function hasId(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Validates and normalises an already-parsed event object. */
export function decodeEventObject(value: unknown, encoding: BodyEncoding = 'json'): DecodeResult {
  if (!isRecord(value)) return failure('not-object', 'the body is JSON but not a JSON object');
  const raw = withTrimmedKeys(value);
  const eventType = raw.EventType;
  if (typeof eventType !== 'string' || eventType.trim() === '') {
    return failure('missing-event-type', 'EventType is missing or not a non-empty string');
  }
  if (!isVodEventType(eventType)) return { ok: true, event: unknownEvent(eventType, raw), encoding };
  const idField = ID_FIELD[eventType];
  if (!hasId(raw[idField])) return failure('missing-id', `${eventType} has no ${idField}`);
  const parsed = vodEventSchema.safeParse(raw);
  if (!parsed.success)
    return failure('invalid-fields', `${eventType}: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, event: parsed.data, encoding };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Decodes an SMQ message body written by VOD. Whether VOD Base64-encodes the body is undocumented,
 * so the content decides: a trimmed body starting with `{` is JSON, anything else must be strict
 * Base64 of UTF-8 JSON.
 */
export function decodeMessageBody(body: string, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = options.maxBytes ?? SMQ_MAX_MESSAGE_BYTES;
  const size = utf8ByteLength(body);
  if (size > maxBytes)
    return failure('too-large', `the body is ${size} bytes, over the ${maxBytes}-byte limit`);
  const trimmed = body.trim();
  if (trimmed === '') return failure('empty', 'the body is empty');
  const encoding: BodyEncoding = trimmed.startsWith('{') ? 'json' : 'base64';
  let jsonText = trimmed;
  if (encoding === 'base64') {
    const decoded = decodeUtf8Base64(trimmed);
    if (!decoded.ok)
      return failure('bad-base64', `the body is neither a JSON object nor Base64: ${decoded.problem}`);
    jsonText = decoded.text;
  }
  const parsed = parseJson(jsonText);
  if (!parsed.ok) {
    const what = encoding === 'base64' ? 'the Base64-decoded body' : 'the body';
    return failure('not-json', `${what} is not valid JSON: ${parsed.problem}`);
  }
  return decodeEventObject(parsed.value, encoding);
}
