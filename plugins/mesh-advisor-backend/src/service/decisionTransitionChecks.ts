import { ConflictError, InputError } from '@backstage/errors';
import {
  Decision,
  DecisionTransition,
  transitionRefusal,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { StatusChangeResult } from '../database/DecisionStore';

/**
 * Checks a transition request against the decision as the caller's client
 * saw it: 400 for what cannot apply to it, 409 for a stale version.
 */
export function checkTransition(
  decision: Decision,
  body: DecisionTransition,
): void {
  if (body.action === 'supersede') {
    if (!body.supersededBy)
      throw new InputError(
        'supersededBy: required to supersede: the id of the newer decision',
      );
    if (body.supersededBy === decision.id)
      throw new InputError('supersededBy: a decision cannot supersede itself');
  } else if (body.supersededBy !== undefined) {
    throw new InputError(
      `supersededBy: only for the supersede action, not ${body.action}`,
    );
  }
  if (body.version !== decision.version) {
    throw new ConflictError(
      `version: you edited version ${body.version}, but the decision is at version ${decision.version} (status ${decision.status}); reload and try again`,
    );
  }
  const refusal = transitionRefusal(body.action, decision.status);
  if (refusal) throw new InputError(refusal);
}

/**
 * Checks the decision named to supersede `decision` (`supersededBy`, read
 * as `newer`): a live decision about the same entity, filed later, that
 * supersedes nothing yet; 400 otherwise.
 */
export function checkSuccessor(
  decision: Decision,
  supersededBy: string,
  newer: Decision | undefined,
): void {
  if (!newer || newer.entityRef !== decision.entityRef) {
    throw new InputError(
      `supersededBy: ${supersededBy} is not a decision about ${decision.entityRef}`,
    );
  }
  if (newer.status !== 'proposed' && newer.status !== 'accepted') {
    throw new InputError(
      `supersededBy: ${newer.id} is ${newer.status}; only a proposed or accepted decision can supersede`,
    );
  }
  if (newer.createdAt < decision.createdAt) {
    throw new InputError(
      `supersededBy: ${newer.id} was filed before ${decision.id}; only a newer decision can supersede`,
    );
  }
  if (newer.supersedes) {
    throw new InputError(
      `supersededBy: ${newer.id} already supersedes ${newer.supersedes}`,
    );
  }
}

/** The error for a status change the store did not apply (changed meanwhile, or refused). */
export function refusedChangeError(
  result: Exclude<StatusChangeResult, { outcome: 'changed' }>,
  body: DecisionTransition,
  decision: Decision,
): Error {
  switch (result.outcome) {
    case 'conflict':
      return new ConflictError(
        `version: you edited version ${body.version}, but the decision is now at version ${result.current}; reload and try again`,
      );
    case 'newer-accepted':
      return new InputError(
        `action: ${result.newer}, filed after this decision, is accepted for ${decision.entityRef}, and an older decision cannot replace it; reject this one, or file a new decision`,
      );
    default:
      return new ConflictError(
        `supersededBy: ${result.reason} (changed meanwhile); reload and try again`,
      );
  }
}
