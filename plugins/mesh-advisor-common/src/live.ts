import type { MeshId } from './vocabulary';

/**
 * What services actually run, as read from the clusters: one definition for
 * the backend that detects it and the frontend that shows it beside the
 * recommendation and the decision.
 */

/**
 * How a service's actual mesh compares with what it needs and what was decided.
 *
 * - `as-decided`: runs the mesh of its accepted decision on every pod
 * - `drift`: runs something other than its accepted decision
 * - `unmeshed-but-required`: declares a requirement only a mesh serves (the
 *   "no mesh" candidate is blocked) and runs no mesh
 * - `blocked-mesh`: runs a mesh that has a hard blocker for its declared needs
 * - `partially-meshed`: some of its pods are meshed, some not
 * - `unknown`: no workloads found, or none of its clusters could be read yet
 * - `undecided`: runs its pods consistently, nothing blocks it, and no
 *   decision is accepted to compare with
 * @public
 */
export type DriftState =
  | 'as-decided'
  | 'drift'
  | 'unmeshed-but-required'
  | 'blocked-mesh'
  | 'partially-meshed'
  | 'unknown'
  | 'undecided';

/** Every drift state, in the order the UI lists them. @public */
export const DRIFT_STATES: readonly DriftState[] = [
  'blocked-mesh',
  'unmeshed-but-required',
  'drift',
  'partially-meshed',
  'unknown',
  'as-decided',
  'undecided',
];

/**
 * The rule that decided (or ruled out) a pod's mesh, so the UI can say why.
 * @public
 */
export type DetectionRule =
  | 'istio-sidecar-container'
  | 'istio-native-sidecar'
  | 'istio-ambient-pod-label'
  | 'istio-ambient-namespace-label'
  | 'istio-ambient-opted-out'
  | 'istio-ambient-no-ztunnel'
  | 'istio-waypoint'
  | 'linkerd-proxy-container'
  | 'linkerd-native-sidecar'
  | 'cilium-envoy'
  | 'cilium-mutual-auth'
  | 'no-mesh';

/** One piece of evidence: the rule and what it saw. @public */
export type DetectionEvidence = {
  rule: DetectionRule;
  /** e.g. `container istio-proxy (registry.istio.io/release/proxyv2:1.27.1)` */
  detail: string;
};

/** A pod as detected, for the evidence list. @public */
export type PodMeshState = {
  cluster: string;
  namespace: string;
  name: string;
  mesh: MeshId;
  /** the proxy's version from its image tag (or Linkerd's proxy-version annotation) */
  version: string | null;
  /** the waypoint an ambient pod uses (`istio.io/use-waypoint`) */
  waypoint: string | null;
  evidence: DetectionEvidence[];
};

/** CNIs recognisable from a cluster's DaemonSets. @public */
export type DetectedCni =
  | 'cilium'
  | 'calico'
  | 'aws-vpc-cni'
  | 'azure-cni'
  | 'flannel'
  | 'other';

/** What one cluster runs, and whether that is current. @public */
export type ClusterState = {
  name: string;
  /** the last read succeeded */
  reachable: boolean;
  /** the figures are from an earlier read (or there are none) */
  stale: boolean;
  /** when the figures were read; null: never */
  readAt: string | null;
  /** why the last read failed, safe to show (no addresses, no tokens) */
  error: string | null;
  cni: DetectedCni | null;
  /** the DaemonSet the CNI was recognised by, e.g. `kube-system/cilium` */
  cniEvidence: string | null;
  /** Istio's node proxy for ambient mode runs here */
  ztunnel: boolean;
  /** Cilium runs its Envoy (L7 policy, ingress, mesh features) */
  ciliumEnvoy: boolean;
  /** Cilium's mutual authentication (SPIRE agents) runs here */
  ciliumMutualAuth: boolean;
  pods: number;
  /** pods per mesh, `none` included */
  podsByMesh: Partial<Record<MeshId, number>>;
};

/** The platform context as derived from the clusters. @public */
export type DerivedPlatform = {
  /** `clusters`: read from Kubernetes · `config`: app-config (no clusters, or an override) */
  cniSource: 'clusters' | 'config' | 'default';
  currentMeshSource: 'clusters' | 'config' | 'default';
  cni: string;
  currentMesh: MeshId;
  /** share (0–1) of all pods on each mesh, across the clusters read */
  meshShares: Partial<Record<MeshId, number>>;
  clusters: number;
};

/** What one service actually runs, and how that compares. @public */
export type ActualState = {
  entityRef: string;
  /** the mesh most of its pods run; null when no pods were found */
  mesh: MeshId | null;
  pods: number;
  meshedPods: number;
  /** meshedPods / pods; 0 without pods */
  meshedShare: number;
  podsByMesh: Partial<Record<MeshId, number>>;
  /** distinct proxy versions seen */
  versions: string[];
  waypoints: string[];
  clusters: string[];
  /** namespaces and their mesh labels, e.g. `shop: istio.io/dataplane-mode=ambient` */
  namespaceLabels: string[];
  /** some of its clusters could not be read this pass: last known state shown */
  stale: boolean;
  drift: DriftState;
  /** one sentence saying why this drift state */
  driftReason: string;
  recommended: MeshId | null;
  decided: MeshId | null;
  /** a few pods with their evidence (at most 5) */
  evidence: PodMeshState[];
  observedAt: string;
};
