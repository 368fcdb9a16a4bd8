import { ManualClock } from '../../../emulators/common/clock';
import { VodEngine, type NewVideo, type VodEngineOptions } from '../../../emulators/vod/engine/vod-engine';
import { flush, type RecordingWriter } from './recording-writer';

// An engine on a manual clock with short job durations, its region's callback set to one queue.

export const QUEUE = { endpoint: 'http://127.0.0.1:1', queueName: 'q' };
export const REGION = 'cn-shanghai';

export function engineWith(
  writer: RecordingWriter,
  opts: Partial<VodEngineOptions> = {},
): { engine: VodEngine; clock: ManualClock } {
  const clock = new ManualClock();
  const engine = new VodEngine({
    clock,
    writer,
    encoding: 'json',
    durations: { transcodeStreamMs: 100, snapshotMs: 250, auditMs: 100, aiJobMs: 100, deleteMs: 10 },
    ...opts,
  });
  engine.setMessageCallback(REGION, {
    appId: 'app-1000000',
    callbackType: 'MNS',
    mnsEndpoint: QUEUE.endpoint,
    mnsQueueName: QUEUE.queueName,
    eventTypeList: 'ALL',
  });
  return { engine, clock };
}

/** Moves the clock in steps, letting the work each step wakes run before the next. */
export async function advance(clock: ManualClock, ms: number, step = 10): Promise<void> {
  for (let passed = 0; passed < ms; passed += step) {
    clock.advance(step);
    await flush();
  }
}

export function newVideo(engine: VodEngine, title = 'clip', more: Partial<NewVideo> = {}) {
  return engine.createUploadVideo({
    regionId: REGION,
    appId: 'app-1000000',
    title,
    fileName: 'c.mp4',
    userData: {},
    ...more,
  });
}
