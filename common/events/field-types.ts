import { z } from 'zod';

// Field codecs shared by the event schemas. Each turns what VOD may send into the field's
// documented type: VOD samples send numbers as strings, booleans as strings, and several
// "JSON" fields as JSON-encoded strings.

const NUMERIC_TEXT = /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A documented number (Long/Float/Double); a numeric string is coerced. */
export const numberField = z.union([
  z.number().finite(),
  z
    .string()
    .regex(NUMERIC_TEXT, 'expected a number or a numeric string')
    .transform((text) => Number(text)),
]);

/** A documented string that VOD sometimes sends as a number (Bitrate, Fps, Code...): kept as text. */
export const textField = z.union([z.string(), z.number().transform((value) => String(value))]);

/** A documented boolean; 'true' / 'false' strings are coerced. */
export const booleanField = z.union([
  z.boolean(),
  z
    .enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])
    .transform((text) => text.toLowerCase() === 'true'),
]);

/** A non-empty identifier (VideoId, MediaId, JobId...). */
export const idField = z.string().trim().min(1, 'must be a non-empty id');

export type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object a JSON text encodes, or undefined when it is not JSON or not an object. */
export function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A field VOD documents as JSON that may arrive as a JSON-encoded string or as an object.
 * Normalised: the object when it is (or encodes) a JSON object, otherwise the raw string as sent,
 * so nothing is lost and consumers test `typeof value === 'object'`.
 */
export const jsonObjectOrTextField = z.union([
  z.record(z.string(), z.unknown()),
  z.string().transform((text): JsonObject | string => parseJsonObject(text) ?? text),
]);

export type JsonObjectOrText = z.output<typeof jsonObjectOrTextField>;
