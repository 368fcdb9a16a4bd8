// The events of one received batch, grouped by video in the order they were received, so that a
// burst of one video's events (a transcode's streams, a backlog) costs one signal-with-start and
// one workflow task instead of one each. A group stays under `maxBytes` of message bodies so that
// its signal stays far below Temporal's payload limits (a body can be 64 KiB).
export function groupByVideo<T extends { videoId: string; bytes: number }>(
  items: readonly T[],
  maxBytes: number,
): T[][] {
  const open = new Map<string, { items: T[]; bytes: number }>();
  const groups: T[][] = [];
  for (const item of items) {
    let group = open.get(item.videoId);
    if (group && group.items.length > 0 && group.bytes + item.bytes > maxBytes) group = undefined;
    if (!group) {
      group = { items: [], bytes: 0 };
      open.set(item.videoId, group);
      groups.push(group.items);
    }
    group.items.push(item);
    group.bytes += item.bytes;
  }
  return groups;
}
