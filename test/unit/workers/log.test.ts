import { MockActivityEnvironment } from '@temporalio/testing';
import { Writable } from 'node:stream';
import { createLogger, jsonLog } from '../../../workers/log';
import { sdkLoggerOver } from '../../../workers/sdk-logger';

// One format for every line: JSON objects with time, level and message, context fields included.
function capture(): { stream: Writable; records: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const VIDEO_ID = '0123456789abcdef0123456789abcdef';

describe('the worker log', () => {
  it("writes vodflow's lines as JSON with an ISO time and the level's name, from LOG_LEVEL up", () => {
    const { stream, records } = capture();
    const log = jsonLog(createLogger('warn', stream), 'poller');
    log.info('not shown');
    log.warn('queue slow', { queue: 'q' });
    expect(records()).toEqual([
      expect.objectContaining({ level: 'warn', component: 'poller', message: 'queue slow', queue: 'q' }),
    ]);
    expect(records()[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('adds the workflow, video, activity and attempt to a line written inside an activity', async () => {
    const { stream, records } = capture();
    const log = jsonLog(createLogger('info', stream), 'poller');
    const env = new MockActivityEnvironment({
      activityType: 'submitFollowUp',
      attempt: 3,
      workflowExecution: { workflowId: `video:${VIDEO_ID}`, runId: 'run' },
    });
    await env.run(() => Promise.resolve(log.info('submitted')));
    expect(records()[0]).toMatchObject({
      workflowId: `video:${VIDEO_ID}`,
      videoId: VIDEO_ID,
      activityType: 'submitFollowUp',
      attempt: 3,
    });
  });

  it("turns the SDK's lines, errors included, into single JSON lines with the video id", () => {
    const { stream, records } = capture();
    const sdk = sdkLoggerOver(createLogger('info', stream));
    sdk.warn('Activity failed', { workflowId: `video:${VIDEO_ID}`, error: new Error('Throttling') });
    sdk.debug('below the level');
    const [line] = records();
    expect(records()).toHaveLength(1);
    expect(line).toMatchObject({ level: 'warn', message: 'Activity failed', videoId: VIDEO_ID });
    expect(line?.error).toMatchObject({ type: 'Error', message: 'Throttling' });
    expect(JSON.stringify(line?.error)).toContain('at ');
  });
});
