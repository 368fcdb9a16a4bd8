// Per media and event type, what became of the events VOD emitted: the ground truth a soak checks
// vodflow against. Counts (and the ids of written events) only, so it stays small for many videos.

export const MAX_LEDGER_MEDIA = 200_000;

export interface LedgerCounts {
  /** Distinct events VOD emitted (a duplicated event counts once). */
  emitted: Record<string, number>;
  /** Distinct events at least one copy of which reached the queue. */
  written: Record<string, number>;
  /** Copies written, duplicates included. */
  copiesWritten: Record<string, number>;
  /** Copies dropped (injected, or after the last failed write). */
  copiesDropped: Record<string, number>;
}

type Outcome = 'emitted' | 'written' | 'dropped';

interface MediaEntry {
  counts: LedgerCounts;
  writtenOccurrences: Set<number>;
}

function emptyCounts(): LedgerCounts {
  return { emitted: {}, written: {}, copiesWritten: {}, copiesDropped: {} };
}

function bump(counts: Record<string, number>, eventType: string): void {
  counts[eventType] = (counts[eventType] ?? 0) + 1;
}

export class EventLedger {
  private readonly media = new Map<string, MediaEntry>();

  /** `occurrence` names one emitted event, shared by its copies. */
  record(mediaId: string | undefined, eventType: string, outcome: Outcome, occurrence?: number): void {
    if (mediaId === undefined) return;
    const entry = this.entry(mediaId);
    const { counts } = entry;
    if (outcome === 'emitted') bump(counts.emitted, eventType);
    if (outcome === 'dropped') bump(counts.copiesDropped, eventType);
    if (outcome === 'written') {
      bump(counts.copiesWritten, eventType);
      if (occurrence === undefined || !entry.writtenOccurrences.has(occurrence))
        bump(counts.written, eventType);
      if (occurrence !== undefined) entry.writtenOccurrences.add(occurrence);
    }
  }

  of(mediaId: string): LedgerCounts {
    return this.media.get(mediaId)?.counts ?? emptyCounts();
  }

  private entry(mediaId: string): MediaEntry {
    let entry = this.media.get(mediaId);
    if (entry === undefined) {
      // Oldest first out once full: a soak reads its ledger long before this many videos.
      if (this.media.size >= MAX_LEDGER_MEDIA) this.media.delete(this.media.keys().next().value as string);
      entry = { counts: emptyCounts(), writtenOccurrences: new Set() };
      this.media.set(mediaId, entry);
    }
    return entry;
  }
}
