import { z } from 'zod';

// VOD documents three spellings of a UTC instant: seconds only, a colon before the milliseconds
// (not ISO 8601, used by AI events and ImageUploadComplete), and plain ISO with a fraction.
// Only UTC ('Z') is accepted: VOD documents every EventTime as UTC.
const VOD_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:[.:](\d{1,9}))?Z$/;

/** The instant as ISO 8601 with milliseconds (`2024-04-10T01:37:14.627Z`), or undefined. */
export function normaliseVodTime(text: string): string | undefined {
  const match = VOD_TIME.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, '0').slice(0, 3));
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(epoch);
  // Date.UTC rolls invalid parts over (Feb 30 → Mar 2); a round trip catches that.
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return valid ? date.toISOString() : undefined;
}

export const vodTimeSchema = z.string().transform((text, ctx) => {
  const iso = normaliseVodTime(text);
  if (iso === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a VOD UTC time (yyyy-MM-ddTHH:mm:ssZ, yyyy-MM-ddTHH:mm:ss:SSSZ or ISO): ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  return iso;
});

export type VodTimeStyle = 'seconds' | 'colon-millis' | 'iso-millis';

/**
 * An instant spelled as VOD writes it: `seconds` (`2024-04-10T01:37:14Z`, most events),
 * `colon-millis` (`2024-04-10T01:37:14:627Z`, AI events and ImageUploadComplete) or `iso-millis`.
 */
export function formatVodTime(date: Date, style: VodTimeStyle = 'seconds'): string {
  const iso = date.toISOString();
  if (style === 'iso-millis') return iso;
  const seconds = iso.slice(0, 19);
  return style === 'seconds' ? `${seconds}Z` : `${seconds}:${iso.slice(20, 23)}Z`;
}
