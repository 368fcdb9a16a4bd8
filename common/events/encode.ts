import { encodeUtf8Base64 } from './base64';
import type { BodyEncoding } from './decode';
import type { VodEventWire } from './vod-event';

/** The SMQ message body VOD would write for an event: its JSON, optionally Base64 (UTF-8). */
export function encodeEventBody(
  event: VodEventWire | Record<string, unknown>,
  encoding: BodyEncoding,
): string {
  const json = JSON.stringify(event);
  return encoding === 'base64' ? encodeUtf8Base64(json) : json;
}
