import type {
  EvaluationListQuery,
  EvaluationPage,
  EvaluationResult,
  StoredEvaluation,
  SweepInfo,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { ReadFilter } from '../service/readFilter';

/**
 * What the store keeps of a result: its JSON, as UTF-8 bytes, and the
 * columns the table sorts and filters on. A result is serialized when it is
 * evaluated, not when written: the sweep's results then die young (see
 * service/sweep.ts).
 */
export type StoredResult = {
  json: Buffer;
  status: EvaluationResult['status'];
  /** '' when there is no recommendation */
  recommendedMesh: string;
  confidence: string | null;
  /** -1 when there is no recommendation */
  score: number;
  issueCount: number;
  engineVersion: string;
  knowledgeBaseVersion: string;
};

/** What the sweep stores for one service. */
export type EvaluationRecord = {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  searchText: string;
  inputHash: string;
  result: StoredResult;
  /** call-chain depth the result was computed with */
  depth: number;
  /** the component refs in spec.dependsOn (full, lower case) */
  dependsOn: string[];
  /** metadata.etag of the catalog entity the result was computed from */
  catalogVersion?: string;
};

/** One service's place in the dependsOn graph, as last stored. */
export type StoredEdges = {
  entityRef: string;
  depth: number;
  dependsOn: string[];
};

/** A listing of the overview table: the API's query with its defaults resolved, and what the caller may read. */
export type EvaluationStoreQuery = EvaluationListQuery &
  Required<Pick<EvaluationListQuery, 'sort' | 'order' | 'limit'>> & {
    /** only these services (entity refs, lower case): the ones the caller may read, when that is not all */
    onlyRefs?: readonly string[];
    /** only the services this filter on the stored columns lets the caller read */
    readFilter?: ReadFilter;
  };

/** A sweep as stored: what GET /summary says of it, and the summary it stored. */
export type SweepRecord = SweepInfo & {
  id: number;
  summary: unknown | null;
};

/** What a finished sweep records beside its outcome. */
export type SweepDetails = {
  message?: string;
  services?: number;
  written?: number;
  removed?: number;
  summary?: unknown;
  platform?: unknown;
};

/** Storage of evaluations and sweeps. */
export interface EvaluationStore {
  /** The stored input hash of each of these services that has a row. */
  inputHashes(entityRefs: string[]): Promise<Map<string, string>>;
  /**
   * Writes those of a batch of results whose inputs changed since they were
   * stored (one short transaction per batch); returns how many it wrote.
   * `readAt`: when the writer read the entities it evaluated. A row
   * evaluated after that (a catalog change handled meanwhile, or another
   * replica) was computed from a newer read and is kept.
   */
  writeChanged(
    records: EvaluationRecord[],
    now: Date,
    readAt?: Date,
  ): Promise<number>;
  /**
   * After a complete read of the catalog: removes the services not in it and
   * clears staleness; returns how many it removed.
   */
  removeAllExcept(keep: ReadonlySet<string>): Promise<number>;
  /** Refreshes the database's statistics after a sweep that changed much. */
  afterBulkChange(changed: number, total: number): Promise<void>;
  /** The stored depth and dependsOn of these services (those stored). */
  edgesOf(entityRefs: string[]): Promise<StoredEdges[]>;
  /** The stored services whose dependsOn names this entity, with theirs. */
  dependentsOf(entityRef: string): Promise<StoredEdges[]>;
  /** How many services are stored. */
  serviceCount(): Promise<number>;
  /**
   * Claims one announced catalog change for this replica: true for exactly
   * one of the replicas that receive its event.
   */
  claimChange(
    entityRef: string,
    inputsHash: string,
    now: Date,
  ): Promise<boolean>;
  /** Records how many services the claimed change re-evaluated. */
  changeEvaluated(
    entityRef: string,
    inputsHash: string,
    evaluated: number,
  ): Promise<void>;
  /** Drops the claims of changes older than this (the sweep has covered them). */
  forgetChangesBefore(before: Date): Promise<void>;
  /** The platform the last successful sweep evaluated against. */
  lastPlatform(): Promise<unknown | undefined>;
  /** The catalog could not be read: keep every result, flag them stale. */
  markAllStale(): Promise<void>;
  get(entityRef: string): Promise<StoredEvaluation | undefined>;
  list(query: EvaluationStoreQuery): Promise<EvaluationPage>;
  /** Which of these services (refs, lower case) the filter lets through. */
  readableAmong(refs: string[], filter: ReadFilter): Promise<Set<string>>;
  startSweep(now: Date): Promise<number>;
  finishSweep(
    id: number,
    outcome: 'succeeded' | 'failed',
    details: SweepDetails,
    now: Date,
  ): Promise<void>;
  lastSweep(): Promise<SweepRecord | undefined>;
  lastSuccessfulSweep(): Promise<SweepRecord | undefined>;
}
