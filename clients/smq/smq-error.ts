// Errors of SMQ calls with a code, HTTP status, request id, and whether a retry may help.

const TRANSIENT_CODES = new Set(['InternalError', 'ServiceUnavailable', 'Throttling']);

export class SmqError extends Error {
  override readonly name = 'SmqError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    /** true for throttling, 5xx, network failures and timeouts; false for QueueNotExist, auth... */
    readonly transient: boolean,
    readonly operation: string,
  ) {
    super(message);
  }
}

export function isSmqError(error: unknown): error is SmqError {
  return error instanceof SmqError;
}

function isTransient(code: string, status: number | undefined): boolean {
  return (
    TRANSIENT_CODES.has(code) || code.startsWith('Throttling') || (status !== undefined && status >= 500)
  );
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
}

/**
 * Turns what the SDK throws into an SmqError. Service errors arrive as an Error named
 * "MNS<Code>Error" whose message holds "failed with <status>" and "requestid: <id>"; anything else
 * (httpx timeouts, reset or refused connections, unparsable answers) is a transport failure.
 */
export function toSmqError(operation: string, error: unknown): SmqError {
  if (error instanceof SmqError) return error;
  const like = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const name = typeof like.name === 'string' ? like.name : 'Error';
  const text = typeof like.message === 'string' ? like.message : String(error);
  const service = /^MNS(.+)Error$/.exec(name);
  if (service) {
    const code = service[1];
    const status = Number(/failed with (\d{3})/.exec(text)?.[1]) || undefined;
    const requestId = /requestid: ([^,\s]+)/.exec(text)?.[1];
    const detail = /message: (.*)$/.exec(text)?.[1] ?? text;
    return new SmqError(
      code,
      `${operation}: ${code}: ${detail}`,
      status,
      requestId,
      isTransient(code, status),
      operation,
    );
  }
  const code = typeof like.code === 'string' ? like.code : name;
  // Network and timeout failures, and answers the SDK could not parse, may succeed when retried.
  return new SmqError(code, `${operation}: ${text}`, undefined, undefined, true, operation);
}
