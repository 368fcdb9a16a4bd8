import { join } from 'node:path';
import { requireInstalled, runSuite, startConformanceStack, type ConformanceStack } from './sdk-suite';

// The official Python SDKs (aliyun-mns-sdk, aliyun-python-sdk-core + -vod) against both emulators,
// in one Python process: test/conformance/python/main.py.

const ROOT = join(__dirname, '..', '..', '..');
const PYTHON = join(ROOT, '.tools', 'conformance-venv', 'bin', 'python');

let stack: ConformanceStack;
beforeAll(async () => {
  stack = await startConformanceStack();
});
afterAll(() => stack?.close());

test('every check of the Python suite passes', async () => {
  requireInstalled(PYTHON, 'scripts/conformance-python.sh');
  const run = await runSuite(PYTHON, [join(ROOT, 'test', 'conformance', 'python', 'main.py')], stack);
  expect({ failed: run.failed, exitCode: run.exitCode }).toEqual({ failed: [], exitCode: 0 });
  expect(run.passed.length).toBeGreaterThanOrEqual(16);
  expect(run.summary).toBe(`python: ${run.passed.length} passed, 0 failed`);
}, 150_000);
