import type {
  Decision,
  DecisionEvent,
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
