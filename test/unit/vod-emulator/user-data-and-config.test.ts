import { eventTypeEnabled } from '../../../emulators/vod/engine/event-types';
import { mergeFaults, NO_FAULTS } from '../../../emulators/vod/engine/faults';
import { parseUserData } from '../../../emulators/vod/engine/user-data';
import { vodTime, vodTimeWithColonMillis } from '../../../emulators/vod/engine/vod-time';

describe('UserData', () => {
  test('Extend objects become the JSON string events carry', () => {
    expect(parseUserData(JSON.stringify({ Extend: { a: 1 } })).extend).toBe('{"a":1}');
    expect(parseUserData(JSON.stringify({ Extend: 'plain' })).extend).toBe('plain');
  });

  test('Extend over 512 bytes is InvalidParameter', () => {
    expect(() => parseUserData(JSON.stringify({ Extend: 'x'.repeat(513) }))).toThrow(/512/);
  });

  test('MessageCallback as object or JSON string; MNS needs a queue name', () => {
    const target = { CallbackType: 'MNS', MnsQueueName: 'q', MnsEndpoint: 'http://127.0.0.1:1' };
    expect(parseUserData(JSON.stringify({ MessageCallback: target })).target).toEqual({
      callbackType: 'MNS',
      mnsQueueName: 'q',
      mnsEndpoint: 'http://127.0.0.1:1',
    });
    expect(
      parseUserData(JSON.stringify({ MessageCallback: JSON.stringify(target) })).target?.mnsQueueName,
    ).toBe('q');
    expect(() => parseUserData(JSON.stringify({ MessageCallback: { CallbackType: 'MNS' } }))).toThrow(
      /MnsQueueName/,
    );
    expect(parseUserData(JSON.stringify({ MessageCallback: { CallbackURL: 'http://h/x' } })).target).toEqual({
      callbackType: 'HTTP',
      callbackUrl: 'http://h/x',
    });
  });

  test('UserData that is not a JSON object is refused', () => {
    expect(() => parseUserData('not json')).toThrow(/UserData/);
    expect(() => parseUserData('[1]')).toThrow(/object/);
  });
});

describe('EventTypeList', () => {
  test('ALL, explicit names, AIComplete for the three AI events, empty for none', () => {
    expect(eventTypeEnabled('ALL', 'SnapshotComplete')).toBe(true);
    expect(eventTypeEnabled('FileUploadComplete, SnapshotComplete', 'SnapshotComplete')).toBe(true);
    expect(eventTypeEnabled('FileUploadComplete', 'SnapshotComplete')).toBe(false);
    for (const type of ['AIMediaAuditComplete', 'AIMediaDNAComplete', 'AIVideoTagComplete']) {
      expect(eventTypeEnabled('AIComplete', type)).toBe(true);
    }
    expect(eventTypeEnabled('AIComplete', 'TranscodeComplete')).toBe(false);
    expect(eventTypeEnabled('', 'FileUploadComplete')).toBe(false);
  });
});

describe('faults', () => {
  test('partial updates merge; bad values are refused', () => {
    const merged = mergeFaults(NO_FAULTS, { dropRate: 0.5, dropEventTypes: ['TranscodeComplete'] });
    expect(merged).toEqual({ ...NO_FAULTS, dropRate: 0.5, dropEventTypes: ['TranscodeComplete'] });
    expect(() => mergeFaults(NO_FAULTS, { dropRate: 1.5 })).toThrow(RangeError);
    expect(() => mergeFaults(NO_FAULTS, { throttleStatus: 429 })).toThrow(RangeError);
    expect(() => mergeFaults(NO_FAULTS, { surprise: 1 })).toThrow(/unknown/);
  });
});

describe('VOD times', () => {
  test('seconds precision, and the AI variant with a colon before milliseconds', () => {
    const at = Date.UTC(2025, 2, 4, 9, 12, 40, 118);
    expect(vodTime(at)).toBe('2025-03-04T09:12:40Z');
    expect(vodTimeWithColonMillis(at)).toBe('2025-03-04T09:12:40:118Z');
  });
});
