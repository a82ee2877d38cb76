/**
 * One page of `all` from `cursor` on, and the cursor of the next page. The
 * fake's cursors are offsets (base64), opaque to the UI as the backend's are.
 */
export function pageOf<T>(
  all: T[],
  limit: number,
  cursor?: string,
): { items: T[]; nextCursor: string | null } {
  const offset = cursor ? Number(atob(cursor)) : 0;
  const items = all.slice(offset, offset + limit);
  const end = offset + items.length;
  return { items, nextCursor: end < all.length ? btoa(String(end)) : null };
}

/** A deep copy, through JSON as over the wire. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
