import type { MeshId } from '../vocabulary';
import type { Confidence } from './types';

/**
 * What adopting a candidate means for the platform as it runs today:
 * keep the installed mesh (or no mesh), adopt a first mesh, switch the
 * installed mesh's data-plane mode (Istio sidecar ↔ ambient: the same
 * control plane), migrate to a different mesh, or remove the mesh.
 * @public
 */
export type PlatformChange =
  | 'keep'
  | 'adopt'
  | 'mode-change'
  | 'migrate'
  | 'remove';

/** One candidate for the whole platform. @public */
export type FleetCandidate = {
  mesh: MeshId;
  name: string;
  /** services whose hard requirements it meets (none blocks it) */
  servicesSatisfied: number;
  /** hard requirements (capabilities and latency budgets) fully met, summed over services: supported, and not by an alpha or experimental feature */
  requirementsMet: number;
  /** hard requirements met only partly or by an alpha/experimental feature */
  requirementsPartial: number;
  /** hard requirements no source confirms (support unknown) */
  requirementsUnknown: number;
  /** hard requirements it does not meet (including every one on a platform it cannot run on) */
  requirementsUnmet: number;
  /** services that rank it first themselves */
  firstChoiceOf: number;
  /** memory the platform would add for the services it satisfies, MiB: costs already paid are left out (unknown figures count as 0 and set `costUnknown`) */
  totalMemoryMiB: number;
  costUnknown: boolean;
  /** what is already paid and so not charged ("Cilium's per-node agent already runs as the CNI …") */
  alreadyPaid: string[];
  /** what choosing it means for the platform as it runs today */
  change: PlatformChange;
  /** mean score over the services it satisfies */
  meanScore: number;
};

/** A service the platform pick leaves with unmet hard requirements. @public */
export type UnsatisfiedService = {
  entityRef: string;
  missing: string[];
};

/** @public */
export type FleetRecommendation = {
  recommendation: {
    mesh: MeshId;
    name: string;
    confidence: Confidence;
    /** one sentence: what the pick covers and what it changes on the platform */
    summary: string;
    /** the facts the pick turns on: knowledge-base fact ids (`capability.jwt-auth.linkerd`, `mesh.cilium.requiresCni`, `mesh.istio-sidecar` for the installed mesh) */
    factIds: string[];
  } | null;
  /**
   * Why the platform pick is not every service's own first choice, in one
   * sentence ("Every service ranks Linkerd first; one mesh for all is Istio
   * (sidecar mode) because …"); null when they agree.
   */
  explanation: string | null;
  ranking: FleetCandidate[];
  /** the services the pick leaves unsatisfied, in the order added; at most `FleetOptions.maxUnsatisfied` of them */
  unsatisfied: UnsatisfiedService[];
  servicesConsidered: number;
  /** how many services the pick leaves unsatisfied in all (`unsatisfied` may list fewer) */
  unsatisfiedTotal: number;
};

/** Options of {@link createFleetAccumulator}. @public */
export type FleetOptions = {
  /**
   * How many unsatisfied services the recommendation lists at most (the
   * first added); `unsatisfiedTotal` still counts them all. A caller that
   * stores a truncated list sets it, so memory stays flat however large the
   * catalog. Default: all of them.
   */
  maxUnsatisfied?: number;
};

/**
 * The services a candidate leaves unsatisfied that another candidate
 * satisfies: what an explanation cites when the other one wins on them.
 */
export type LeftServices = {
  count: number;
  /** what they miss (a capability, a latency budget, the CNI) → how often */
  missing: Map<string, number>;
  /** the facts of their blockers, in the order first met */
  facts: Set<string>;
};

/** A fleet candidate while results are added: the sums its figures come from. */
export type FleetTally = FleetCandidate & {
  /** its per-node proxy already runs on every node (the CNI's agent, or installed) */
  nodeProxyPaid: boolean;
  scoreSum: number;
  /** unrounded mean score over the services it satisfies */
  scoreMean: number;
  /** over the services it satisfies but that rank another mesh first: points below their first choice */
  marginSum: number;
  /** the first unsatisfied services, up to `FleetOptions.maxUnsatisfied` */
  unsatisfied: UnsatisfiedService[];
  unsatisfiedTotal: number;
  /** by the other candidate's index in MESH_IDS: the services this one leaves that it satisfies */
  leftWhereMet: LeftServices[];
  /** score points per part (breakdown), summed over the services it satisfies */
  parts: Record<string, number>;
  /** partly met or unverified hard requirements: fact id → services */
  gapFacts: Map<string, number>;
  /** preferences it lacks or cannot confirm: fact id → services */
  preferenceFacts: Map<string, number>;
};
