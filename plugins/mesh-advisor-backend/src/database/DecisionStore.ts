import type {
  Decision,
  DecisionEvent,
  DecisionEventType,
  DecisionSnapshot,
  DecisionStatus,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

export type {
  Decision,
  DecisionEvent,
  DecisionEventType,
  DecisionSnapshot,
  DecisionStatus,
} from '@mesh-advisor/plugin-mesh-advisor-common';

export type NewDecision = {
  entityRef: string;
  chosen: MeshId;
  title: string;
  context: string;
  rationale: string;
  alternatives: MeshId[];
  author: string;
  snapshot: DecisionSnapshot | null;
};

export type DecisionFilter = {
  entityRef?: string;
  status?: DecisionStatus;
  chosen?: MeshId;
  author?: string;
  limit: number;
  cursor?: string;
};

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
  create(d: NewDecision, now: Date): Promise<Decision>;
  get(id: string): Promise<Decision | undefined>;
  events(id: string): Promise<DecisionEvent[]>;
  /** Newest first (created, then id); a page of at most `limit`, and the cursor of the next one. */
  list(
    filter: DecisionFilter,
  ): Promise<{ items: Decision[]; nextCursor: string | null }>;
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
