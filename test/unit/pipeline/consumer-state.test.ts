import { parsePollerOptions } from '../../../common/poller-options';
import { emptyPollerRunStats, type ConsumerStats } from '../../../workflows/consumer-stats';
import {
  ConsumerState,
  migrateConsumerSnapshot,
  type ConsumerSnapshot,
} from '../../../workflows/consumer-state';

const START = '2026-12-01T00:00:00.000Z';
const refused = { code: 'InvalidAccessKeyId', message: 'refused', at: START };

describe('ConsumerState', () => {
  it('starts from the bare counters an older release carried across continue-as-new', () => {
    const { released: _released, receiveFailures: _failures, ...olderCounters } = emptyPollerRunStats();
    const carried = { pollerRuns: 4, startedAt: START, ...olderCounters, received: 7 } as ConsumerStats;
    const state = new ConsumerState({ stats: carried }, '2026-12-02T00:00:00.000Z');
    state.recordRun({ ...emptyPollerRunStats(), received: 1, released: 2 }, START);
    expect(state.stats).toMatchObject({ pollerRuns: 5, received: 8, released: 2, receiveFailures: 0 });
    expect(state.snapshot().version).toBe(1);
  });

  it('waits longer after each setup error in a row, up to a minute, and not at all once one run is clean', () => {
    const state = new ConsumerState({}, START);
    expect(state.backoffMs).toBeUndefined();
    const waits: (number | undefined)[] = [];
    for (let run = 0; run < 5; run++) {
      state.recordRun({ ...emptyPollerRunStats(), setupError: refused }, START);
      waits.push(state.backoffMs);
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    state.recordRun({ ...emptyPollerRunStats(), lastReceiveAt: START }, START);
    expect(state.backoffMs).toBeUndefined();
    // The last error stays visible after the consumer recovered.
    expect(state.snapshot()).toMatchObject({
      lastError: refused,
      lastReceiveAt: START,
      setupErrorsInARow: 0,
    });
  });

  it('shows its settings, status and identity in its view, without the snapshot version', () => {
    const state = new ConsumerState({}, START);
    const settings = parsePollerOptions({ receivers: 3 });
    const view = state.view({ region: 'r', queue: 'q', shard: 1 }, settings, 'polling');
    expect(view).toMatchObject({ region: 'r', queue: 'q', shard: 1, status: 'polling', settings });
    expect(view).not.toHaveProperty('version');
  });

  it('refuses a snapshot from a newer release', () => {
    const future = { version: 2 } as unknown as ConsumerSnapshot;
    expect(() => migrateConsumerSnapshot(future)).toThrow('newer than this release');
  });
});
