import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmqClient } from '../../../clients/smq';
import { createVodClient } from '../../../clients/vod';
import { requireInstalled, runSuite, startConformanceStack, type ConformanceStack } from './sdk-suite';

// The official Java MNS SDK (com.aliyun.mns:aliyun-sdk-mns on Java 17) against the SMQ emulator,
// in one JVM: the classes and classpath `make test` built (scripts/conformance-java.sh). It also
// reads an event the VOD emulator wrote, set up here through the TypeScript clients.

const ROOT = join(__dirname, '..', '..', '..');
const CLASSPATH_FILE = join(ROOT, '.tools', 'conformance-java.classpath');
const EVENTS_QUEUE = 'java-vod-events';

let stack: ConformanceStack;
let videoId: string;
beforeAll(async () => {
  stack = await startConformanceStack();
  const credentials = { accessKeyId: stack.vod.accessKeyId, accessKeySecret: stack.vod.accessKeySecret };
  await new SmqClient(EVENTS_QUEUE, { ...credentials, endpoint: stack.smq.endpoint }).createQueue({
    visibilityTimeout: 30,
  });
  const vod = createVodClient({ ...credentials, region: 'cn-shanghai', endpoint: stack.vod.endpoint });
  await vod.setMessageCallback({
    CallbackType: 'MNS',
    MnsEndpoint: stack.smq.endpoint,
    MnsQueueName: EVENTS_QUEUE,
    EventTypeList: 'FileUploadComplete',
  });
  videoId = (await vod.createUploadVideo({ Title: 'for java', FileName: 'clip.mp4' })).VideoId;
  await stack.vod.completeUpload(videoId);
  await stack.vod.settle();
});
afterAll(() => stack?.close());

test('every check of the Java suite passes', async () => {
  requireInstalled(CLASSPATH_FILE, 'scripts/conformance-java.sh');
  const classpath = readFileSync(CLASSPATH_FILE, 'utf8').trim();
  const run = await runSuite('java', ['-cp', classpath, 'vodflow.conformance.Main'], stack, {
    VOD_EVENTS_QUEUE: EVENTS_QUEUE,
    VIDEO_ID: videoId,
  });
  expect({ failed: run.failed, exitCode: run.exitCode }).toEqual({ failed: [], exitCode: 0 });
  expect(run.passed.length).toBeGreaterThanOrEqual(7);
  expect(run.summary).toBe(`java: ${run.passed.length} passed, 0 failed`);
}, 150_000);
