import { TtlCache } from './ttlCache';

/**
 * What this replica read and reuses for `meshAdvisor.cacheSeconds`: pages
 * and counts of evaluations, and the summary. The plugin makes one and hands
 * it to the evaluation store and the evaluation service, which read through
 * it, and to what writes — the sweep, the store's own writes, decisions —
 * which clear it, so a write made through this replica shows at once.
 * Other replicas' writes show once their copies expire (see {@link TtlCache}).
 */
export class ReadCache {
  private readonly entries: TtlCache<unknown>;

  /** `ttlMs`: how long a read is reused (0: never). */
  constructor(ttlMs: number) {
    this.entries = new TtlCache(ttlMs);
  }

  /** The value read under `key` for a moment, or `read()`'s. */
  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    return this.entries.get(key, read) as Promise<T>;
  }

  /** Forget everything: something was written through this replica. */
  clear() {
    this.entries.clear();
  }
}
