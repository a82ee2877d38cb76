import type {
  ClusterState,
  DerivedPlatform,
  MeshId,
  PlatformContextInput,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const MESHES: MeshId[] = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'cilium',
];

/**
 * The platform context from the clusters, with app-config as the override:
 * a `cni` or `currentMesh` set in `meshAdvisor.platform` wins; otherwise the
 * clusters' CNI (the one most clusters run) and current mesh (the mesh most
 * meshed pods run; `none` when no pod is meshed). Clusters never read
 * contribute nothing; stale ones contribute their last known state.
 */
export function derivePlatform(
  clusters: ClusterState[],
  config: PlatformContextInput,
): DerivedPlatform {
  const read = clusters.filter(c => c.readAt !== null);
  const podsByMesh: Partial<Record<MeshId, number>> = {};
  let pods = 0;
  const cniCount = new Map<string, number>();
  for (const c of read) {
    pods += c.pods;
    for (const [mesh, n] of Object.entries(c.podsByMesh) as [
      MeshId,
      number,
    ][]) {
      podsByMesh[mesh] = (podsByMesh[mesh] ?? 0) + n;
    }
    if (c.cni) cniCount.set(c.cni, (cniCount.get(c.cni) ?? 0) + 1);
  }
  const meshShares: Partial<Record<MeshId, number>> = {};
  for (const [mesh, n] of Object.entries(podsByMesh) as [MeshId, number][]) {
    meshShares[mesh] = pods ? n / pods : 0;
  }
  const topCni = [...cniCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  let topMesh: MeshId = 'none';
  let topPods = 0;
  for (const mesh of MESHES) {
    const n = podsByMesh[mesh] ?? 0;
    if (n > topPods) {
      topMesh = mesh;
      topPods = n;
    }
  }
  const fromClusters = read.length > 0;
  let cniSource: DerivedPlatform['cniSource'] = 'default';
  if (config.cni) cniSource = 'config';
  else if (topCni) cniSource = 'clusters';
  let currentMeshSource: DerivedPlatform['currentMeshSource'] = 'default';
  if (config.currentMesh) currentMeshSource = 'config';
  else if (fromClusters) currentMeshSource = 'clusters';
  return {
    cni: config.cni ?? topCni ?? 'other',
    cniSource,
    currentMesh: config.currentMesh ?? (fromClusters ? topMesh : 'none'),
    currentMeshSource,
    meshShares,
    clusters: config.clusters ?? Math.max(clusters.length, 1),
  };
}
