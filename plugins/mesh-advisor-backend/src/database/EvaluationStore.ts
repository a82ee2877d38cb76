import type {
  Confidence,
  EvaluationResult,
  EvaluationStatus,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { DecisionStatus } from './DecisionStore';

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

/** One row of the overview table (no full result). */
export type EvaluationRow = {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  status: EvaluationStatus;
  recommendedMesh: MeshId | null;
  confidence: Confidence | null;
  score: number | null;
  issueCount: number;
  evaluatedAt: string;
  stale: boolean;
  decision: { id: string; chosen: MeshId; status: DecisionStatus } | null;
};

export type SortField =
  | 'name'
  | 'mesh'
  | 'status'
  | 'score'
  | 'owner'
  | 'system'
  | 'evaluatedAt';

export type ListQuery = {
  owner?: string;
  system?: string;
  mesh?: MeshId;
  status?: EvaluationStatus;
  decision?: 'none' | 'differs' | 'proposed' | 'accepted';
  q?: string;
  sort: SortField;
  order: 'asc' | 'desc';
  limit: number;
  cursor?: string;
};

export type ListPage = {
  items: EvaluationRow[];
  totalCount: number;
  nextCursor: string | null;
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
  list(query: ListQuery): Promise<ListPage>;
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
