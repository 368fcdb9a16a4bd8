import type { LedgerCounts } from '../../../emulators/vod/delivery/event-ledger';
import { judgeVideo, passed, summarise, type ObservedVideo } from '../../../soak/verdict';

const jobsOnce = { transcode: 1, snapshot: 1, aiAudit: 1, aiJob: 0 };

function ledger(emitted: Record<string, number>, written = emitted): LedgerCounts {
  return { emitted, written, copiesWritten: written, copiesDropped: {} };
}

function view(stage: string, entries: [string, string, string?][]): ObservedVideo {
  return {
    stage,
    log: entries.map(([eventType, result, source]) => ({ eventType, result, source: source ?? 'queue' })),
  };
}

describe('judgeVideo', () => {
  test('a video whose every event was applied once is clean', () => {
    const verdict = judgeVideo({
      videoId: 'v',
      view: view('ready', [
        ['FileUploadComplete', 'applied'],
        ['FileUploadComplete', 'duplicate'],
        ['TranscodeComplete', 'applied'],
        ['MediaBaseChangeComplete', 'unknown'],
      ]),
      ledger: ledger({ FileUploadComplete: 1, TranscodeComplete: 1, MediaBaseChangeComplete: 1 }),
      jobs: jobsOnce,
    });
    expect(verdict).toMatchObject({
      events: 3,
      lost: 0,
      appliedTwice: 0,
      duplicateSubmissions: 0,
      stuck: false,
    });
  });

  test('an event in the queue that left no trace is lost; one applied twice is counted', () => {
    const verdict = judgeVideo({
      videoId: 'v',
      view: view('ready', [
        ['StreamTranscodeComplete', 'applied'],
        ['SnapshotComplete', 'applied'],
        ['SnapshotComplete', 'applied'],
      ]),
      ledger: ledger({ StreamTranscodeComplete: 2, SnapshotComplete: 1 }),
      jobs: jobsOnce,
    });
    expect(verdict).toMatchObject({ lost: 1, appliedTwice: 1 });
    expect(passed(summarise('x', [verdict]))).toBe(false);
  });

  test('an event VOD dropped and vodflow rebuilt counts as recovered, not lost', () => {
    const verdict = judgeVideo({
      videoId: 'v',
      view: view('ready', [['TranscodeComplete', 'applied', 'reconcile']]),
      ledger: ledger({ TranscodeComplete: 1 }, {}),
      jobs: jobsOnce,
    });
    expect(verdict).toMatchObject({ droppedByVod: 1, recovered: 1, lost: 0, stuck: false });
  });

  test('a second job for a stage, or a video short of ready, fails the verdict', () => {
    const twice = judgeVideo({
      videoId: 'v',
      view: view('ready', []),
      ledger: ledger({}),
      jobs: { ...jobsOnce, snapshot: 2 },
    });
    expect(twice.duplicateSubmissions).toBe(1);
    const missing = judgeVideo({ videoId: 'w', ledger: ledger({ FileUploadComplete: 1 }), jobs: jobsOnce });
    expect(missing).toMatchObject({ stuck: true, lost: 1 });
    const summary = summarise('worker-kill', [twice, missing]);
    expect(summary).toMatchObject({ videos: 2, duplicateSubmissions: 1, stuck: 1, lost: 1 });
    expect(passed(summary)).toBe(false);
  });
});
