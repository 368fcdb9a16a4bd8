// The one error catalogue of the VOD emulator: each code with its HTTP status and message.
// Handlers throw VodFault; the server turns it into VOD's JSON error shape.

interface CatalogueEntry {
  status: number;
  message: string;
}

export const VOD_ERRORS = {
  'Throttling.User': { status: 400, message: 'Request was denied due to user flow control.' },
  ServiceUnavailable: {
    status: 503,
    message: 'The request has failed due to a temporary failure of the server.',
  },
  InternalError: { status: 500, message: 'The request processing has failed due to some unknown error.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidTimeStamp.Expired': {
    status: 400,
    message: 'Specified time stamp or date value is expired.',
  },
  'InvalidTimeStamp.Format': {
    status: 400,
    message: 'Specified time stamp or date value is not well formatted.',
  },
  SignatureDoesNotMatch: {
    status: 400,
    message: 'Specified signature is not matched with our calculation.',
  },
  IncompleteSignature: {
    status: 400,
    message: 'The request signature does not conform to Aliyun standards.',
  },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  MissingParameter: { status: 400, message: 'A required parameter is missing.' },
  InvalidParameter: { status: 400, message: 'A parameter is not valid.' },
  // A POP gateway code rather than a VOD one: the gateway's answer to an unknown Action.
  'InvalidAction.NotFound': {
    status: 404,
    message: 'Specified api is not found, please check your url and method.',
  },
  'InvalidVideo.NotFound': { status: 404, message: 'The video does not exist.' },
  // GetPlayInfo's answer for a video without playable streams (code unconfirmed).
  'InvalidVideo.NoneStream': { status: 404, message: 'The video has no stream that can be played.' },
  NoSuchResource: { status: 404, message: 'The specified resource does not exist.' },
  'Forbidden.IllegalStatus': { status: 400, message: 'Status of the video is illegal.' },
} as const satisfies Record<string, CatalogueEntry>;

export type VodErrorCode = keyof typeof VOD_ERRORS;

export class VodFault extends Error {
  override readonly name = 'VodFault';
  readonly status: number;

  constructor(
    readonly code: VodErrorCode,
    detail?: string,
    status?: number,
  ) {
    super(detail ?? VOD_ERRORS[code].message);
    this.status = status ?? VOD_ERRORS[code].status;
  }
}

export function missingParameter(name: string): VodFault {
  return new VodFault(
    'MissingParameter',
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

export function invalidParameter(name: string, why: string): VodFault {
  return new VodFault('InvalidParameter', `The specified parameter "${name}" is not valid: ${why}`);
}

/** VOD's JSON error body. */
export function errorBody(fault: VodFault, requestId: string, hostId: string): Record<string, string> {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: fault.code,
    Message: fault.message,
    Recommend: `https://api.alibabacloud.com/troubleshoot?q=${encodeURIComponent(fault.code)}&product=vod&requestId=${requestId}`,
  };
}
