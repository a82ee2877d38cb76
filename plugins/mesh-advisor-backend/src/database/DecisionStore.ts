import type {
  Decision,
  DecisionEvent,
  DecisionEventType,
  DecisionListQuery,
  DecisionPage,
  DecisionSnapshot,
  DecisionStatus,
  NewDecision,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/**
 * What the service stores for a new decision: the request body, normalised,
 * with its author and the evaluation it was made against.
 */
export type NewDecisionRecord = Required<NewDecision> & {
  author: string;
  snapshot: DecisionSnapshot | null;
};

/** A listing of decisions: the API's filters, with the page size resolved. */
export type DecisionStoreQuery = DecisionListQuery & { limit: number };

/** A change of status, applied only if the decision is still at `expectedVersion` (and in status `from`). */
export type StatusChange = {
  id: string;
  expectedVersion: number;
  from: DecisionStatus;
  to: DecisionStatus;
  event: DecisionEventType;
  actor: string;
  note?: string;
  /** supersede only: the newer decision, which gets `supersedes` set to `id` in the same transaction */
  supersededBy?: string;
};

/** What became of a status change. */
export type StatusChangeResult =
  | { outcome: 'changed'; decision: Decision }
  /** the decision is no longer at the expected version; `current` is where it is now */
  | { outcome: 'conflict'; current: number }
  /** supersede only: the newer decision cannot take the link (it already supersedes another, or was rejected or superseded meanwhile) */
  | { outcome: 'link-refused'; reason: string }
  /** accept only: a decision about the same entity filed after this one is accepted, and an older decision cannot replace it */
  | { outcome: 'newer-accepted'; newer: string };

/** Append-only storage of decisions: no update without an event, no delete. */
export interface DecisionStore {
  create(d: NewDecisionRecord, now: Date): Promise<Decision>;
  get(id: string): Promise<Decision | undefined>;
  events(id: string): Promise<DecisionEvent[]>;
  /** Newest first (created, then id); a page of at most `limit`, and the cursor of the next one. */
  list(filter: DecisionStoreQuery): Promise<DecisionPage>;
  /** The cursor that continues a listing right after `d`. */
  cursorAfter(d: Decision): string;
  /**
   * Applies a status change and records its event in one transaction: both
   * or neither. A supersede also links the newer decision back (`supersedes`).
   * An accept also supersedes the entity's decision accepted before it, so
   * one decision is in force per entity.
   */
  changeStatus(change: StatusChange, now: Date): Promise<StatusChangeResult>;
}
