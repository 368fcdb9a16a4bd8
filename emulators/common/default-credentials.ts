// The key pair both emulators accept when none is configured. Documented in README; local use only.
export const DEFAULT_ACCESS_KEY_ID = 'vodflow-local-key';
export const DEFAULT_ACCESS_KEY_SECRET = 'vodflow-local-secret';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export const DEFAULT_ACCESS_KEY: AccessKey = {
  accessKeyId: DEFAULT_ACCESS_KEY_ID,
  accessKeySecret: DEFAULT_ACCESS_KEY_SECRET,
};
