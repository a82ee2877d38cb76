type Entry<T> = {
  at: number;
  value: Promise<T>;
  /** the read succeeded: its value may be served while it is read again */
  settled: boolean;
  /** a read again is under way */
  refreshing: boolean;
};

/**
 * Promises kept for `ttlMs` (0: none are kept), by key: what a replica read
 * and reuses for a moment — list pages and counts, the summary, a caller's
 * read access. A read that fails is forgotten at once; past `maxEntries`,
 * everything is.
 *
 * Once a value is `ttlMs` old, the next caller starts one read again and,
 * until it lands, callers are still served the value they had (for up to
 * another `ttlMs`; older than that, they wait for the read): at 100,000
 * services a page's count takes tens of milliseconds on PostgreSQL, and
 * every client of a busy page waiting for it each time the copy expires was
 * the p99 of a cached page.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  get(key: string, read: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return read();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    if (hit && hit.settled && now - hit.at < 2 * this.ttlMs) {
      if (!hit.refreshing) this.refresh(key, hit, read, now);
      return hit.value;
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    return this.store(key, read(), now).value;
  }

  private store(key: string, value: Promise<T>, at: number): Entry<T> {
    const entry: Entry<T> = { at, value, settled: false, refreshing: false };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }

  /** Reads `key` again in the background; the old value is served until then. */
  private refresh(
    key: string,
    stale: Entry<T>,
    read: () => Promise<T>,
    at: number,
  ) {
    stale.refreshing = true;
    read().then(
      value => {
        // cleared meanwhile (a write): what was read may predate it
        if (this.entries.get(key) !== stale) return;
        const entry = this.store(key, Promise.resolve(value), at);
        entry.settled = true;
      },
      () => {
        if (this.entries.get(key) === stale) this.entries.delete(key);
      },
    );
  }

  /** Forget everything (a write made through this replica must show at once). */
  clear() {
    this.entries.clear();
  }
}
