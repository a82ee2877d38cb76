/**
 * Promises kept for `ttlMs` (0: none are kept), by key: what a replica read
 * and reuses for a moment — list pages and counts, the summary, a caller's
 * read access. A read that fails is forgotten at once; past `maxEntries`,
 * everything is.
 */
export class TtlCache<T> {
  private readonly entries = new Map<
    string,
    { at: number; value: Promise<T> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return read();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = read();
    const entry = { at: now, value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forget everything (a write made through this replica must show at once). */
  clear() {
    this.entries.clear();
  }
}
