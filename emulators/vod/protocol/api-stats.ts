// Counts of API calls per action, for tests that check how many follow-ups were submitted, and per
// RegionId sent ('none' when a call carried none), for tests that check calls name their region.
export class ApiStats {
  readonly calls: Record<string, number> = {};
  readonly regions: Record<string, number> = {};
  readonly throttled: Record<string, number> = {};
  readonly refused: Record<string, number> = {};

  count(table: Record<string, number>, action: string): void {
    table[action] = (table[action] ?? 0) + 1;
  }

  reset(): void {
    for (const table of [this.calls, this.regions, this.throttled, this.refused])
      for (const key of Object.keys(table)) delete table[key];
  }
}
