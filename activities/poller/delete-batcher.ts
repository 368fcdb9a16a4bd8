import type { DeleteFailure } from '../queue-port';

// SMQ's BatchDeleteMessage takes at most 16 handles.
const MAX_DELETE_BATCH = 16;

export interface DeleteOutcome<T> {
  deleted: T[];
  refused: { item: T; failure: DeleteFailure }[];
  /** The whole request failed: these messages come back and are deduplicated. */
  failed: { items: T[]; error: unknown }[];
}

// Deletes messages as soon as their signals are recorded, in batches of what finished together
// (everything added before the next turn of the event loop), never waiting for the rest of their
// receive batch. `flushed()` resolves once every delete requested so far has been answered.
export class DeleteBatcher<T> {
  private queued: T[] = [];
  private scheduled = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly remove: (items: T[]) => Promise<{ failed: { item: T; failure: DeleteFailure }[] }>,
    private readonly report: (outcome: DeleteOutcome<T>) => void,
  ) {}

  add(items: T[]): void {
    if (items.length === 0) return;
    this.queued.push(...items);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  async flushed(): Promise<void> {
    while (this.scheduled || this.running.size > 0) {
      if (this.scheduled) await new Promise((resolve) => setImmediate(resolve));
      else await Promise.all(this.running);
    }
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.queued.splice(0);
    for (let start = 0; start < items.length; start += MAX_DELETE_BATCH) {
      const chunk = items.slice(start, start + MAX_DELETE_BATCH);
      const request = this.send(chunk).finally(() => this.running.delete(request));
      this.running.add(request);
    }
  }

  private async send(items: T[]): Promise<void> {
    try {
      const { failed } = await this.remove(items);
      const refused = new Set(failed.map(({ item }) => item));
      this.report({ deleted: items.filter((item) => !refused.has(item)), refused: failed, failed: [] });
    } catch (error) {
      this.report({ deleted: [], refused: [], failed: [{ items, error }] });
    }
  }
}
