import type { EventQueueWriter, QueueAddress } from '../../../emulators/vod/delivery/queue-writer';

/** An in-memory queue writer for unit tests: records writes, fails the first `failures` of them. */
export class RecordingWriter implements EventQueueWriter {
  readonly attempts: { queue: QueueAddress; body: string }[] = [];
  readonly written: { queue: QueueAddress; body: string }[] = [];

  constructor(private failures = 0) {}

  write(queue: QueueAddress, body: string): Promise<void> {
    this.attempts.push({ queue, body });
    if (this.failures > 0) {
      this.failures--;
      return Promise.reject(new Error('queue unavailable'));
    }
    this.written.push({ queue, body });
    return Promise.resolve();
  }

  eventTypes(): string[] {
    return this.written.map(({ body }) => (JSON.parse(body) as { EventType: string }).EventType);
  }
}

/** Lets pending promise callbacks run (a few microtask turns) without moving any clock. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
