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

/** A range of a figure, in its unit. @public */
export type FigureRange = { low: number; high: number };

/**
 * A knowledge-base figure an estimate rests on: how it was obtained and the
 * range the sources leave it in (per proxy or per hop, in `unit`).
 * @public
 */
export type FigureInfo = {
  /** e.g. `mesh.linkerd.overhead.p99Ms`, `mesh.istio-ambient.overhead.l7Proxy.memoryMiB` */
  factId: string;
  basis: 'measured' | 'estimated';
  value: number;
  low: number;
  high: number;
  unit: string;
  method: string;
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
  /** the range the sources leave the p99 per hop in; a budget blocks only below `low` */
  p99PerHopRange: FigureRange | null;
  /** whether the p99 per hop was measured or estimated (null: unknown) */
  p99Basis: 'measured' | 'estimated' | null;
  /**
   * Added p99 along the service's call chain, without adding percentiles:
   * the median of every hop but one plus the tail of the worst single hop,
   * p50 × (depth − 1) + p99 (see docs/knowledge-base.md).
   */
  p99ChainMs: number | null;
  /** the same method over the ends of the per-hop ranges */
  p99ChainRange: FigureRange | null;
  callChainDepth: number;
  /** the replica and RPS figures the estimate used (declared or assumed) */
  replicas: number;
  rps: number | null;
  note: string;
  /** the figures the estimate rests on, with basis, range and method (shared, read-only) */
  figures: FigureInfo[];
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
  /** the knowledge base's points for a mode change or a second mesh (0 for the installed mesh, no mesh, or on a platform without a mesh) */
  coherencePenalty: number;
  /** under an open-source-stable release policy, a mesh whose stable releases need a subscription */
  releasePolicyPenalty: number;
};

/**
 * How a candidate relates to what the platform runs: the installed mesh
 * (or no mesh on a platform without one), the other data-plane mode of the
 * installed mesh, a second mesh beside it, the first mesh of a platform
 * without one, or leaving this service out of the installed mesh.
 * @public
 */
export type Adoption =
  | 'installed'
  | 'mode-change'
  | 'second-mesh'
  | 'adopt'
  | 'leave-mesh';

/** One mesh, as judged for this service. @public */
export type CandidateResult = {
  mesh: MeshId;
  name: string;
  /** 0–100; 0 when blocked */
  score: number;
  blocked: boolean;
  blockers: Blocker[];
  adoption: Adoption;
  /**
   * A second mesh ranked after the installed mesh's modes and no mesh, whatever
   * its score, because a mode of the installed mesh meets every hard requirement.
   */
  heldBack: boolean;
  /** hard requirements met (multi-cluster included on a multi-cluster platform, for a mesh) */
  satisfied: Capability[];
  partial: Capability[];
  unverified: Capability[];
  /** hard requirements met only by a feature upstream calls alpha or experimental */
  immature: Capability[];
  /** hard requirements met by a feature upstream calls beta */
  beta: Capability[];
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
  /** stay on the installed mesh, change its data-plane mode, add a second mesh, adopt a first one, or leave the mesh */
  adoption: Adoption;
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
