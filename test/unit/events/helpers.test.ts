import {
  decodeMessageBody,
  eventContentKey,
  formatVodTime,
  isUnknownVodEvent,
  normaliseVodTime,
  snapshotUrls,
  mediaRefOf,
  outcomeOf,
  outcomeOfStatus,
  videoIdOf,
  type DecodedEvent,
} from '../../../common/events';
import { fixture } from './fixture-bodies';

function decode(wire: Record<string, unknown>): DecodedEvent {
  const result = decodeMessageBody(JSON.stringify(wire));
  if (!result.ok) throw new Error(`${result.error.reason}: ${result.error.message}`);
  return result.event;
}

function fromFixture(name: string, changes: Record<string, unknown> = {}): DecodedEvent {
  return decode({ ...fixture(name).wire, ...changes });
}

describe('outcomeOf', () => {
  it.each([
    ['TranscodeComplete.success', 'success'],
    ['TranscodeComplete.failure', 'failure'],
    ['UpdateMediaStorageClassComplete.success', 'success'],
    ['UpdateMediaStorageClassComplete.failure', 'failure'],
    ['RestoreMediaComplete.failure', 'failure'],
    ['WorkflowTaskComplete.success', 'success'],
    ['WorkflowTaskComplete.failure', 'failure'],
  ])('reads %s in its own vocabulary as %s', (name, outcome) => {
    expect(outcomeOf(fromFixture(name))).toBe(outcome);
  });

  it('is none for an event without Status', () => {
    const wire: Record<string, unknown> = { ...fixture('FileUploadComplete.success').wire };
    delete wire.Status;
    expect(outcomeOf(decode(wire))).toBe('none');
  });

  it('is none for a Status in no known vocabulary', () => {
    expect(outcomeOf(fromFixture('SnapshotComplete.success', { Status: 'processing' }))).toBe('none');
  });

  it('reads spellings of other vocabularies, whatever the case', () => {
    expect(outcomeOf(fromFixture('SnapshotComplete.success', { Status: 'FAILED' }))).toBe('failure');
    expect(outcomeOf(fromFixture('RestoreMediaComplete.success', { Status: 'success' }))).toBe('success');
    expect(outcomeOfStatus(undefined)).toBe('none');
  });

  it('reads the Status of unknown events', () => {
    expect(outcomeOf(decode({ EventType: 'X', Status: 'fail' }))).toBe('failure');
    expect(outcomeOf(decode({ EventType: 'X' }))).toBe('none');
  });
});

describe('mediaRefOf / videoIdOf', () => {
  const video = '8e2d41c07a3b4f5d9c6e1a2b3c4d5e6f';

  it.each([
    ['FileUploadComplete.success', 'video', video],
    ['AIMediaAuditComplete.success', 'video', video],
    ['DeleteMediaComplete.success', 'video', video],
    ['WorkflowTaskComplete.success', 'video', video],
    ['ImageUploadComplete.success', 'image', 'c0ffee11223344556677889900aabbcc'],
    ['AttachedMediaUploadComplete.success', 'attached', 'f8091a2b3c4d5e6f708192a3b4c5d6e7'],
    ['UploadByURLComplete.failure', 'url-upload-job', '6f708192a3b4c5d6e7f8091a2b3c4d5e'],
    ['UploadByURLComplete.success', 'video', 'f6a708192a3b4c5d6e7f8091a2b3c4d5'],
  ])('%s is about %s %s', (name, kind, id) => {
    const event = fromFixture(name);
    expect(mediaRefOf(event)).toEqual({ kind, id });
    expect(videoIdOf(event)).toBe(kind === 'video' ? id : undefined);
  });

  it('uses MediaType of delete and base-change events', () => {
    expect(mediaRefOf(fromFixture('DeleteMediaComplete.success', { MediaType: 'image' }))?.kind).toBe(
      'image',
    );
    expect(mediaRefOf(fromFixture('MediaBaseChangeComplete.success', { MediaType: 'attached' }))?.kind).toBe(
      'attached',
    );
  });

  it('finds the id of unknown events, or none', () => {
    expect(mediaRefOf(decode({ EventType: 'X', MediaId: 'm1' }))).toEqual({ kind: 'video', id: 'm1' });
    expect(mediaRefOf(decode({ EventType: 'X', ImageId: 'i1' }))).toEqual({ kind: 'image', id: 'i1' });
    expect(mediaRefOf(decode({ EventType: 'X', AttachedMediaId: 'a1' }))).toEqual({
      kind: 'attached',
      id: 'a1',
    });
    expect(mediaRefOf(decode({ EventType: 'X', VideoId: '' }))).toBeUndefined();
    expect(videoIdOf(decode({ EventType: 'X' }))).toBeUndefined();
  });
});

describe('eventContentKey', () => {
  it('is the same for the same event however it was spelled', () => {
    const colon = fromFixture('AIMediaDNAComplete.success');
    const iso = fromFixture('AIMediaDNAComplete.success', { EventTime: '2026-01-12T07:20:45.310Z' });
    expect(eventContentKey(iso)).toBe(eventContentKey(colon));
    const reordered = decode(
      Object.fromEntries(Object.entries(fixture('AIMediaDNAComplete.success').wire).reverse()),
    );
    expect(eventContentKey(reordered)).toBe(eventContentKey(colon));
  });

  it('does not depend on fields outside the key', () => {
    const a = fromFixture('FileUploadComplete.success');
    const b = fromFixture('FileUploadComplete.success', { FileUrl: 'http://elsewhere/x.mp4' });
    expect(eventContentKey(b)).toBe(eventContentKey(a));
  });

  it.each([
    ['EventTime', { EventTime: '2026-01-12T06:47:32Z' }],
    ['Status', { Status: 'fail' }],
    ['VideoId', { VideoId: 'another' }],
    ['JobId', { JobId: 'other-job' }],
    ['Definition', { Definition: 'HD' }],
    ['Format', { Format: 'm3u8' }],
  ])('changes with %s', (_field, change) => {
    const base = fromFixture('StreamTranscodeComplete.success');
    expect(eventContentKey(fromFixture('StreamTranscodeComplete.success', change))).not.toBe(
      eventContentKey(base),
    );
  });

  it('tells two TranscodeComplete events apart by their stream jobs, in any order', () => {
    const wire = fixture('TranscodeComplete.success').wire as { StreamInfos: unknown[] };
    const base = decode(wire);
    const reversed = decode({ ...wire, StreamInfos: [...wire.StreamInfos].reverse() });
    expect(eventContentKey(reversed)).toBe(eventContentKey(base));
    const fewer = decode({ ...wire, StreamInfos: wire.StreamInfos.slice(0, 1) });
    expect(eventContentKey(fewer)).not.toBe(eventContentKey(base));
  });

  it('tells apart the same EventType on different media or types', () => {
    const keys = new Set(
      [
        'FileUploadComplete.success',
        'TranscodeComplete.success',
        'SnapshotComplete.success',
        'DeleteMediaComplete.success',
        'DeleteMediaComplete.failure',
      ].map((name) => eventContentKey(fromFixture(name))),
    );
    expect(keys.size).toBe(5);
  });

  it('covers unknown events', () => {
    const a = decode({ EventType: 'X', VideoId: 'v', EventTime: '2026-01-01T00:00:00Z', JobId: 'j1' });
    const b = decode({ EventType: 'X', VideoId: 'v', EventTime: '2026-01-01T00:00:00:000Z', JobId: 'j1' });
    const c = decode({ EventType: 'X', VideoId: 'v', EventTime: '2026-01-01T00:00:00Z', JobId: 'j2' });
    expect(eventContentKey(a)).toBe(eventContentKey(b));
    expect(eventContentKey(c)).not.toBe(eventContentKey(a));
  });
});

describe('formatVodTime', () => {
  const instant = new Date('2026-01-12T06:40:05.627Z');

  it.each([
    ['seconds', '2026-01-12T06:40:05Z'],
    ['colon-millis', '2026-01-12T06:40:05:627Z'],
    ['iso-millis', '2026-01-12T06:40:05.627Z'],
  ] as const)('writes the %s style, which decodes back', (style, text) => {
    expect(formatVodTime(instant, style)).toBe(text);
    expect(normaliseVodTime(text)).toBe(
      style === 'seconds' ? '2026-01-12T06:40:05.000Z' : instant.toISOString(),
    );
  });
});

describe('snapshotUrls', () => {
  it('expands the pattern with 5-digit 1-based indexes', () => {
    const event = fromFixture('SnapshotComplete.success');
    if (isUnknownVodEvent(event) || event.EventType !== 'SnapshotComplete') throw new Error('fixture type');
    const cover = event.SnapshotInfos?.[0];
    if (!cover) throw new Error('fixture has no snapshot info');
    const urls = snapshotUrls(cover);
    expect(urls).toHaveLength(6);
    expect(urls[0]).toBe('http://cdn.vodflow.test/8e2d41c0/snapshots/f00dfeed-00001.jpg');
    expect(urls[5]).toBe('http://cdn.vodflow.test/8e2d41c0/snapshots/f00dfeed-00006.jpg');
  });

  it('is empty without a pattern or count, and bounded', () => {
    expect(snapshotUrls({ SnapshotCount: 3 })).toEqual([]);
    expect(snapshotUrls({ SnapshotRegular: 'http://x/{SnapshotCount}.jpg' })).toEqual([]);
    expect(snapshotUrls({ SnapshotRegular: 'http://x/{SnapshotCount}.jpg', SnapshotCount: 50 }, 2)).toEqual([
      'http://x/00001.jpg',
      'http://x/00002.jpg',
    ]);
  });
});
