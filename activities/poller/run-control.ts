// Why a poller run stops receiving. `deadline`: its runForMs is over; `cancelled`: the consumer
// cancelled it (stop or new settings); `shutdown`: its worker is stopping; `failed`: one receive
// loop hit an error that retrying does not cure; `setup`: SMQ refused the credentials or the queue.
export type StopReason = 'deadline' | 'cancelled' | 'shutdown' | 'failed' | 'setup';

// One abort signal per activity run. Whatever stops the run first (deadline, cancellation, worker
// shutdown, a failed loop) sets `reason`, which every receive loop checks, and keeps the first error
// for the run's outcome. All but the deadline also abort the signal, which ends the long polls under
// way: a message the server hands out at that moment is lost to this run and comes back after its
// visibility timeout. The deadline needs no abort: each long poll already ends by then.
export class RunControl {
  private readonly controller = new AbortController();
  private stopReason: StopReason | undefined;
  private stopError: unknown;
  private readonly cleanups: (() => void)[] = [];

  constructor(stopAt: number, sources: { cancellation: AbortSignal; shutdown?: AbortSignal }) {
    this.follow(sources.cancellation, 'cancelled');
    if (sources.shutdown) this.follow(sources.shutdown, 'shutdown');
    const timer = setTimeout(() => this.stop('deadline'), Math.max(0, stopAt - Date.now()));
    this.cleanups.push(() => clearTimeout(timer));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get reason(): StopReason | undefined {
    return this.stopReason;
  }

  get error(): unknown {
    return this.stopError;
  }

  stop(reason: StopReason, error?: unknown): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.stopError = error;
    if (reason !== 'deadline') this.controller.abort();
  }

  /**
   * Runs `count` loops side by side until all have ended. A loop that throws stops the others
   * (they settle first); the run's error is the first one.
   */
  async runLoops(count: number, loop: () => Promise<void>): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, async () => {
        try {
          await loop();
        } catch (err) {
          this.stop('failed', err);
        }
      }),
    );
  }

  /** Removes every listener and timer this run added. */
  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private follow(source: AbortSignal, reason: StopReason): void {
    if (source.aborted) {
      this.stop(reason);
      return;
    }
    const onAbort = (): void => this.stop(reason);
    source.addEventListener('abort', onAbort, { once: true });
    this.cleanups.push(() => source.removeEventListener('abort', onAbort));
  }
}
