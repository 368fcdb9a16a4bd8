// Receive errors that no retry cures until an operator acts: the queue is missing, or SMQ refuses
// the credentials. A poller reports them to its consumer, which waits before trying again, instead
// of failing and being retried every few seconds.
const SETUP_ERROR_CODES = new Set([
  'QueueNotExist',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidAuthorizationHeader',
]);

export interface SetupError {
  code: string;
  message: string;
  /** ISO time of the failed receive. */
  at: string;
}

export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'Unknown';
}

export function isSetupError(err: unknown): boolean {
  return SETUP_ERROR_CODES.has(errorCode(err));
}

export function isTransient(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { transient?: unknown }).transient === true;
}

/** A metric label value: QueueNotExist → queue_not_exist, ECONNRESET → econnreset. */
export function snakeCaseCode(code: string): string {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
