import type {
  Decision,
  DecisionEvent,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** The decisions table and the table of their events. */
export const DECISIONS = 'mesh_advisor_decisions';
export const EVENTS = 'mesh_advisor_decision_events';

const toIso = (ms: unknown) => new Date(Number(ms)).toISOString();

/** A decisions row as the API's Decision. */
export function toDecision(r: any): Decision {
  return {
    id: r.id,
    entityRef: r.entity_ref,
    chosen: r.chosen,
    status: r.status,
    title: r.title,
    context: r.context,
    rationale: r.rationale,
    alternatives: JSON.parse(r.alternatives),
    author: r.author,
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
    version: Number(r.version),
    supersedes: r.supersedes ?? null,
    supersededBy: r.superseded_by ?? null,
    snapshot: r.snapshot ? JSON.parse(r.snapshot) : null,
  };
}

/** A decision events row as the API's DecisionEvent. */
export function toDecisionEvent(r: any): DecisionEvent {
  return {
    type: r.type,
    actor: r.actor,
    at: toIso(r.at),
    fromStatus: r.from_status ?? null,
    toStatus: r.to_status,
    version: Number(r.version),
    note: r.note ?? null,
  };
}
