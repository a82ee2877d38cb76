import type { Requirements, ValidationIssue } from '../annotations';
import type { PlatformContext } from '../platform';
import type { Capability, MeshId, OpsCapacity } from '../vocabulary';

/**
 * evaluated: ranked · excluded: opted out · not-applicable: not a Component
 * of type service · invalid: malformed annotations (ranked from the valid
 * parts, but no recommendation until they are fixed).
 * @public
 */
export type EvaluationStatus =
  | 'evaluated'
  | 'excluded'
  | 'not-applicable'
  | 'invalid';

/** @public */
export type Confidence = 'high' | 'medium' | 'low';

/** A source a fact comes from. @public */
export type SourceRef = {
  id: string;
  url: string;
  title: string;
};

/**
 * A sentence of the explanation, tied to the knowledge-base fact it rests on
 * (e.g. `capability.jwt-auth.linkerd`, `mesh.istio-sidecar.overhead.p99Ms`).
 * @public
 */
export type Reason = {
  factId: string;
  text: string;
  /** whether it counts for or against the candidate */
  effect: 'for' | 'against' | 'neutral';
  sources: SourceRef[];
};

/**
 * A hard constraint that rules a candidate out: a required capability it
 * lacks, a latency budget it exceeds, or a platform it cannot run on.
 * @public
 */
export type Blocker = {
  kind: 'capability' | 'latency-budget' | 'platform';
  capability?: Capability;
  message: string;
  factId: string;
  sources: SourceRef[];
};

/** What a candidate would cost this service. null where no source gives the figure. @public */
export type OverheadEstimate = {
  placement: 'pod' | 'node' | 'none';
  /** Istio ambient: the service's L7 needs require a waypoint proxy */
  needsL7Proxy: boolean;
  /** memory attributable to this service across its replicas */
  memoryMiB: number | null;
  /** CPU at the service's peak RPS */
  cpuVcpu: number | null;
  p50PerHopMs: number | null;
  p99PerHopMs: number | null;
  /** added p99 along the service's call chain (per hop × depth) */
  p99ChainMs: number | null;
  callChainDepth: number;
  /** the replica and RPS figures the estimate used (declared or assumed) */
  replicas: number;
  rps: number | null;
  note: string;
};

/** @public */
export type OperationsFit = {
  complexity: number;
  capacity: OpsCapacity;
  fit: 'comfortable' | 'stretch' | 'overload';
  note: string;
};

/** Points per part of the score, before rounding. @public */
export type ScoreBreakdown = {
  requirements: number;
  preferences: number;
  overhead: number;
  operations: number;
  platform: number;
  /** below the small-platform threshold a mesh must earn its place */
  smallPlatformPenalty: number;
  /** the service declares nothing a mesh would serve */
  noNeedPenalty: number;
};

/** One mesh, as judged for this service. @public */
export type CandidateResult = {
  mesh: MeshId;
  name: string;
  /** 0–100; 0 when blocked */
  score: number;
  blocked: boolean;
  blockers: Blocker[];
  satisfied: Capability[];
  partial: Capability[];
  unverified: Capability[];
  preferredMet: Capability[];
  preferredMissing: Capability[];
  overhead: OverheadEstimate;
  operations: OperationsFit;
  breakdown: ScoreBreakdown;
  reasons: Reason[];
};

/** @public */
export type Recommendation = {
  mesh: MeshId;
  name: string;
  confidence: Confidence;
  score: number;
  /** the one-sentence why */
  summary: string;
};

/**
 * The smallest change of requirements or context that flips the top pick.
 * @public
 */
export type Flip = {
  kind:
    | 'remove-requirement'
    | 'add-requirement'
    | 'ops-capacity'
    | 'latency-budget'
    | 'cni'
    | 'current-mesh';
  /** a sentence: "Require post-quantum" */
  change: string;
  /** what the top pick becomes */
  newTop: MeshId;
  /** annotations to set (null: remove) or platform fields to change */
  annotations?: Record<string, string | null>;
  platform?: Partial<PlatformContext>;
};

/** The north–south companion suggested beside the mesh for edge services. @public */
export type Companion = {
  id: 'envoy-gateway';
  name: string;
  reason: string;
  sources: SourceRef[];
};

/** Everything the engine decided about one entity. @public */
export type EvaluationResult = {
  entityRef: string;
  status: EvaluationStatus;
  issues: ValidationIssue[];
  requirements: Requirements;
  recommendation: Recommendation | null;
  /** every candidate, best first; blocked ones last */
  ranking: CandidateResult[];
  whatWouldChange: Flip[];
  companion: Companion | null;
  /** notes about the entity that temper the advice (lifecycle, no Kubernetes id) */
  notes: string[];
  platform: PlatformContext;
  callChainDepth: number;
  engineVersion: string;
  knowledgeBaseVersion: string;
};
