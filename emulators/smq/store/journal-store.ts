import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { EngineStore } from '../engine/store';
import type { QueueInfo, StoredMessage } from '../engine/types';

// Durability for --data-dir. Why an append-only JSON-lines journal rather than a database or one
// file per message: every engine change is a small upsert/delete of one record, an append is the
// cheapest durable write there is, the format is readable with any text tool, and replay is a
// straight fold. The journal is compacted (rewritten with only live state, then atomically renamed)
// on start and whenever it holds many more records than live state.
//
// fsync policy: each record is written with writeSync before the request is answered, so a killed
// process (kill -9) loses nothing: the bytes are in the OS page cache. With fsync 'always' each write
// is also fsynced (survives power loss, slower); with 'interval' (default) fsync runs every
// FSYNC_INTERVAL_MS, so a power cut can lose up to that much.

export type FsyncPolicy = 'always' | 'interval';

const JOURNAL_FILE = 'smq-journal.jsonl';
const FSYNC_INTERVAL_MS = 200;
const MIN_RECORDS_BEFORE_COMPACTION = 10_000;

type JournalRecord =
  | { t: 'q'; info: QueueInfo }
  | { t: 'qx'; name: string }
  | { t: 'm'; q: string; m: StoredMessage }
  | { t: 'mx'; q: string; id: string };

export interface LoadedQueue {
  info: QueueInfo;
  messages: StoredMessage[];
}

export type SnapshotSource = () => LoadedQueue[];

export class JournalStore implements EngineStore {
  private fd: number;
  private records = 0;
  private liveRecords = 0;
  private dirty = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private snapshotSource: SnapshotSource = () => [];

  private constructor(
    private readonly file: string,
    private readonly fsync: FsyncPolicy,
  ) {
    this.fd = openSync(file, 'a');
    if (fsync === 'interval') {
      this.timer = setInterval(() => this.flush(), FSYNC_INTERVAL_MS);
      this.timer.unref();
    }
  }

  /** Opens (creating if needed) the journal in `dir` and returns it with the state it holds. */
  static open(dir: string, fsync: FsyncPolicy = 'interval'): { store: JournalStore; loaded: LoadedQueue[] } {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, JOURNAL_FILE);
    const loaded = existsSync(file) ? replay(readFileSync(file, 'utf8')) : [];
    return { store: new JournalStore(file, fsync), loaded };
  }

  /** Where compaction gets the live state from (the engine's snapshot). */
  useSnapshotSource(source: SnapshotSource): void {
    this.snapshotSource = source;
  }

  saveQueue(info: QueueInfo): void {
    this.append({ t: 'q', info });
  }

  dropQueue(name: string): void {
    this.append({ t: 'qx', name });
  }

  saveMessage(queue: string, message: StoredMessage): void {
    this.append({ t: 'm', q: queue, m: message });
  }

  dropMessage(queue: string, id: string): void {
    this.append({ t: 'mx', q: queue, id });
  }

  /** Rewrites the journal with only the live state, atomically (temp file, fsync, rename). */
  compact(): void {
    const state = this.snapshotSource();
    const lines: string[] = [];
    for (const queue of state) {
      lines.push(JSON.stringify({ t: 'q', info: queue.info } satisfies JournalRecord));
      for (const message of queue.messages)
        lines.push(JSON.stringify({ t: 'm', q: queue.info.name, m: message } satisfies JournalRecord));
    }
    const temp = `${this.file}.compacting`;
    const tempFd = openSync(temp, 'w');
    try {
      if (lines.length > 0) writeSync(tempFd, lines.join('\n') + '\n');
      fsyncSync(tempFd);
    } finally {
      closeSync(tempFd);
    }
    closeSync(this.fd);
    renameSync(temp, this.file);
    this.fd = openSync(this.file, 'a');
    this.records = lines.length;
    this.liveRecords = lines.length;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.flush();
    closeSync(this.fd);
  }

  private append(record: JournalRecord): void {
    writeSync(this.fd, JSON.stringify(record) + '\n');
    this.records++;
    if (this.fsync === 'always') fsyncSync(this.fd);
    else this.dirty = true;
    if (this.records > Math.max(MIN_RECORDS_BEFORE_COMPACTION, 4 * this.liveRecords)) {
      this.compact();
    }
  }

  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    fsyncSync(this.fd);
  }
}

/** Folds the journal into live state; a torn last line (crash mid-write) is ignored. */
function replay(text: string): LoadedQueue[] {
  const queues = new Map<string, { info: QueueInfo; messages: Map<string, StoredMessage> }>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch (error) {
      if (index >= lines.length - 2) return;
      throw new Error(`SMQ journal line ${index + 1} is damaged: ${(error as Error).message}`);
    }
    switch (record.t) {
      case 'q': {
        const existing = queues.get(record.info.name);
        queues.set(record.info.name, {
          info: record.info,
          messages: existing?.messages ?? new Map<string, StoredMessage>(),
        });
        break;
      }
      case 'qx':
        queues.delete(record.name);
        break;
      case 'm':
        queues.get(record.q)?.messages.set(record.m.id, record.m);
        break;
      case 'mx':
        queues.get(record.q)?.messages.delete(record.id);
        break;
    }
  });
  return [...queues.values()].map((queue) => ({
    info: queue.info,
    messages: [...queue.messages.values()].sort((a, b) => a.seq - b.seq),
  }));
}
