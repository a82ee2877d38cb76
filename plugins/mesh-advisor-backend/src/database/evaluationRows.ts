import type { EvaluationRow } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { EvaluationRecord, SweepRecord } from './EvaluationStore';

/** The tables of evaluations, sweeps, decisions and claimed catalog changes. */
export const EVALUATIONS = 'mesh_advisor_evaluations';
export const SWEEPS = 'mesh_advisor_sweeps';
export const DECISIONS = 'mesh_advisor_decisions';
export const CHANGES = 'mesh_advisor_changes';

/**
 * Epoch ms → ISO string. A sweep stamps every row it writes with one time,
 * so neighbouring rows often share it and the last conversion is reused:
 * formatting dates was ~4% of a list request's CPU.
 */
let lastIso = { ms: NaN, iso: '' };
export function toIso(value: unknown): string {
  const ms = Number(value);
  if (ms !== lastIso.ms) lastIso = { ms, iso: new Date(ms).toISOString() };
  return lastIso.iso;
}

/** A stored row's place in the dependsOn graph. */
export function toEdges(r: any) {
  return {
    entityRef: r.entity_ref as string,
    depth: Number(r.depth),
    dependsOn: r.depends_on ? (JSON.parse(r.depends_on) as string[]) : [],
  };
}

/** The row a record is stored as; `resultAsBytes`: the JSON as UTF-8 bytes (PostgreSQL), else as a string. */
export function toDbRow(
  r: EvaluationRecord,
  at: number,
  resultAsBytes: boolean,
) {
  return {
    entity_ref: r.entityRef,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    title: r.title ?? null,
    owner: r.owner ?? '',
    system: r.system ?? '',
    status: r.result.status,
    recommended_mesh: r.result.recommendedMesh,
    confidence: r.result.confidence,
    score: r.result.score,
    issue_count: r.result.issueCount,
    search_text: r.searchText,
    result: resultAsBytes ? r.result.json : r.result.json.toString(),
    input_hash: r.inputHash,
    engine_version: r.result.engineVersion,
    knowledge_base_version: r.result.knowledgeBaseVersion,
    evaluated_at: at,
    stale: false,
    depth: r.depth,
    depends_on: JSON.stringify(r.dependsOn),
    catalog_version: r.catalogVersion ?? null,
  };
}

/** A listed row as the API serves it, with the decision in force. */
export function toRow(
  r: any,
  decision?: { id: string; chosen: string; status: string },
): EvaluationRow {
  return {
    entityRef: r.entity_ref,
    name: r.name,
    title: r.title,
    owner: r.owner || null,
    system: r.system || null,
    status: r.status,
    recommendedMesh: r.recommended_mesh || null,
    confidence: r.confidence,
    score: Number(r.score) < 0 ? null : Number(r.score),
    issueCount: Number(r.issue_count),
    evaluatedAt: toIso(r.evaluated_at),
    stale: Boolean(r.stale),
    decision: decision
      ? ({
          id: decision.id,
          chosen: decision.chosen,
          status: decision.status,
        } as EvaluationRow['decision'])
      : null,
  };
}

/** A stored sweep, or undefined. */
export function toSweep(r: any): SweepRecord | undefined {
  if (!r) return undefined;
  return {
    id: Number(r.id),
    startedAt: toIso(r.started_at),
    finishedAt: r.finished_at === null ? null : toIso(r.finished_at),
    outcome: r.outcome,
    message: r.message,
    services: r.services === null ? null : Number(r.services),
    summary: r.summary ? JSON.parse(r.summary) : null,
  };
}
