import type {
  ActualState,
  EvaluationRow,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const HEADER = [
  'entityRef',
  'name',
  'title',
  'owner',
  'system',
  'status',
  'recommendedMesh',
  'confidence',
  'score',
  'issueCount',
  'decisionStatus',
  'decisionChosen',
  'evaluatedAt',
  'stale',
  // from the clusters (empty without live state)
  'actualMesh',
  'drift',
  'meshedShare',
] as const;

/**
 * One CSV cell: quoted when it holds a separator, quote or line break, and
 * defused when a spreadsheet would read it as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The overview rows as CSV (RFC 4180, CRLF line ends, header first), with
 * what each service actually runs when the clusters were read.
 */
export function evaluationRowsToCsv(
  rows: EvaluationRow[],
  actual?: Map<string, ActualState>,
): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const a = actual?.get(r.entityRef);
    lines.push(
      [
        r.entityRef,
        r.name,
        r.title,
        r.owner,
        r.system,
        r.status,
        r.recommendedMesh,
        r.confidence,
        r.score,
        r.issueCount,
        r.decision?.status,
        r.decision?.chosen,
        r.evaluatedAt,
        r.stale,
        a ? a.mesh ?? 'unknown' : undefined,
        a?.drift,
        a ? Math.round(a.meshedShare * 100) / 100 : undefined,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
