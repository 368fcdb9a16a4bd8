// Per media and event type, how many events VOD wrote into a queue and how many it dropped: the
// ground truth a soak checks vodflow against. Counts only, so it stays small for many videos.

export const MAX_LEDGER_MEDIA = 200_000;

export interface LedgerCounts {
  written: Record<string, number>;
  dropped: Record<string, number>;
}

export class EventLedger {
  private readonly media = new Map<string, LedgerCounts>();

  record(mediaId: string | undefined, eventType: string, outcome: keyof LedgerCounts): void {
    if (mediaId === undefined) return;
    let counts = this.media.get(mediaId);
    if (counts === undefined) {
      // Oldest first out once full: a soak reads its ledger long before this many videos.
      if (this.media.size >= MAX_LEDGER_MEDIA) this.media.delete(this.media.keys().next().value as string);
      counts = { written: {}, dropped: {} };
      this.media.set(mediaId, counts);
    }
    counts[outcome][eventType] = (counts[outcome][eventType] ?? 0) + 1;
  }

  of(mediaId: string): LedgerCounts {
    return this.media.get(mediaId) ?? { written: {}, dropped: {} };
  }
}
