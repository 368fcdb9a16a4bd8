import { MAX_REMEMBERED_NONCES, NONCE_MEMORY_MS } from './limits';

// Remembers the nonces of accepted requests so that a replayed request is refused.
export class NonceMemory {
  // Insertion order is time order, so the oldest entries are first.
  private readonly seen = new Map<string, number>();

  /** Records the nonce; false if it was already used. */
  remember(nonce: string, now: number): boolean {
    this.forgetOlderThan(now - NONCE_MEMORY_MS);
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= MAX_REMEMBERED_NONCES) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    this.seen.set(nonce, now);
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [nonce, at] of this.seen) {
      if (at >= cutoff) return;
      this.seen.delete(nonce);
    }
  }
}
