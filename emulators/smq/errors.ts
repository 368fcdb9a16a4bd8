// The one error catalogue of the SMQ emulator: code → HTTP status and default message.
// Engine and protocol throw SmqFault; the server writes it as SMQ's XML Error document.

interface CatalogueEntry {
  status: number;
  message: string;
}

export const SMQ_ERRORS = {
  MissingAuthorizationHeader: { status: 400, message: 'The Authorization header is missing.' },
  InvalidAuthorizationHeader: {
    status: 400,
    message: 'The Authorization header is not of the form "MNS AccessKeyId:Signature".',
  },
  MissingDateHeader: { status: 400, message: 'The Date header is missing.' },
  InvalidDateHeader: { status: 400, message: 'The Date header is not a valid RFC 1123 date.' },
  InvalidDegist: { status: 400, message: 'The Content-MD5 header does not match the request body.' },
  MalformedXML: { status: 400, message: 'The request body is not well-formed XML.' },
  InvalidArgument: { status: 400, message: 'The request does not fit the schema.' },
  InvalidRequestURL: { status: 400, message: 'The request URL is not valid.' },
  InvalidQueryString: { status: 400, message: 'The query string is not valid.' },
  MissingReceiptHandle: { status: 400, message: 'The ReceiptHandle parameter is missing.' },
  MissingVisibilityTimeout: { status: 400, message: 'The VisibilityTimeout parameter is missing.' },
  ReceiptHandleError: { status: 400, message: 'The receipt handle is not valid.' },
  // Unconfirmed code.
  MessageBodyInvalid: { status: 400, message: 'The message body is empty or too large.' },
  RequestTooLarge: { status: 400, message: 'The request body is larger than this service accepts.' },
  InvalidAccessKeyId: { status: 403, message: 'The AccessKeyId is not known.' },
  SignatureDoesNotMatch: {
    status: 403,
    message: 'The request signature does not match the signature computed by the server.',
  },
  AccessDenied: { status: 403, message: 'The access key may not use this resource.' },
  QueueNotExist: { status: 404, message: 'The queue does not exist.' },
  MessageNotExist: { status: 404, message: 'Message not exist.' },
  // Unconfirmed status.
  TimeExpired: {
    status: 408,
    message: 'The Date header is too far from the server time; check your local machine timeclock.',
  },
  QueueAlreadyExist: { status: 409, message: 'The queue already exists with other attributes.' },
  MethodNotAllowed: { status: 405, message: 'The method is not allowed on this resource.' },
  QueueNumExceeded: { status: 400, message: 'The account already has the maximum number of queues.' },
  InternalError: { status: 500, message: 'Internal error.' },
  // Unconfirmed code.
  ServiceUnavailable: { status: 503, message: 'The service is temporarily unavailable.' },
} as const satisfies Record<string, CatalogueEntry>;

export type SmqErrorCode = keyof typeof SMQ_ERRORS;

export class SmqFault extends Error {
  override readonly name = 'SmqFault';
  readonly status: number;

  constructor(
    readonly code: SmqErrorCode,
    detail?: string,
  ) {
    super(detail ?? SMQ_ERRORS[code].message);
    this.status = SMQ_ERRORS[code].status;
  }
}

export function outOfRange(element: string, min: number, max: number, unit: string): SmqFault {
  return new SmqFault('InvalidArgument', `The value of ${element} should between ${min} and ${max} ${unit}.`);
}
