import type { z } from 'zod';

export type EventDecodeReason =
  | 'too-large'
  | 'empty'
  | 'bad-base64'
  | 'not-json'
  | 'not-object'
  | 'missing-event-type'
  | 'missing-id'
  | 'invalid-fields';

/** Why a message body is not an event: a machine code and a message naming the field(s). */
export interface EventDecodeError {
  reason: EventDecodeReason;
  message: string;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(event)';
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // One message per alternative the value failed, e.g. "expected number" or "numeric string".
    const alternatives = new Set(issue.errors.flat().map((nested) => nested.message));
    return `${where}: ${[...alternatives].join(' or ')}`;
  }
  return `${where}: ${issue.message}`;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map(describeIssue).join('; ');
}
