import { z } from 'zod';

export { numberField, textField, jsonObjectOrTextField } from '../../common/events/field-types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// VOD's JSON keeps the XML habit of wrapping lists: {"TranscodeJobs":{"TranscodeJob":[...]}}. A
// one-element list may arrive as the element itself and an empty one as absent or "".
function unwrapList(value: unknown, wrapperKey: string): unknown {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isRecord(value) && wrapperKey in value) {
    const inner = value[wrapperKey];
    if (inner === undefined || inner === null || inner === '') return [];
    return Array.isArray(inner) ? inner : [inner];
  }
  return value;
}

/** A wrapped VOD list, normalised to a plain array (absent → []). */
export function wrappedList<T extends z.ZodType>(wrapperKey: string, item: T) {
  return z.preprocess((value) => unwrapList(value, wrapperKey), z.array(item));
}
