import type {
  ActualState,
  ActualStateQuery,
  LiveClusters,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** GET /live/clusters as one cluster running these services would answer it. */
export function liveClustersOf(states: ActualState[]): LiveClusters {
  const count = (key: (a: ActualState) => string) =>
    states.reduce<Record<string, number>>((acc, a) => {
      acc[key(a)] = (acc[key(a)] ?? 0) + 1;
      return acc;
    }, {});
  const pods = states.reduce<Record<string, number>>((acc, a) => {
    for (const [mesh, n] of Object.entries(a.podsByMesh)) {
      acc[mesh] = (acc[mesh] ?? 0) + (n ?? 0);
    }
    return acc;
  }, {});
  const at = states.length ? states[0].observedAt : null;
  return {
    at,
    requests: at ? 3 : 0,
    clusters: at
      ? [
          {
            name: 'east',
            reachable: true,
            stale: false,
            readAt: at,
            error: null,
            cni: 'calico' as const,
            cniEvidence: 'kube-system/calico-node',
            ztunnel: true,
            ciliumEnvoy: false,
            ciliumMutualAuth: false,
            pods: Object.values(pods).reduce((a, b) => a + b, 0),
            podsByMesh: pods,
          },
        ]
      : [],
    platform: null,
    services: {
      drift: count(a => a.drift),
      mesh: count(a => a.mesh ?? 'unknown'),
      pods,
    },
  };
}

/** The states GET /live/services lists for `query`, by entity ref (before paging). */
export function matchingActualStates(
  states: ActualState[],
  query: ActualStateQuery,
): ActualState[] {
  return states
    .filter(
      a =>
        (!query.drift || a.drift === query.drift) &&
        (!query.mesh || (a.mesh ?? 'unknown') === query.mesh) &&
        (query.stale === undefined || a.stale === query.stale),
    )
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
