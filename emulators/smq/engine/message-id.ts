import { randomBytes } from 'node:crypto';

// Message ids look like the service's: 32 upper-case hex characters, unique per engine.
export function newMessageId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}
