// The VOD event model: schemas, decoded types, body codec and helpers. Pure code, safe to import
// from workflows (no Node built-ins).
export * from './vod-event';
export {
  decodeMessageBody,
  decodeEventObject,
  type DecodeResult,
  type DecodeOptions,
  type BodyEncoding,
} from './decode';
export type { EventDecodeError, EventDecodeReason } from './decode-error';
export { encodeEventBody } from './encode';
export { outcomeOf, outcomeOfStatus, type EventOutcome } from './outcome';
export { mediaRefOf, videoIdOf, type MediaRef, type MediaKind } from './media-ref';
export { eventContentKey } from './content-key';
export { normaliseVodTime, formatVodTime, type VodTimeStyle } from './event-time';
export { snapshotUrls, MAX_SNAPSHOT_URLS } from './snapshot-urls';
export { SMQ_MAX_MESSAGE_BYTES, VOD_EXTEND_MAX_BYTES } from './limits';
export type { JsonObject, JsonObjectOrText } from './field-types';
