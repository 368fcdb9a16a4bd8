import { outOfRange } from '../errors';
import { QUEUE_ATTRIBUTE_DEFAULTS, QUEUE_ATTRIBUTE_RANGES, type AttributeRange } from '../limits';
import type { QueueAttributes } from './types';

type NumericAttribute = keyof typeof QUEUE_ATTRIBUTE_RANGES;
const NUMERIC_ATTRIBUTES = Object.keys(QUEUE_ATTRIBUTE_RANGES) as NumericAttribute[];

export function checkRange(element: string, value: number, range: AttributeRange): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max)
    throw outOfRange(element, range.min, range.max, range.unit);
}

/** Validates the given attributes; the missing ones come from `base` (defaults for a new queue). */
export function resolveAttributes(
  given: Partial<QueueAttributes>,
  base: QueueAttributes = { ...QUEUE_ATTRIBUTE_DEFAULTS },
): QueueAttributes {
  for (const name of NUMERIC_ATTRIBUTES) {
    const value = given[name];
    if (value !== undefined) checkRange(name, value, QUEUE_ATTRIBUTE_RANGES[name]);
  }
  return { ...base, ...stripUndefined(given) };
}

export function sameAttributes(a: QueueAttributes, b: QueueAttributes): boolean {
  return NUMERIC_ATTRIBUTES.every((name) => a[name] === b[name]) && a.LoggingEnabled === b.LoggingEnabled;
}

function stripUndefined(given: Partial<QueueAttributes>): Partial<QueueAttributes> {
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}
