import { VOD_EXTEND_MAX_BYTES } from '../../common/events/limits';

export interface UserDataMessageCallback {
  CallbackURL?: string;
  /** Documented default `http`; SMQ field names here are unconfirmed. */
  CallbackType?: string;
  [field: string]: unknown;
}

export interface UserDataInput {
  /** Per-request callback target (takes precedence over the global configuration). */
  messageCallback?: UserDataMessageCallback;
  /** Pass-through data echoed in events as `Extend`: an object or a string, ≤ 512 bytes. */
  extend?: Record<string, unknown> | string;
}

export class UserDataError extends RangeError {
  override readonly name = 'UserDataError';
}

/** The size VOD's 512-byte Extend limit is checked against: the UTF-8 bytes of its JSON text. */
export function extendByteLength(extend: Record<string, unknown> | string): number {
  const text = typeof extend === 'string' ? extend : JSON.stringify(extend);
  return Buffer.byteLength(text, 'utf8');
}

/** The `UserData` JSON string VOD's upload and processing APIs accept. */
export function buildUserData(input: UserDataInput): string {
  const userData: Record<string, unknown> = {};
  if (input.messageCallback !== undefined) userData.MessageCallback = input.messageCallback;
  if (input.extend !== undefined) {
    const size = extendByteLength(input.extend);
    if (size > VOD_EXTEND_MAX_BYTES) {
      throw new UserDataError(
        `UserData.Extend is ${size} bytes once serialised; VOD accepts at most ${VOD_EXTEND_MAX_BYTES}`,
      );
    }
    userData.Extend = input.extend;
  }
  return JSON.stringify(userData);
}
