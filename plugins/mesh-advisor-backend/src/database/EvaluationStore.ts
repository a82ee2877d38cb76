import type {
  DecisionFilter,
  EvaluationPage,
  EvaluationResult,
  EvaluationSortField,
  EvaluationStatus,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

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
  result: EvaluationResult;
};

// The row, sort fields and page are the API's, defined once in the common package.
export type {
  EvaluationRow,
  EvaluationPage as ListPage,
  EvaluationSortField as SortField,
} from '@mesh-advisor/plugin-mesh-advisor-common';

export type ListQuery = {
  owner?: string;
  system?: string;
  mesh?: MeshId;
  status?: EvaluationStatus;
  decision?: DecisionFilter;
  q?: string;
  sort: EvaluationSortField;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
  /** only these services (entity refs, lower case): the ones the caller may read, when that is not all */
  onlyRefs?: readonly string[];
};

export type SweepRecord = {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'running' | 'succeeded' | 'failed';
  message: string | null;
  services: number | null;
  summary: unknown | null;
};

/** Storage of evaluations and sweeps. */
export interface EvaluationStore {
  /**
   * Replaces the stored set with this sweep's results in one transaction:
   * writes rows whose inputs changed, removes services no longer in the
   * catalog, and clears staleness. All or nothing.
   */
  replaceAll(
    records: EvaluationRecord[],
    now: Date,
  ): Promise<{ written: number; removed: number }>;
  /** The catalog could not be read: keep every result, flag them stale. */
  markAllStale(): Promise<void>;
  /** Forget cached counts (a decision was filed or changed through this replica). */
  invalidate(): void;
  get(
    entityRef: string,
  ): Promise<
    (EvaluationResult & { evaluatedAt: string; stale: boolean }) | undefined
  >;
  list(query: ListQuery): Promise<EvaluationPage>;
  startSweep(now: Date): Promise<number>;
  finishSweep(
    id: number,
    outcome: 'succeeded' | 'failed',
    details: {
      message?: string;
      services?: number;
      written?: number;
      removed?: number;
      summary?: unknown;
    },
    now: Date,
  ): Promise<void>;
  lastSweep(): Promise<SweepRecord | undefined>;
  lastSuccessfulSweep(): Promise<SweepRecord | undefined>;
}
