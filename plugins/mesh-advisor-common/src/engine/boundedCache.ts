/**
 * A map that forgets everything once it holds `limit` entries: the same
 * sentences recur across a catalog, but a long-running backend must not
 * grow without bound on unusual input.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}
