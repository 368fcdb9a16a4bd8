import {
  consumerFromWorkflowId,
  consumerWorkflowId,
  quarantineFromWorkflowId,
  quarantineWorkflowId,
  videoIdFromWorkflowId,
  videoWorkflowId,
} from '../../../common/workflow-ids';

describe('workflow ids', () => {
  it('builds and parses video workflow ids', () => {
    const id = videoWorkflowId('3f1c0a9e7b2d4c5e8f6a1b2c3d4e5f60');
    expect(id).toBe('video:3f1c0a9e7b2d4c5e8f6a1b2c3d4e5f60');
    expect(videoIdFromWorkflowId(id)).toBe('3f1c0a9e7b2d4c5e8f6a1b2c3d4e5f60');
    expect(videoIdFromWorkflowId('smq-consumer:x:y:0')).toBeUndefined();
    expect(() => videoWorkflowId('has:colon')).toThrow(/not a valid VOD video id/);
    expect(() => videoWorkflowId('')).toThrow();
  });

  it('builds and parses consumer ids', () => {
    const ref = { region: 'cn-shanghai', queue: 'vod-events', shard: 2 };
    expect(consumerWorkflowId(ref)).toBe('smq-consumer:cn-shanghai:vod-events:2');
    expect(consumerFromWorkflowId(consumerWorkflowId(ref))).toEqual(ref);
    expect(consumerFromWorkflowId('smq-consumer:a:b')).toBeUndefined();
    expect(() => consumerWorkflowId({ ...ref, queue: 'bad_name' })).toThrow(/queue/);
  });

  it('builds and parses quarantine ids, message ids included', () => {
    const ref = { region: 'cn-shanghai', queue: 'vod-events', messageId: 'ABC-123' };
    expect(quarantineFromWorkflowId(quarantineWorkflowId(ref))).toEqual(ref);
  });
});
