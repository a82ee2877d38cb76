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
