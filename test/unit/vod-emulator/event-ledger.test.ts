import { DeliveryLog } from '../../../emulators/vod/delivery/delivery-log';

describe('the delivery log keeps a ledger per media', () => {
  test('counts written and dropped events by type, beyond the bounded record lists', () => {
    const log = new DeliveryLog();
    const base = { attempts: 1, at: 0, body: '{}' };
    for (let i = 0; i < 2_500; i++)
      log.recordWritten({ ...base, eventType: 'StreamTranscodeComplete', mediaId: `v${i % 2}` });
    log.recordWritten({ ...base, eventType: 'FileUploadComplete', mediaId: 'v0' });
    log.recordDropped({ ...base, eventType: 'TranscodeComplete', mediaId: 'v0', reason: 'write-failed' });
    log.recordWritten({ ...base, eventType: 'FileUploadComplete' });

    expect(log.written()).toHaveLength(2_000);
    expect(log.ledger.of('v0')).toEqual({
      written: { StreamTranscodeComplete: 1_250, FileUploadComplete: 1 },
      dropped: { TranscodeComplete: 1 },
    });
    expect(log.ledger.of('v1').written).toEqual({ StreamTranscodeComplete: 1_250 });
    expect(log.ledger.of('never-seen')).toEqual({ written: {}, dropped: {} });
  });
});
