import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ClusterState } from '@mesh-advisor/plugin-mesh-advisor-common';
import {
  buildSnapshot,
  ClusterSnapshot,
  clusterState,
} from './clusterSnapshot';
import type { LiveClusterSupplier } from './clusters';
import { KubeApiError, listAll, LiveCluster, RequestStats } from './kubeApi';
import type { DaemonSetLike, NamespaceLike, PodLike } from './kubeObjects';
import type { ClusterView } from './serviceActual';

/** The outcome of one pass over every cluster. */
export type ReadPass = {
  views: ClusterView[];
  states: ClusterState[];
  requests: number;
};

/**
 * Reads every cluster once per pass: three paginated lists (pods, namespaces,
 * DaemonSets) whatever the number of services. A cluster that fails keeps its
 * last snapshot, reported stale with the reason; the clusters are read in
 * parallel so one slow cluster does not delay the others.
 */
export class LiveClusterReader {
  private readonly last = new Map<string, ClusterSnapshot>();

  constructor(
    private readonly options: {
      supplier: LiveClusterSupplier;
      logger: LoggerService;
      pageSize?: number;
      timeoutMs?: number;
    },
  ) {}

  async read(now: Date = new Date()): Promise<ReadPass> {
    const clusters = await this.options.supplier.getClusters();
    const stats: RequestStats = { requests: 0 };
    const results = await Promise.all(
      clusters.map(cluster => this.readOne(cluster, stats, now)),
    );
    return {
      views: results.map(r => r.view),
      states: results.map(r => r.state),
      requests: stats.requests,
    };
  }

  private async readOne(
    cluster: LiveCluster,
    stats: RequestStats,
    now: Date,
  ): Promise<{ view: ClusterView; state: ClusterState }> {
    const opts = {
      pageSize: this.options.pageSize ?? 500,
      timeoutMs: this.options.timeoutMs ?? 15_000,
      stats,
    };
    try {
      const [pods, namespaces, daemonSets] = await Promise.all([
        listAll<PodLike>(cluster, '/api/v1/pods', opts),
        listAll<NamespaceLike>(cluster, '/api/v1/namespaces', opts),
        listAll<DaemonSetLike>(cluster, '/apis/apps/v1/daemonsets', opts),
      ]);
      const snapshot = buildSnapshot(
        cluster.name,
        { pods, namespaces, daemonSets },
        now,
      );
      this.last.set(cluster.name, snapshot);
      return {
        view: { snapshot, fresh: true },
        state: clusterState(snapshot, cluster.name, null),
      };
    } catch (e) {
      const reason = e instanceof KubeApiError ? e.message : 'read failed';
      this.options.logger.warn(
        `Mesh Advisor: cluster ${cluster.name} could not be read (${reason}); its last known state is kept and marked stale`,
      );
      const snapshot = this.last.get(cluster.name);
      return {
        view: { snapshot, fresh: false },
        state: clusterState(snapshot, cluster.name, reason),
      };
    }
  }
}
