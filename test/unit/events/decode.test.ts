import {
  decodeMessageBody,
  encodeEventBody,
  isUnknownVodEvent,
  SMQ_MAX_MESSAGE_BYTES,
  type DecodeResult,
  type EventDecodeError,
  type VodEvent,
} from '../../../common/events';
import { fixture } from './fixture-bodies';

function decoded(result: DecodeResult): VodEvent {
  if (!result.ok) throw new Error(`${result.error.reason}: ${result.error.message}`);
  if (isUnknownVodEvent(result.event)) throw new Error('unexpected unknown event');
  return result.event;
}

function rejected(result: DecodeResult): EventDecodeError {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.error;
}

function withFields(name: string, changes: Record<string, unknown>): string {
  return JSON.stringify({ ...fixture(name).wire, ...changes });
}

function without(name: string, field: string): string {
  const copy: Record<string, unknown> = { ...fixture(name).wire };
  delete copy[field];
  return JSON.stringify(copy);
}

describe('decodeMessageBody: encodings', () => {
  const body = fixture('FileUploadComplete.success').body;

  it('takes a body starting with { as JSON, even with surrounding whitespace', () => {
    const result = decodeMessageBody(`\n  ${body}  \n`);
    expect(result.ok && result.encoding).toBe('json');
  });

  it('takes anything else as Base64 of UTF-8 JSON', () => {
    const withAccents = withFields('FileUploadComplete.success', { Extend: '{"title":"Côte d’Azur ✓"}' });
    const event = decoded(decodeMessageBody(Buffer.from(withAccents, 'utf8').toString('base64')));
    expect(event.EventType === 'FileUploadComplete' && event.Extend).toEqual({ title: 'Côte d’Azur ✓' });
  });

  it('produces the same Base64 as Node for the encoder', () => {
    const text = withFields('FileUploadComplete.success', { Extend: 'ü€𝄞' });
    expect(encodeEventBody(JSON.parse(text) as Record<string, unknown>, 'base64')).toBe(
      Buffer.from(text, 'utf8').toString('base64'),
    );
  });

  it.each([
    ['characters outside the alphabet', 'eyJFdmVudFR5cGUiOi*'],
    ['missing padding', 'eyJhIjoxfQ'],
    ['base64url alphabet', 'eyJhIjoi-_8ifQ=='],
    ['inner whitespace', 'eyJhIjox fQ=='],
    ['plain text', 'hello world'],
  ])('rejects bad Base64 (%s)', (_what, body) => {
    expect(rejected(decodeMessageBody(body)).reason).toBe('bad-base64');
  });

  it('rejects Base64 whose bytes are not UTF-8', () => {
    const error = rejected(decodeMessageBody(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64')));
    expect(error.reason).toBe('bad-base64');
    expect(error.message).toMatch(/UTF-8/);
  });

  it('rejects Base64 of something that is not JSON', () => {
    expect(rejected(decodeMessageBody(Buffer.from('EventType=x').toString('base64'))).reason).toBe(
      'not-json',
    );
  });

  it('rejects truncated JSON', () => {
    expect(rejected(decodeMessageBody(body.slice(0, 40))).reason).toBe('not-json');
  });

  it('rejects JSON that is not an object', () => {
    expect(rejected(decodeMessageBody(Buffer.from('[1,2]').toString('base64'))).reason).toBe('not-object');
  });

  it('rejects an empty body', () => {
    expect(rejected(decodeMessageBody('   ')).reason).toBe('empty');
  });

  it('rejects a body over the SMQ message size limit before parsing it', () => {
    const big = withFields('FileUploadComplete.success', { Padding: 'x'.repeat(SMQ_MAX_MESSAGE_BYTES) });
    const error = rejected(decodeMessageBody(big));
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain(String(SMQ_MAX_MESSAGE_BYTES));
  });

  it('counts the limit in UTF-8 bytes and accepts a body exactly at it', () => {
    const base = withFields('FileUploadComplete.success', { Padding: '' });
    const room = SMQ_MAX_MESSAGE_BYTES - Buffer.byteLength(base, 'utf8');
    const exact = withFields('FileUploadComplete.success', { Padding: 'x'.repeat(room) });
    expect(Buffer.byteLength(exact, 'utf8')).toBe(SMQ_MAX_MESSAGE_BYTES);
    expect(decodeMessageBody(exact).ok).toBe(true);
    const multiByte = withFields('FileUploadComplete.success', { Padding: 'é'.repeat(room / 2 + 1) });
    expect(rejected(decodeMessageBody(multiByte)).reason).toBe('too-large');
  });

  it('takes the limit as an option', () => {
    expect(rejected(decodeMessageBody(body, { maxBytes: 100 })).reason).toBe('too-large');
  });
});

describe('decodeMessageBody: event shape', () => {
  it('keeps an unknown but well-formed EventType as an unknown event', () => {
    const body = JSON.stringify({
      EventType: 'SubtitleTranslateComplete',
      EventTime: '2026-03-01T10:00:00:250Z',
      VideoId: 'abc123',
      Status: 'success',
      Extra: { nested: true },
    });
    const result = decodeMessageBody(Buffer.from(body).toString('base64'));
    expect(result).toEqual({
      ok: true,
      encoding: 'base64',
      event: {
        EventType: 'SubtitleTranslateComplete',
        unknown: true,
        id: 'abc123',
        EventTime: '2026-03-01T10:00:00.250Z',
        raw: JSON.parse(body) as unknown,
      },
    });
  });

  it('keeps an unknown event whose time is unreadable, without EventTime', () => {
    const result = decodeMessageBody('{"EventType":"Later","EventTime":"yesterday"}');
    expect(result.ok && result.event).toEqual({
      EventType: 'Later',
      unknown: true,
      raw: { EventType: 'Later', EventTime: 'yesterday' },
    });
  });

  it.each([
    ['absent', {}],
    ['empty', { EventType: '' }],
    ['not a string', { EventType: 7 }],
  ])('rejects an EventType that is %s', (_what, value) => {
    const body = JSON.stringify({ EventTime: '2026-01-01T00:00:00Z', VideoId: 'v', ...value });
    expect(rejected(decodeMessageBody(body)).reason).toBe('missing-event-type');
  });

  it.each([
    ['FileUploadComplete.success', 'VideoId'],
    ['AIMediaAuditComplete.success', 'MediaId'],
    ['ImageUploadComplete.success', 'ImageId'],
    ['AttachedMediaUploadComplete.success', 'AttachedMediaId'],
    ['UploadByURLComplete.failure', 'JobId'],
  ])('rejects %s without its %s as missing-id', (name, field) => {
    const error = rejected(decodeMessageBody(without(name, field)));
    expect(error.reason).toBe('missing-id');
    expect(error.message).toContain(field);
  });

  it('rejects a blank id as missing-id', () => {
    expect(
      rejected(decodeMessageBody(withFields('TranscodeComplete.success', { VideoId: '  ' }))).reason,
    ).toBe('missing-id');
  });

  it.each([
    ['EventTime', { EventTime: '2026-01-12 06:40:05' }],
    ['EventTime', { EventTime: '2026-02-30T06:40:05Z' }],
    ['EventTime', { EventTime: '2026-01-12T06:40:05+08:00' }],
    ['EventTime', { EventTime: 1736664005 }],
    ['Size', { Size: 'twelve' }],
    ['Size', { Size: true }],
    ['Status', { Status: 1 }],
    ['Extend', { Extend: 42 }],
  ])('rejects a wrong %s with a message naming it', (field, change) => {
    const error = rejected(decodeMessageBody(withFields('FileUploadComplete.success', change)));
    expect(error.reason).toBe('invalid-fields');
    expect(error.message).toContain(`${field}:`);
  });

  it('names nested fields by path', () => {
    const wire = fixture('TranscodeComplete.success').wire as { StreamInfos: Record<string, unknown>[] };
    const streams = [wire.StreamInfos[0], { ...wire.StreamInfos[1], Width: 'wide' }];
    const error = rejected(decodeMessageBody(JSON.stringify({ ...wire, StreamInfos: streams })));
    expect(error.message).toContain('StreamInfos.1.Width:');
  });

  it('rejects a missing required field other than the id', () => {
    const error = rejected(decodeMessageBody(without('AIVideoTagComplete.success', 'JobId')));
    expect(error.reason).toBe('invalid-fields');
    expect(error.message).toContain('JobId');
  });

  it('rejects a missing EventTime on a known event', () => {
    const error = rejected(decodeMessageBody(without('SnapshotComplete.success', 'EventTime')));
    expect(error.reason).toBe('invalid-fields');
    expect(error.message).toContain('EventTime');
  });
});
