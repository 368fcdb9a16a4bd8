import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeMessageBody, type DecodedEvent } from '../../common/events';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'events');

/** An event as the poller would decode it from these fields; throws when they do not decode. */
export function decodedEvent(fields: Record<string, unknown>): DecodedEvent {
  const result = decodeMessageBody(JSON.stringify(fields));
  if (!result.ok) throw new Error(result.error.message);
  return result.event;
}

/** A VOD sample event from test/fixtures/events, about `videoId`, with `patch` on top. */
export function fixtureEvent(
  name: string,
  videoId: string,
  patch: Record<string, unknown> = {},
): DecodedEvent {
  const raw = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  for (const key of ['VideoId', 'MediaId']) if (key in raw) raw[key] = videoId;
  return decodedEvent({ ...raw, ...patch });
}
