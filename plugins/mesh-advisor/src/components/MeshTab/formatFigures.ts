/** A figure with its unit, or "unknown" when no source gives it. */
export function figure(
  value: number | null | undefined,
  unit: string,
  digits = 2,
): string {
  if (value === null || value === undefined) return 'unknown';
  const rounded = Number(value.toFixed(digits));
  return `${rounded} ${unit}`;
}

/**
 * Memory in one consistent form: whole MiB below 1 GiB, GiB with one
 * decimal above ("12420 MiB" beside "1416.4 MiB" read as the same size).
 */
export function memory(mib: number | null | undefined): string {
  if (mib === null || mib === undefined) return 'unknown';
  if (mib >= 1024) return `${Number((mib / 1024).toFixed(1))} GiB`;
  return `${Math.round(mib)} MiB`;
}

/** "1 replica", "6 replicas". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
