import { randomUUID } from 'node:crypto';

/** A 32-character lower-case hex id, the shape of VOD's VideoId and JobId values. */
export function newMediaId(): string {
  return randomUUID().replace(/-/g, '');
}

/** An upper-case UUID, the shape of VOD's RequestId. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}
