import {
  LiveClusters,
  MESH_IDS,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** Services and pods per actual mesh, their totals and the meshed parts. */
export type CoverageCounts = {
  services: Record<string, number>;
  pods: Record<string, number>;
  /** the meshes (and `unknown`) with a service or a pod on them */
  keys: Array<MeshId | 'unknown'>;
  totalServices: number;
  totalPods: number;
  meshedServices: number;
  meshedPods: number;
};

/** Counts what the clusters show per actual mesh (from GET /live/clusters). */
export function coverageCounts(live: LiveClusters): CoverageCounts {
  const services = live.services.mesh ?? {};
  // pods per mesh across the clusters read (every pod, not only the catalog's)
  const pods: Record<string, number> = {};
  for (const c of live.clusters) {
    for (const [mesh, n] of Object.entries(c.podsByMesh)) {
      pods[mesh] = (pods[mesh] ?? 0) + (n ?? 0);
    }
  }
  const keys: Array<MeshId | 'unknown'> = [
    ...MESH_IDS,
    'unknown' as const,
  ].filter(k => (services[k] ?? 0) > 0 || (pods[k] ?? 0) > 0);
  const totalServices = Object.values(services).reduce((a, b) => a + b, 0);
  const totalPods = Object.values(pods).reduce((a, b) => a + b, 0);
  const meshedServices = MESH_IDS.filter(m => m !== 'none').reduce(
    (n, m) => n + (services[m] ?? 0),
    0,
  );
  const meshedPods = MESH_IDS.filter(m => m !== 'none').reduce(
    (n, m) => n + (pods[m] ?? 0),
    0,
  );
  return {
    services,
    pods,
    keys,
    totalServices,
    totalPods,
    meshedServices,
    meshedPods,
  };
}
