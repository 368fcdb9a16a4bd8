// The dedup window of a video (exactly-once effect over at-least-once delivery): the keys of the
// events applied lately, oldest first, bounded. It works on the snapshot's own key list, so that the
// window survives continue-as-new.
export class DedupWindow {
  private readonly known: Set<string>;

  constructor(
    private readonly keys: string[],
    private readonly capacity: number,
  ) {
    this.known = new Set(keys);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  remember(keys: string[]): void {
    for (const key of keys) {
      if (this.known.has(key)) continue;
      this.known.add(key);
      this.keys.push(key);
    }
    while (this.keys.length > this.capacity) {
      const oldest = this.keys.shift();
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
