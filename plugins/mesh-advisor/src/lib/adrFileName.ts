import type { Decision } from '@mesh-advisor/plugin-mesh-advisor-common';

/** "Payments adopts Linkerd!" → "payments-adopts-linkerd". */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'decision'
  );
}

/**
 * `NNNN-title.md`, as ADR tools name records: NNNN is the decision's place
 * among the decisions about the same service, oldest first (a service's
 * ADRs read as one numbered log).
 */
export function adrFileName(
  decision: Decision,
  sameEntity: Decision[],
): string {
  const ordered = [...sameEntity].sort(
    (a, b) =>
      a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  const index = ordered.findIndex(d => d.id === decision.id);
  const number = String((index < 0 ? ordered.length : index) + 1).padStart(
    4,
    '0',
  );
  return `${number}-${slugify(decision.title)}.md`;
}
