import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EvaluationListQuery,
  EvaluationRow,
  EvaluationSortField,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const SORT_VALUE: Record<
  EvaluationSortField,
  (r: EvaluationRow) => string | number
> = {
  name: r => r.name,
  mesh: r => r.recommendedMesh ?? '',
  status: r => r.status,
  score: r => r.score ?? -1,
  owner: r => r.owner ?? '',
  system: r => r.system ?? '',
  evaluatedAt: r => r.evaluatedAt,
};

function fullRef(value: string, kind: string): string {
  return stringifyEntityRef(parseEntityRef(value, { defaultKind: kind }));
}

/** The rows GET /evaluations lists for a query, filtered and sorted as the backend does. */
export function matchingRows(
  all: EvaluationRow[],
  query: EvaluationListQuery,
): EvaluationRow[] {
  const q = query.q?.trim().toLowerCase();
  const decisionOk = (r: EvaluationRow) => {
    switch (query.decision) {
      case 'none':
        return !r.decision;
      case 'differs':
        return (
          r.decision?.status === 'accepted' &&
          r.decision.chosen !== r.recommendedMesh
        );
      case 'proposed':
      case 'accepted':
        return r.decision?.status === query.decision;
      default:
        return true;
    }
  };
  const rows = all.filter(
    r =>
      (!query.owner || r.owner === fullRef(query.owner, 'group')) &&
      (!query.system || r.system === fullRef(query.system, 'system')) &&
      (!query.mesh || r.recommendedMesh === query.mesh) &&
      (!query.status || r.status === query.status) &&
      decisionOk(r) &&
      (!q ||
        [r.entityRef, r.title, r.owner, r.system]
          .filter(Boolean)
          .join(' ')
          .toLowerCase()
          .includes(q)),
  );
  const value = SORT_VALUE[query.sort ?? 'name'];
  const direction = query.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const cmp = x < y ? -1 : x > y ? 1 : 0; // eslint-disable-line no-nested-ternary
    return cmp * direction || a.entityRef.localeCompare(b.entityRef);
  });
  return rows;
}
