import { contentMd5, sign } from '../../../emulators/smq/protocol/signature';

// Two signature vectors, computed with the Node and Python SDKs' signing code.
const DATE = 'Wed, 25 Nov 2026 08:00:00 GMT';
const BODY =
  '<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>hello</MessageBody></Message>';

describe('SMQ signature', () => {
  it('Content-MD5 is Base64 of the hex digest', () => {
    expect(contentMd5(BODY)).toBe('ZDg5MjIyY2RlNmQxMDY4YTNmNmZhYjMzNDVlMzBhMmU=');
  });

  it('signs a POST with body, type and x-mns headers (vector 1)', () => {
    const signature = sign('testSecret', {
      method: 'POST',
      contentMd5: 'ZDg5MjIyY2RlNmQxMDY4YTNmNmZhYjMzNDVlMzBhMmU=',
      contentType: 'text/xml',
      date: DATE,
      headers: { 'x-mns-version': '2015-06-06', 'x-mns-date': DATE, host: 'ignored', date: DATE },
      resource: '/queues/vod-events/messages',
    });
    expect(signature).toBe('M7771g6wq+EsKz7O7owUVuADeao=');
  });

  it('signs a GET with a query and only x-mns-version (vector 2)', () => {
    const signature = sign('testSecret', {
      method: 'GET',
      contentMd5: '',
      contentType: '',
      date: DATE,
      headers: { 'x-mns-version': '2015-06-06' },
      resource: '/queues/vod-events/messages?numOfMessages=16&waitseconds=10',
    });
    expect(signature).toBe('mLEK1hefS6kV5siO6uxz/spt4gs=');
  });

  it('a different secret or resource gives a different signature', () => {
    const parts = {
      method: 'GET',
      contentMd5: '',
      contentType: '',
      date: DATE,
      headers: { 'x-mns-version': '2015-06-06' },
      resource: '/queues/vod-events/messages?numOfMessages=16&waitseconds=10',
    };
    expect(sign('otherSecret', parts)).not.toBe('mLEK1hefS6kV5siO6uxz/spt4gs=');
    expect(sign('testSecret', { ...parts, resource: '/queues/vod-events/messages' })).not.toBe(
      'mLEK1hefS6kV5siO6uxz/spt4gs=',
    );
  });
});
