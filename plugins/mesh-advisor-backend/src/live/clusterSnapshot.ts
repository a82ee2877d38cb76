import type {
  ClusterState,
  MeshId,
  PodMeshState,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { ClusterFacts } from './detect/clusterFacts';
import { clusterFacts } from './detect/clusterFacts';
import { detectPodMesh } from './detect/podMesh';
import type { DaemonSetLike, NamespaceLike, PodLike } from './kubeObjects';

const KUBERNETES_ID = 'backstage.io/kubernetes-id';
const MESH_LABELS = [
  'istio.io/dataplane-mode',
  'istio.io/use-waypoint',
  'istio-injection',
  'istio.io/rev',
];

/** One detected pod and the labels services are matched by. */
export type DetectedPod = PodMeshState & { labels: Record<string, string> };

/** One cluster as last read: facts, detected pods (indexed by kubernetes-id), namespace mesh labels. */
export type ClusterSnapshot = {
  name: string;
  facts: ClusterFacts;
  pods: DetectedPod[];
  byKubernetesId: Map<string, DetectedPod[]>;
  /** namespace → its mesh labels as `key=value` (only namespaces that have some) */
  namespaceLabels: Map<string, string[]>;
  readAt: Date;
};

// Pods that are done hold no proxy any more.
const FINISHED = new Set(['Succeeded', 'Failed']);

/** Detects every pod of one cluster once, so services are matched against a ready index. */
export function buildSnapshot(
  name: string,
  lists: {
    pods: PodLike[];
    namespaces: NamespaceLike[];
    daemonSets: DaemonSetLike[];
  },
  readAt: Date,
): ClusterSnapshot {
  const facts = clusterFacts(lists.daemonSets);
  const namespaces = new Map(lists.namespaces.map(n => [n.metadata.name, n]));
  const namespaceLabels = new Map<string, string[]>();
  for (const ns of lists.namespaces) {
    const labels = MESH_LABELS.filter(
      k => ns.metadata.labels?.[k] !== undefined,
    ).map(k => `${k}=${ns.metadata.labels![k]}`);
    const linkerd = ns.metadata.annotations?.['linkerd.io/inject'];
    if (linkerd) labels.push(`linkerd.io/inject=${linkerd}`);
    if (labels.length) namespaceLabels.set(ns.metadata.name, labels);
  }
  const pods: DetectedPod[] = [];
  const byKubernetesId = new Map<string, DetectedPod[]>();
  for (const pod of lists.pods) {
    if (FINISHED.has(pod.status?.phase ?? '')) continue;
    const detected: DetectedPod = {
      ...detectPodMesh(
        name,
        pod,
        namespaces.get(pod.metadata.namespace ?? 'default'),
        facts,
      ),
      labels: pod.metadata.labels ?? {},
    };
    pods.push(detected);
    const id = detected.labels[KUBERNETES_ID];
    if (id) {
      const list = byKubernetesId.get(id);
      if (list) list.push(detected);
      else byKubernetesId.set(id, [detected]);
    }
  }
  return { name, facts, pods, byKubernetesId, namespaceLabels, readAt };
}

/** The per-cluster state the API reports. */
export function clusterState(
  snapshot: ClusterSnapshot | undefined,
  name: string,
  error: string | null,
): ClusterState {
  const podsByMesh: Partial<Record<MeshId, number>> = {};
  for (const p of snapshot?.pods ?? []) {
    podsByMesh[p.mesh] = (podsByMesh[p.mesh] ?? 0) + 1;
  }
  return {
    name,
    reachable: error === null,
    stale: error !== null,
    readAt: snapshot?.readAt.toISOString() ?? null,
    error,
    cni: snapshot?.facts.cni ?? null,
    cniEvidence: snapshot?.facts.cniEvidence ?? null,
    ztunnel: snapshot?.facts.ztunnel ?? false,
    ciliumEnvoy: snapshot?.facts.ciliumEnvoy ?? false,
    ciliumMutualAuth: snapshot?.facts.ciliumMutualAuth ?? false,
    pods: snapshot?.pods.length ?? 0,
    podsByMesh,
  };
}
