import { OncePer } from '../../../activities/poller/once-per';
import { isSetupError, snakeCaseCode } from '../../../activities/poller/setup-errors';

describe('OncePer', () => {
  it('allows a key once per interval, each key on its own', () => {
    let now = 0;
    const once = new OncePer(60_000, () => now);
    expect(once.allow('a')).toBe(true);
    expect(once.allow('a')).toBe(false);
    expect(once.allow('b')).toBe(true);
    now = 59_999;
    expect(once.allow('a')).toBe(false);
    now = 60_000;
    expect(once.allow('a')).toBe(true);
  });
});

describe('setup errors', () => {
  it('are the refused credentials and the missing queue, not throttling or server faults', () => {
    for (const code of ['QueueNotExist', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied'])
      expect(isSetupError({ code })).toBe(true);
    for (const code of ['InternalError', 'Throttling', 'ECONNRESET'])
      expect(isSetupError({ code })).toBe(false);
  });

  it('name their metric label in snake_case', () => {
    expect(snakeCaseCode('QueueNotExist')).toBe('queue_not_exist');
    expect(snakeCaseCode('InvalidAccessKeyId')).toBe('invalid_access_key_id');
    expect(snakeCaseCode('ECONNRESET')).toBe('econnreset');
    expect(snakeCaseCode('Throttling.User')).toBe('throttling_user');
  });
});
