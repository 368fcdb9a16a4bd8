import { groupByVideo } from '../../../activities/video-groups';

const item = (videoId: string, id: string, bytes = 10) => ({ videoId, id, bytes });
const ids = (groups: { id: string }[][]) => groups.map((group) => group.map((i) => i.id));

describe('groupByVideo', () => {
  it('puts the events of one video in one group, in the order they were received', () => {
    const groups = groupByVideo(
      [item('a', 'a1'), item('b', 'b1'), item('a', 'a2'), item('c', 'c1'), item('a', 'a3'), item('b', 'b2')],
      1_000,
    );
    expect(ids(groups)).toEqual([['a1', 'a2', 'a3'], ['b1', 'b2'], ['c1']]);
  });

  it('starts a new group for a video once the next body would pass the size bound', () => {
    const groups = groupByVideo(
      [item('a', 'a1', 40), item('a', 'a2', 40), item('a', 'a3', 40), item('b', 'b1', 200)],
      100,
    );
    expect(ids(groups)).toEqual([['a1', 'a2'], ['a3'], ['b1']]);
  });

  it('keeps every item exactly once', () => {
    const items = Array.from({ length: 50 }, (_, i) => item(`v${i % 7}`, `m${i}`, 1 + (i % 13)));
    const flat = groupByVideo(items, 30).flat();
    expect(flat.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
  });
});
