import { buildUserData, extendByteLength, UserDataError } from '../../../clients/vod';

describe('buildUserData', () => {
  it('writes MessageCallback and Extend as VOD documents them', () => {
    const text = buildUserData({
      messageCallback: { CallbackURL: 'https://hooks.example.test/vod' },
      extend: { vodflow: { s: 'transcode', a: 2 } },
    });
    expect(JSON.parse(text)).toEqual({
      MessageCallback: { CallbackURL: 'https://hooks.example.test/vod' },
      Extend: { vodflow: { s: 'transcode', a: 2 } },
    });
  });

  it('leaves out what is not given', () => {
    expect(buildUserData({})).toBe('{}');
    expect(JSON.parse(buildUserData({ extend: 'plain' }))).toEqual({ Extend: 'plain' });
  });

  it('accepts an Extend of exactly 512 bytes and refuses 513, counting UTF-8 bytes', () => {
    const overhead = JSON.stringify({ k: '' }).length;
    const exact = { k: 'x'.repeat(512 - overhead) };
    expect(extendByteLength(exact)).toBe(512);
    expect(() => buildUserData({ extend: exact })).not.toThrow();
    expect(() => buildUserData({ extend: { k: 'x'.repeat(513 - overhead) } })).toThrow(UserDataError);
    // 'é' is 2 bytes: 256 of them in a string are 512 bytes, 257 are too many.
    expect(() => buildUserData({ extend: 'é'.repeat(256) })).not.toThrow();
    expect(() => buildUserData({ extend: 'é'.repeat(257) })).toThrow(/514 bytes.*512/);
  });
});
