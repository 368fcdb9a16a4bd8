import { toSmqError } from '../../../clients/smq/smq-error';

function sdkError(code: string, status: number): Error {
  const error = new Error(
    `GET http://127.0.0.1/queues/q failed with ${status}. requestid: ABC123, hostid: http://h, message: bad thing`,
  );
  error.name = `MNS${code}Error`;
  return error;
}

describe('SMQ client error classification', () => {
  it('reads code, status and request id from SDK service errors', () => {
    const error = toSmqError('GetQueueAttributes', sdkError('QueueNotExist', 404));
    expect(error).toMatchObject({
      code: 'QueueNotExist',
      status: 404,
      requestId: 'ABC123',
      transient: false,
    });
    expect(error.message).toContain('bad thing');
  });

  it('5xx and throttling are transient; auth and missing queues are not', () => {
    expect(toSmqError('x', sdkError('InternalError', 500)).transient).toBe(true);
    expect(toSmqError('x', sdkError('ServiceUnavailable', 503)).transient).toBe(true);
    expect(toSmqError('x', sdkError('Throttling', 400)).transient).toBe(true);
    expect(toSmqError('x', sdkError('SignatureDoesNotMatch', 403)).transient).toBe(false);
    expect(toSmqError('x', sdkError('InvalidAccessKeyId', 403)).transient).toBe(false);
  });

  it('network failures and timeouts are transient', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toSmqError('x', reset)).toMatchObject({ code: 'ECONNRESET', transient: true });
    const timeout = Object.assign(new Error('ReadTimeout(40000)'), { name: 'RequestTimeoutError' });
    expect(toSmqError('x', timeout)).toMatchObject({ code: 'RequestTimeoutError', transient: true });
  });
});
