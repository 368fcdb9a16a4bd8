import { decodeMessageBody, isUnknownVodEvent, type VodEvent } from '../../../common/events';
import { attemptExtend } from '../../../common/extend-marker';
import { observe } from '../../../workflows/event-facts';
import { loadEventFixtures } from '../events/fixture-bodies';

function decode(body: string): VodEvent {
  const result = decodeMessageBody(body);
  if (!result.ok) throw new Error(result.error.message);
  if (isUnknownVodEvent(result.event)) throw new Error('expected a known event');
  return result.event;
}

const PIPELINE_KINDS: Record<string, string> = {
  FileUploadComplete: 'uploaded',
  StreamTranscodeComplete: 'stream',
  TranscodeComplete: 'stage:transcode',
  SnapshotComplete: 'stage:snapshot',
  AIMediaAuditComplete: 'stage:aiAudit',
  AIVideoTagComplete: 'stage:aiTag',
  AIMediaDNAComplete: 'stage:aiDna',
  VideoAnalysisComplete: 'analysis',
};

describe('observe', () => {
  it.each(loadEventFixtures().map((f) => [f.name, f.body, f.expectedOutcome] as const))(
    'maps %s to what it means for the pipeline',
    (name, body, expectedOutcome) => {
      const observation = observe(decode(body));
      const eventType = name.split('.')[0] ?? '';
      const kind = observation.kind === 'stage' ? `stage:${observation.stage}` : observation.kind;
      if (eventType === 'DeleteMediaComplete') {
        expect(['deleted', 'noted']).toContain(kind);
      } else if (eventType === 'UploadByURLComplete') {
        expect(kind).toBe(expectedOutcome === 'success' ? 'uploaded' : 'noted');
      } else if (eventType === 'CreateAuditComplete') {
        // A review whose operation failed carries no verdict.
        expect(kind).toBe(expectedOutcome === 'failure' ? 'noted' : 'review');
      } else {
        expect(kind).toBe(PIPELINE_KINDS[eventType] ?? 'noted');
      }
      if (observation.kind === 'stage' || observation.kind === 'analysis' || observation.kind === 'deleted') {
        expect(observation.outcome).toBe(expectedOutcome);
      }
      expect(Number.isNaN(Date.parse(observation.at))).toBe(false);
    },
  );

  it('reads the attempt from vodflow’s Extend marker, and 0 without one', () => {
    const base = {
      EventType: 'SnapshotComplete',
      EventTime: '2026-11-25T08:00:00Z',
      VideoId: 'abc',
      Status: 'fail',
      ErrorCode: 'E',
      ErrorMessage: 'broken',
    };
    const marked = observe(
      decode(JSON.stringify({ ...base, Extend: JSON.stringify(attemptExtend('snapshot', 2)) })),
    );
    expect(marked).toMatchObject({
      kind: 'stage',
      stage: 'snapshot',
      attempt: 2,
      outcome: 'failure',
      errorCode: 'E',
    });
    // A marker of another stage is not this stage's attempt.
    const other = observe(
      decode(JSON.stringify({ ...base, Extend: JSON.stringify(attemptExtend('transcode', 2)) })),
    );
    expect(other).toMatchObject({ attempt: 0 });
  });

  it('keeps the AI audit suggestion, whether Data came as an object or a JSON string', () => {
    const base = {
      EventType: 'AIMediaAuditComplete',
      EventTime: '2026-11-25T08:00:00:123Z',
      MediaId: 'abc',
      JobId: 'j1',
      Status: 'success',
    };
    for (const Data of [
      { Suggestion: 'block', Label: 'porn' },
      JSON.stringify({ Suggestion: 'block', Label: 'porn' }),
    ]) {
      expect(observe(decode(JSON.stringify({ ...base, Data })))).toMatchObject({
        kind: 'stage',
        stage: 'aiAudit',
        details: { suggestion: 'block', label: 'porn' },
      });
    }
  });

  it('ends the pipeline only on deletion of the whole video', () => {
    const base = {
      EventType: 'DeleteMediaComplete',
      EventTime: '2026-11-25T08:00:00Z',
      MediaId: 'abc',
      Status: 'success',
      MediaType: 'video',
    };
    expect(observe(decode(JSON.stringify({ ...base, DeleteType: 'all' }))).kind).toBe('deleted');
    expect(observe(decode(JSON.stringify({ ...base, DeleteType: 'stream', JobIds: 'j1' }))).kind).toBe(
      'noted',
    );
  });
});
