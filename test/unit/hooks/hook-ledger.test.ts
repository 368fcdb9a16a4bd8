import { hooksFileSchema } from '../../../common/hooks/hook-schema';
import { matchHooks } from '../../../common/hooks/match-hooks';
import { emptyHookRecords, HookLedger } from '../../../workflows/hook-ledger';

const NOW = '2026-12-01T08:00:00.000Z';
const { hooks } = hooksFileSchema.parse({
  hooks: [{ name: 'ready', on: { stage: 'ready' }, action: { smq: { queue: 'q' } } }],
});

describe('HookLedger', () => {
  it('reports a stage or status entry once, and counts re-entries', () => {
    const ledger = new HookLedger(emptyHookRecords());
    expect(ledger.entered('ready', 'complete')).toEqual({
      stageEntered: { stage: 'ready', count: 1 },
      statusEntered: { status: 'complete', count: 1 },
    });
    expect(ledger.entered('ready', 'complete')).toEqual({});
    ledger.entered('transcoding', 'active');
    expect(ledger.entered('ready', 'complete').stageEntered).toEqual({ stage: 'ready', count: 2 });
  });

  it('accepts each (hook, occurrence) once, also after a carry-over of its records', () => {
    const records = emptyHookRecords();
    const ledger = new HookLedger(records);
    const [firing] = matchHooks(hooks, {
      videoId: 'v',
      events: [],
      stageEntered: { stage: 'ready', count: 1 },
    });
    if (!firing) throw new Error('expected a firing');
    expect(ledger.accept(firing, NOW)).toBe(true);
    expect(ledger.accept(firing, NOW)).toBe(false);
    const carried = new HookLedger(JSON.parse(JSON.stringify(records)) as typeof records);
    expect(carried.accept(firing, NOW)).toBe(false);
  });

  it('keeps a failed run with its error and firing until a retry succeeds', () => {
    const ledger = new HookLedger(emptyHookRecords());
    const [firing] = matchHooks(hooks, {
      videoId: 'v',
      events: [],
      stageEntered: { stage: 'ready', count: 1 },
    });
    if (!firing) throw new Error('expected a firing');
    ledger.accept(firing, NOW);
    const [run] = ledger.pending();
    if (!run) throw new Error('expected a pending run');
    ledger.markRunning(run);
    ledger.finish(run, { error: 'HookWebhookStatus: HTTP 503' }, NOW);
    expect(ledger.hasFailed()).toBe(true);
    expect(ledger.retryRefusal('ready')).toBeUndefined();
    expect(ledger.retryRefusal('other')).toBe('hook other never fired for this video');
    expect(ledger.retry('ready')).toHaveLength(1);
    expect(ledger.pending()).toEqual([run]);
    expect(run.manualRetries).toBe(1);
    ledger.finish(run, { detail: 'message m1' }, NOW);
    expect(run).toMatchObject({ status: 'done', detail: 'message m1', error: undefined, firing: undefined });
    expect(ledger.retryRefusal('ready')).toBe('hook ready has no failed run');
  });
});
