// Rows of the distance table, reused: suggestions are computed one at a time.
let prev2: number[] = [];
let prev: number[] = [];
let cur: number[] = [];

/**
 * Damerau–Levenshtein distance (optimal string alignment). With a `limit`,
 * stops as soon as the distance must exceed it and returns `limit + 1`:
 * a typo is compared with every allowed value, and most are far off.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return prev[n] > limit ? limit + 1 : prev[n];
}

/**
 * The closest allowed value to a mistyped one, if it is close enough to be a
 * plausible typo (a third of its length, at least 2 edits).
 * @public
 */
export function didYouMean(
  value: string,
  allowed: readonly string[],
): string | undefined {
  const needle = value.trim().toLowerCase();
  if (!needle) return undefined;
  const limit = Math.max(2, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of allowed) {
    // Only a strictly closer candidate can replace the best so far.
    const d = editDistance(needle, candidate, bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
