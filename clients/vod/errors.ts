// Errors of VOD API calls, classified so that callers (Temporal activities) know whether a retry
// can help. Messages never contain request URLs: with GET the URL carries the AccessKeyId,
// SecurityToken and signature.

export type VodErrorKind =
  | 'throttled'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'invalid-request'
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'illegal-status'
  | 'invalid-response'
  | 'unknown';

export interface VodApiErrorDetails {
  action: string;
  code: string;
  kind: VodErrorKind;
  transient: boolean;
  message: string;
  httpStatus?: number;
  requestId?: string;
}

export class VodApiError extends Error {
  override readonly name = 'VodApiError';
  readonly action: string;
  readonly code: string;
  readonly kind: VodErrorKind;
  /** True when the same request may succeed later (throttling, 5xx, network, timeout). */
  readonly transient: boolean;
  readonly httpStatus?: number;
  readonly requestId?: string;

  constructor(details: VodApiErrorDetails) {
    super(`${details.action} failed: ${details.code}: ${details.message}`);
    this.action = details.action;
    this.code = details.code;
    this.kind = details.kind;
    this.transient = details.transient;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.requestId !== undefined) this.requestId = details.requestId;
  }
}

export function isVodApiError(error: unknown): error is VodApiError {
  return error instanceof VodApiError;
}

// Codes in prefix order: the first rule whose code equals the error's or is a dotted prefix of it
// decides (so 'Forbidden.IllegalStatus' is matched before 'Forbidden').
const CODE_RULES: readonly (readonly [string, VodErrorKind])[] = [
  ['Throttling', 'throttled'],
  ['ServiceUnavailable', 'unavailable'],
  ['ServiceUnAvailable', 'unavailable'],
  ['InternalError', 'unavailable'],
  // The nonce is fresh on every request, so a reused nonce is a coincidence worth one more try.
  ['SignatureNonceUsed', 'unavailable'],
  ['Forbidden.IllegalStatus', 'illegal-status'],
  ['SignatureDoesNotMatch', 'auth'],
  ['IncompleteSignature', 'auth'],
  ['InvalidAccessKeyId', 'auth'],
  ['InvalidSecurityToken', 'auth'],
  ['InvalidTimeStamp', 'auth'],
  ['Forbidden', 'forbidden'],
  ['OperationDenied', 'forbidden'],
  ['NoPermission', 'forbidden'],
  ['InvalidVideo.NotFound', 'not-found'],
  ['NoSuchResource', 'not-found'],
  ['Missing', 'invalid-request'],
  ['InvalidParameter', 'invalid-request'],
  ['InvalidParam', 'invalid-request'],
];

const TRANSIENT_KINDS: ReadonlySet<VodErrorKind> = new Set([
  'throttled',
  'unavailable',
  'network',
  'timeout',
]);

function matches(code: string, rule: string): boolean {
  // 'Missing' also covers MissingVideoId-style codes.
  return code === rule || code.startsWith(`${rule}.`) || (rule === 'Missing' && code.startsWith(rule));
}

/** What kind of failure an API error code (and HTTP status) reports. */
export function kindOfApiError(code: string, httpStatus?: number): VodErrorKind {
  const rule = CODE_RULES.find(([prefix]) => matches(code, prefix));
  if (rule) return rule[1];
  if (/NotFound$|NotExist/.test(code)) return 'not-found';
  if (code.startsWith('Invalid')) return 'invalid-request';
  if (httpStatus === 429) return 'throttled';
  if (httpStatus !== undefined && httpStatus >= 500) return 'unavailable';
  if (httpStatus === 403) return 'forbidden';
  if (httpStatus === 404) return 'not-found';
  if (httpStatus !== undefined && httpStatus >= 400) return 'invalid-request';
  return 'unknown';
}

export function isTransientKind(kind: VodErrorKind): boolean {
  return TRANSIENT_KINDS.has(kind);
}

/** The error for a JSON error answer of VOD ({RequestId, Code, Message, ...}). */
export function apiErrorFromAnswer(
  action: string,
  httpStatus: number | undefined,
  answer: { Code?: unknown; Message?: unknown; RequestId?: unknown },
): VodApiError {
  const code =
    typeof answer.Code === 'string' && answer.Code !== '' ? answer.Code : `HTTP${httpStatus ?? ''}`;
  const kind = kindOfApiError(code, httpStatus);
  return new VodApiError({
    action,
    code,
    kind,
    transient: isTransientKind(kind),
    message: typeof answer.Message === 'string' ? redact(answer.Message) : 'no message',
    httpStatus,
    requestId: typeof answer.RequestId === 'string' ? answer.RequestId : undefined,
  });
}

/** Network errors raised before a request is on its way: the server cannot have acted on it. */
export const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

const NETWORK_CODES = new Set([
  ...NOT_SENT_NETWORK_CODES,
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
]);

function errorText(error: unknown, field: string): string {
  const value =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : '';
}

// pop-core's HTTP layer glues "POST <url> failed." onto the socket's message with no space between.
function withoutRequestSuffix(message: string): string {
  return message.replace(/\s*[A-Z]+ \S+ failed\.$/, '');
}

/** The error for a failure below the API: no answer, a timeout, or an unreadable answer. */
export function transportError(action: string, error: unknown): VodApiError {
  const name = errorText(error, 'name');
  const code = errorText(error, 'code');
  const message = redact(
    withoutRequestSuffix(errorText(error, 'message') || (typeof error === 'string' ? error : 'no message')),
  );
  if (/Timeout/i.test(name) || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new VodApiError({ action, code: 'RequestTimeout', kind: 'timeout', transient: true, message });
  }
  if (NETWORK_CODES.has(code) || /socket hang up/i.test(message)) {
    return new VodApiError({
      action,
      code: code || 'NetworkError',
      kind: 'network',
      transient: true,
      message,
    });
  }
  // A body that is not JSON usually is a gateway's error page: worth another try.
  // pop-core's json-bigint throws a plain object named SyntaxError, not a SyntaxError instance.
  if (error instanceof SyntaxError || name === 'SyntaxError') {
    return new VodApiError({
      action,
      code: 'InvalidResponseBody',
      kind: 'invalid-response',
      transient: true,
      message: 'the answer is not JSON',
    });
  }
  return new VodApiError({
    action,
    code: code || name || 'UnknownError',
    kind: 'unknown',
    transient: false,
    message,
  });
}

/** Removes URLs and credential-looking query parameters from text taken from lower layers. */
export function redact(text: string): string {
  return text
    .replace(/https?:\/\/[^\s,]+/g, '<url>')
    .replace(/(AccessKeyId|SecurityToken|Signature|AccessKeySecret)=[^&\s,]*/gi, '$1=<redacted>');
}
