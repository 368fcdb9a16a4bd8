import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../emulators/common/clock';
import { SmqEngine } from '../../../emulators/smq/engine/smq-engine';
import { JournalStore } from '../../../emulators/smq/store/journal-store';

function openEngine(dir: string, clock: ManualClock): { engine: SmqEngine; store: JournalStore } {
  const { store, loaded } = JournalStore.open(dir);
  const engine = new SmqEngine(clock, store);
  for (const queue of loaded) engine.restore(queue.info, queue.messages);
  store.useSnapshotSource(() => engine.snapshot());
  store.compact();
  return { engine, store };
}

describe('SMQ journal store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'smq-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings back queues, messages, handles and visibility after a reopen', async () => {
    const clock = new ManualClock();
    const first = openEngine(dir, clock);
    first.engine.createQueue('q', { VisibilityTimeout: 60 });
    first.engine.send('q', [{ body: 'a' }, { body: 'b', priority: 1 }, { body: 'gone' }]);
    const [b, a, gone] = await first.engine.receive('q', { max: 3, waitSeconds: 0 });
    first.engine.deleteMessage('q', gone.receiptHandle);
    const changed = first.engine.changeVisibility('q', a.receiptHandle, 120);
    first.store.close();

    const second = openEngine(dir, clock);
    const messages = second.engine.inspect('q');
    expect(messages.map((m) => [m.body, m.state, m.dequeueCount]).sort()).toEqual([
      ['a', 'inflight', 1],
      ['b', 'inflight', 1],
    ]);
    expect(() => second.engine.deleteMessage('q', a.receiptHandle)).toThrow('superseded');
    second.engine.deleteMessage('q', changed.receiptHandle);
    clock.advance(60_000);
    const [again] = await second.engine.receive('q', { max: 1, waitSeconds: 0 });
    expect(again.messageId).toBe(b.messageId);
    expect(again.dequeueCount).toBe(2);
    second.store.close();
  });

  it('compacts to live state only and ignores a torn last line', () => {
    const clock = new ManualClock();
    const first = openEngine(dir, clock);
    first.engine.createQueue('q');
    for (let i = 0; i < 5; i++) first.engine.send('q', [{ body: `m${i}` }]);
    first.engine.deleteQueue('q');
    first.engine.createQueue('q2');
    first.engine.send('q2', [{ body: 'kept' }]);
    first.store.close();
    appendFileSync(path.join(dir, 'smq-journal.jsonl'), '{"t":"m","q":"q2","m":{"id"');

    const second = openEngine(dir, clock);
    expect(second.engine.queueNames()).toEqual(['q2']);
    expect(second.engine.inspect('q2').map((m) => m.body)).toEqual(['kept']);
    const lines = readFileSync(path.join(dir, 'smq-journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    second.store.close();
  });
});
