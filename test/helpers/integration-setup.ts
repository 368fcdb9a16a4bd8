import { DefaultLogger, Runtime } from '@temporalio/worker';

// Integration tests start workers and wait for real servers: give them room (testTimeout is not a
// per-project option in jest).
jest.setTimeout(120_000);

// Worker lifecycle lines at INFO drown the test report; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier test file in this jest worker process.
}
