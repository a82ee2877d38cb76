import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  Decision,
  DecisionEvent,
  DecisionListQuery,
  NewDecision,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** The fake's decisions and their histories, which the rules below change. */
export type FakeDecisionState = {
  decisions: Decision[];
  events: Record<string, DecisionEvent[]>;
  /** the caller, as actor */
  user: string;
};

/**
 * As the backend on accept: one decision in force per entity, so the one
 * accepted before is superseded, unless it was filed after this one (then
 * the accept is refused). Returns the refusal, if any.
 */
export function supersedePreviousOnAccept(
  state: FakeDecisionState,
  decision: Decision,
): string | undefined {
  const previous = state.decisions.find(
    d =>
      d.id !== decision.id &&
      d.entityRef === decision.entityRef &&
      d.status === 'accepted',
  );
  if (!previous) return undefined;
  if (previous.createdAt > decision.createdAt) {
    return `action: ${previous.id}, filed after this decision, is accepted for ${decision.entityRef}, and an older decision cannot replace it; reject this one, or file a new decision`;
  }
  if (decision.supersedes) return undefined;
  previous.status = 'superseded';
  previous.version += 1;
  previous.supersededBy = decision.id;
  decision.supersedes = previous.id;
  (state.events[previous.id] ??= []).push({
    type: 'superseded',
    actor: state.user,
    at: new Date().toISOString(),
    fromStatus: 'accepted',
    toStatus: 'superseded',
    version: previous.version,
    note: `Superseded by ${decision.id} on its acceptance`,
  });
  return undefined;
}

/**
 * As the backend on supersede: the newer decision must be about the same
 * entity; the two are linked both ways. Returns the refusal, if any.
 */
export function linkSuperseding(
  state: FakeDecisionState,
  decision: Decision,
  supersededBy: string | undefined,
): string | undefined {
  const newer = state.decisions.find(d => d.id === supersededBy);
  if (!newer || newer.entityRef !== decision.entityRef) {
    return `supersededBy: ${supersededBy} is not a decision about ${decision.entityRef}`;
  }
  decision.supersededBy = newer.id;
  newer.supersedes = decision.id;
  return undefined;
}

/** The decisions GET /decisions lists for `query`, newest first (before paging). */
export function matchingDecisions(
  decisions: Decision[],
  query: DecisionListQuery,
): Decision[] {
  const entityRef = query.entityRef
    ? stringifyEntityRef(parseEntityRef(query.entityRef))
    : undefined;
  return decisions
    .filter(
      d =>
        (!entityRef || d.entityRef === entityRef) &&
        (!query.status || d.status === query.status) &&
        (!query.chosen || d.chosen === query.chosen) &&
        (!query.author || d.author === query.author),
    )
    .sort(
      (a, b) =>
        b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
}

/** The decision POST /decisions files from `body`: proposed, version 1. */
export function proposedDecision(
  body: NewDecision,
  id: string,
  now: string,
  author: string,
): Decision {
  return {
    id,
    entityRef: stringifyEntityRef(parseEntityRef(body.entityRef)),
    chosen: body.chosen,
    status: 'proposed',
    title: body.title.trim(),
    context: body.context?.trim() ?? '',
    rationale: body.rationale.trim(),
    alternatives: (body.alternatives ?? []).filter(a => a !== body.chosen),
    author,
    createdAt: now,
    updatedAt: now,
    version: 1,
    supersedes: null,
    supersededBy: null,
    snapshot: null,
  };
}
