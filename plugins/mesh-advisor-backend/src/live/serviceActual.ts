import type {
  ActualState,
  EvaluationResult,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { ClusterSnapshot, DetectedPod } from './clusterSnapshot';
import { computeDrift } from './drift';
import { matchesLabels, WorkloadSelector } from './workloadSelector';

const EVIDENCE_PODS = 5;

/** A cluster as the pass sees it: its last snapshot and whether this pass read it. */
export type ClusterView = {
  snapshot: ClusterSnapshot | undefined;
  fresh: boolean;
};

function podsOf(
  snapshot: ClusterSnapshot,
  selector: WorkloadSelector,
): DetectedPod[] {
  const candidates = selector.kubernetesId
    ? snapshot.byKubernetesId.get(selector.kubernetesId) ?? []
    : snapshot.pods;
  return candidates.filter(
    p =>
      (!selector.namespace || p.namespace === selector.namespace) &&
      (selector.kubernetesId !== undefined ||
        matchesLabels(selector.requirements, p.labels)),
  );
}

/**
 * A service's actual state across the clusters: its pods per mesh, versions,
 * waypoints, the namespaces' mesh labels, a few pods with their evidence, and
 * the drift state against its advice and accepted decision.
 */
export function serviceActual(args: {
  entityRef: string;
  selector: WorkloadSelector | null;
  clusters: ClusterView[];
  evaluation: Pick<
    EvaluationResult,
    'ranking' | 'status' | 'recommendation'
  > | null;
  decided: MeshId | null;
  observedAt: Date;
}): ActualState {
  const { selector, clusters, evaluation, decided } = args;
  const podsByMesh: Partial<Record<MeshId, number>> = {};
  const versions = new Set<string>();
  const waypoints = new Set<string>();
  const clusterNames = new Set<string>();
  const namespaceLabels = new Set<string>();
  const evidence: DetectedPod[] = [];
  let stale = false;
  for (const { snapshot, fresh } of clusters) {
    if (!snapshot || !selector) continue;
    const pods = podsOf(snapshot, selector);
    if (!pods.length) continue;
    if (!fresh) stale = true;
    clusterNames.add(snapshot.name);
    for (const p of pods) {
      podsByMesh[p.mesh] = (podsByMesh[p.mesh] ?? 0) + 1;
      if (p.version) versions.add(`${p.mesh} ${p.version}`);
      if (p.waypoint) waypoints.add(p.waypoint);
      const labels = snapshot.namespaceLabels.get(p.namespace);
      if (labels) namespaceLabels.add(`${p.namespace}: ${labels.join(', ')}`);
      // keep one pod per mesh first, so a partial rollout shows both sides
      if (
        evidence.length < EVIDENCE_PODS &&
        !evidence.some(e => e.mesh === p.mesh)
      ) {
        evidence.push(p);
      }
    }
    for (const p of pods) {
      if (evidence.length >= EVIDENCE_PODS) break;
      if (!evidence.includes(p)) evidence.push(p);
    }
  }
  const pods = Object.values(podsByMesh).reduce((a, b) => a + (b ?? 0), 0);
  const meshedPods = pods - (podsByMesh.none ?? 0);
  const drift = computeDrift({
    podsByMesh,
    evaluation,
    decided,
    anyClusterRead: clusters.some(c => c.snapshot),
  });
  // Its pods may be in a cluster that has never been read: say so, and mark
  // the answer stale rather than claim the service has no workloads.
  const unread = clusters.filter(c => !c.snapshot).length;
  if (selector && pods === 0 && unread > 0 && clusters.some(c => c.snapshot)) {
    stale = true;
    drift.reason = `${drift.reason}; ${unread} of ${clusters.length} clusters could not be read`;
  }
  return {
    entityRef: args.entityRef,
    mesh: drift.mesh,
    pods,
    meshedPods,
    meshedShare: pods ? meshedPods / pods : 0,
    podsByMesh,
    versions: [...versions].sort(),
    waypoints: [...waypoints].sort(),
    clusters: [...clusterNames].sort(),
    namespaceLabels: [...namespaceLabels].sort(),
    stale,
    drift: selector ? drift.state : 'unknown',
    driftReason: selector
      ? drift.reason
      : 'the entity has no backstage.io/kubernetes-id or kubernetes-label-selector annotation',
    recommended: evaluation?.recommendation?.mesh ?? null,
    decided,
    evidence: evidence.map(({ labels: _labels, ...p }) => p),
    observedAt: args.observedAt.toISOString(),
  };
}
