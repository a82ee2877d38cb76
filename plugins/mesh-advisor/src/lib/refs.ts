/**
 * A name where a ref would be shown: group:default/team-a → team-a,
 * user:development/guest → development/guest (the namespace only when not
 * default).
 */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) return '—';
  return ref.replace(/^[^:]+:/, '').replace(/^default\//, '');
}
