import type { Worker } from '@temporalio/worker';

const RUNNING_STATES = new Set(['INITIALIZED', 'RUNNING']);
const CHECK_EVERY_MS = 100;

// An abort signal that fires once one of the workers begins to shut down, however that began (a
// signal to the process, Worker.shutdown(), a fatal error). The SDK tells running activities only
// after its shutdown grace time; pollers watch this instead, to stop receiving at once and drain.
// A worker exposes its state but no event, hence the check every 100 ms.
export function watchShutdown(workers: () => readonly Worker[]): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (workers().every((worker) => RUNNING_STATES.has(worker.getState()))) return;
    controller.abort();
    clearInterval(timer);
  }, CHECK_EVERY_MS);
  timer.unref();
  return { signal: controller.signal, dispose: () => clearInterval(timer) };
}
