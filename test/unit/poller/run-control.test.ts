import { getEventListeners } from 'node:events';
import { abortableSleep } from '../../../activities/poller/abortable-sleep';
import { RunControl } from '../../../activities/poller/run-control';

const HOUR = 60 * 60_000;

function listenerCount(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

describe('RunControl', () => {
  it('stops the run with the first reason, whatever comes after', () => {
    const cancellation = new AbortController();
    const shutdown = new AbortController();
    const run = new RunControl(Date.now() + HOUR, {
      cancellation: cancellation.signal,
      shutdown: shutdown.signal,
    });
    shutdown.abort();
    cancellation.abort();
    expect(run.signal.aborted).toBe(true);
    expect(run.reason).toBe('shutdown');
    run.dispose();
  });

  it('stops at its deadline without aborting the long polls, which end by then anyway', async () => {
    const run = new RunControl(Date.now() + 10, { cancellation: new AbortController().signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.reason).toBe('deadline');
    expect(run.signal.aborted).toBe(false);
    run.dispose();
  });

  it('stops every loop when one fails, waits for them, and keeps the first error', async () => {
    const run = new RunControl(Date.now() + HOUR, { cancellation: new AbortController().signal });
    let settled = 0;
    let calls = 0;
    await run.runLoops(3, async () => {
      calls += 1;
      if (calls === 2) throw new Error('first');
      await new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
      settled += 1;
      if (calls === 3) throw new Error('later');
    });
    expect(settled).toBe(2);
    expect(run.reason).toBe('failed');
    expect((run.error as Error).message).toBe('first');
    run.dispose();
  });

  it('leaves no listener on the signals it follows once disposed', () => {
    const cancellation = new AbortController();
    const shutdown = new AbortController();
    const run = new RunControl(Date.now() + HOUR, {
      cancellation: cancellation.signal,
      shutdown: shutdown.signal,
    });
    expect(listenerCount(cancellation.signal)).toBe(1);
    run.dispose();
    expect(listenerCount(cancellation.signal)).toBe(0);
    expect(listenerCount(shutdown.signal)).toBe(0);
  });
});

describe('abortableSleep', () => {
  it('leaves no abort listener behind, whether it slept or was woken', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 5; i++) await abortableSleep(1, controller.signal);
    expect(listenerCount(controller.signal)).toBe(0);
    const waking = abortableSleep(HOUR, controller.signal);
    controller.abort();
    await waking;
    expect(listenerCount(controller.signal)).toBe(0);
  });
});
