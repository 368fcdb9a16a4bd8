import { applyOrReject } from '../../../workflows/apply-or-reject';
import type { DecodedVodEvent } from '../../../workflows/event-facts';
import { VideoState } from '../../../workflows/video-state';

const NOW = '2026-11-25T09:00:00.000Z';
const latest = () => 2 as const;

describe('applyOrReject', () => {
  it('records input the state logic cannot read as rejected, with the reason, and keeps the state usable', () => {
    const state = VideoState.create('v1', NOW);
    const malformed = {
      EventType: 'SnapshotComplete',
      EventTime: '2026-11-25T08:00:00Z',
      VideoId: 'v1',
      Status: 'success',
      SnapshotInfos: 7,
    } as unknown as DecodedVodEvent;
    const result = applyOrReject(
      state,
      { event: malformed, meta: { source: 'queue', messageId: 'm1' } },
      NOW,
      latest,
    );
    expect(result).toBe('rejected');
    const view = state.view();
    expect(view.counters).toMatchObject({ applied: 0, rejected: 1 });
    expect(view.log).toEqual([
      expect.objectContaining({ eventType: 'SnapshotComplete', result: 'rejected', messageId: 'm1' }),
    ]);
    expect(view.log[0]?.reason).toMatch(/^TypeError: /);
    expect(state.stage()).toBe('uploading');
  });

  it('rejects a signal without an event at all', () => {
    const state = VideoState.create('v1', NOW);
    const empty = { event: undefined, meta: undefined } as unknown as Parameters<typeof applyOrReject>[1];
    expect(applyOrReject(state, empty, NOW, latest)).toBe('rejected');
    expect(state.view().log[0]).toMatchObject({ eventType: '(none)', result: 'rejected', source: 'queue' });
  });
});
