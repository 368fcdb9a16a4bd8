import { DeliveryLog } from '../../../emulators/vod/delivery/delivery-log';

describe('the delivery log keeps a ledger per media', () => {
  const base = { attempts: 1, at: 0, body: '{}' };

  test('counts by type beyond the bounded record lists', () => {
    const log = new DeliveryLog();
    for (let i = 0; i < 2_500; i++) {
      const event = { eventType: 'StreamTranscodeComplete', mediaId: `v${i % 2}`, occurrence: i };
      log.recordEmitted(event);
      log.recordWritten({ ...base, ...event });
    }
    expect(log.written()).toHaveLength(2_000);
    expect(log.ledger.of('v0').written).toEqual({ StreamTranscodeComplete: 1_250 });
    expect(log.ledger.of('v1').emitted).toEqual({ StreamTranscodeComplete: 1_250 });
    expect(log.ledger.of('never-seen')).toEqual({
      emitted: {},
      written: {},
      copiesWritten: {},
      copiesDropped: {},
    });
  });

  test('a duplicated event is emitted and written once, with two copies', () => {
    const log = new DeliveryLog();
    const event = { eventType: 'FileUploadComplete', mediaId: 'v', occurrence: 7 };
    log.recordEmitted(event);
    log.recordWritten({ ...base, ...event });
    log.recordWritten({ ...base, ...event });
    const dropped = { eventType: 'TranscodeComplete', mediaId: 'v', occurrence: 8 };
    log.recordEmitted(dropped);
    log.recordDropped({ ...base, ...dropped, reason: 'write-failed' });
    expect(log.ledger.of('v')).toEqual({
      emitted: { FileUploadComplete: 1, TranscodeComplete: 1 },
      written: { FileUploadComplete: 1 },
      copiesWritten: { FileUploadComplete: 2 },
      copiesDropped: { TranscodeComplete: 1 },
    });
  });
});
