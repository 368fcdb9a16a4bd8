import { decodeMessageBody, isUnknownVodEvent, type VodEvent, type VodEventOf } from '../../../common/events';
import { fixture } from './fixture-bodies';

function decode<T extends VodEvent['EventType']>(type: T, body: string): VodEventOf<T> {
  const result = decodeMessageBody(body);
  if (!result.ok) throw new Error(`${result.error.reason}: ${result.error.message}`);
  const event = result.event;
  if (isUnknownVodEvent(event) || event.EventType !== type) throw new Error(`not a ${type}`);
  return event as VodEventOf<T>;
}

function body(name: string, changes: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...fixture(name).wire, ...changes });
}

describe('normalisation', () => {
  it.each([
    ['2026-01-12T06:40:05Z', '2026-01-12T06:40:05.000Z'],
    ['2026-01-12T06:40:05:627Z', '2026-01-12T06:40:05.627Z'],
    ['2026-01-12T06:40:05.627Z', '2026-01-12T06:40:05.627Z'],
    ['2026-01-12T06:40:05:7Z', '2026-01-12T06:40:05.700Z'],
    ['2026-01-12T06:40:05.123456Z', '2026-01-12T06:40:05.123Z'],
  ])('reads EventTime %s as %s', (sent, iso) => {
    expect(
      decode('FileUploadComplete', body('FileUploadComplete.success', { EventTime: sent })).EventTime,
    ).toBe(iso);
  });

  it('normalises other time fields too', () => {
    const event = decode('StreamTranscodeComplete', body('StreamTranscodeComplete.success'));
    expect(event.StartTime).toBe('2026-01-12T06:41:02.000Z');
  });

  it('coerces numbers and booleans sent as strings, and keeps documented strings as strings', () => {
    const event = decode('StreamTranscodeComplete', body('StreamTranscodeComplete.success'));
    expect(event).toMatchObject({
      Duration: 241.07,
      Width: 854,
      Height: 480,
      Size: 26843545,
      Encrypt: false,
    });
    expect(event.Bitrate).toBe('890');
    expect(decode('VideoAnalysisComplete', body('VideoAnalysisComplete.success', { Fps: 25 })).Fps).toBe(
      '25',
    );
  });

  it('coerces numbers inside arrays', () => {
    const event = decode('SnapshotComplete', body('SnapshotComplete.success'));
    expect(event.SnapshotInfos?.map((info) => info.SnapshotCount)).toEqual([6, 24]);
  });

  it('parses Extend when it is a JSON object and keeps other text as sent', () => {
    expect(decode('FileUploadComplete', body('FileUploadComplete.success')).Extend).toEqual({
      vodflow: { policy: {} },
      owner: 'studio-3',
    });
    for (const raw of ['plain words', '"quoted"', '[1,2]', '12', '{broken']) {
      expect(decode('FileUploadComplete', body('FileUploadComplete.success', { Extend: raw })).Extend).toBe(
        raw,
      );
    }
    const asObject = decode('FileUploadComplete', body('FileUploadComplete.success', { Extend: { a: 1 } }));
    expect(asObject.Extend).toEqual({ a: 1 });
  });

  it('parses JSON-in-a-string Data of AI events, and accepts Data as an object', () => {
    const dna = decode('AIMediaDNAComplete', body('AIMediaDNAComplete.success'));
    expect(dna.Data).toMatchObject({ VideoDNA: [{ PrimaryKey: '0123456789abcdef0123456789abcdef' }] });
    const audit = decode('AIMediaAuditComplete', body('AIMediaAuditComplete.success'));
    expect(audit.Data).toMatchObject({ Suggestion: 'pass' });
    expect(decode('AIVideoTagComplete', body('AIVideoTagComplete.failure')).Data).toBe('not json at all');
  });

  it('parses DynamicImageJobInfo, ActivityResults, TaskInput and FilterPolicy', () => {
    expect(
      decode('DynamicImageComplete', body('DynamicImageComplete.success')).DynamicImageJobInfo,
    ).toMatchObject({
      FileSize: '455120',
    });
    const task = decode('WorkflowTaskComplete', body('WorkflowTaskComplete.success'));
    expect(task.ActivityResults).toMatchObject({ VideoTranslation: { Status: 'Succeed' } });
    expect(task.TaskInput).toMatchObject({ Type: 'Media' });
    expect(
      decode('SubmitMediaRefreshComplete', body('SubmitMediaRefreshComplete.success')).FilterPolicy,
    ).toEqual({ SliceFlag: true, ResultType: 'Multiple' });
  });

  it('parses MediaContent as a string or an object, and each of its values', () => {
    const created = decode('MediaBaseChangeComplete', body('MediaBaseChangeComplete.success'));
    expect(created.MediaContent).toEqual({
      Title: { NewValue: 'Harbour at dawn' },
      CateId: { NewValue: 1000077 },
    });
    const updated = decode('MediaBaseChangeComplete', body('MediaBaseChangeComplete.failure'));
    expect(updated.MediaContent).toEqual({
      Tags: { OldValue: 'a,b', NewValue: 'a,b,c' },
      Description: 'free text',
    });
  });

  it('keeps Status exactly as sent', () => {
    expect(decode('RestoreMediaComplete', body('RestoreMediaComplete.failure')).Status).toBe('Failed');
    expect(decode('WorkflowTaskComplete', body('WorkflowTaskComplete.success')).Status).toBe('Succeed');
  });

  it('keeps fields it does not know, as sent', () => {
    const event = decode('FileUploadComplete', body('FileUploadComplete.success', { Region: 'cn-shanghai' }));
    expect(event.Region).toBe('cn-shanghai');
  });

  it('reads keys with stray spaces (as in VOD samples) under the trimmed name', () => {
    const event = decode('UploadByURLComplete', body('UploadByURLComplete.failure'));
    expect(event.SourceURL).toBe('https://assets.vodflow.test/incoming/missing.mp4');
    expect(Object.keys(event)).not.toContain('SourceURL ');
  });

  it('prefers the exact key when both spellings are present', () => {
    const event = decode(
      'UploadByURLComplete',
      body('UploadByURLComplete.failure', { SourceURL: 'https://exact.example/a.mp4' }),
    );
    expect(event.SourceURL).toBe('https://exact.example/a.mp4');
  });
});
