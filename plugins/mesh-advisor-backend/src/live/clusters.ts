import type { Config } from '@backstage/config';
import type { LiveCluster } from './kubeApi';

/**
 * Where the clusters come from: anything with `getClusters()` — the shape of
 * `KubernetesClustersSupplier` in `@backstage/plugin-kubernetes-node`.
 * @public
 */
export interface LiveClusterSupplier {
  getClusters(options?: { credentials?: unknown }): Promise<LiveCluster[]>;
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods`, the same config the
 * Kubernetes backend reads. The Kubernetes backend keeps its own supplier
 * private, so the `config` and `localKubectlProxy` locators are read here;
 * other locators (catalog, gke) are reported so the portal can pass a
 * supplier of its own.
 */
export function clustersFromConfig(config: Config): {
  clusters: LiveCluster[];
  unsupported: string[];
} {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: LiveCluster[] = [];
  const unsupported: string[] = [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push({
        name: 'local',
        url: 'http://localhost:8001',
        authMetadata: {},
      });
      continue;
    }
    if (type !== 'config') {
      unsupported.push(type);
      continue;
    }
    for (const c of method.getOptionalConfigArray('clusters') ?? []) {
      const authMetadata: Record<string, string> = {
        'kubernetes.io/auth-provider':
          c.getOptionalString('authProvider') ?? 'serviceAccount',
      };
      const token = c.getOptionalString('serviceAccountToken');
      if (token) authMetadata.serviceAccountToken = token;
      clusters.push({
        name: c.getString('name'),
        title: c.getOptionalString('title'),
        url: c.getString('url'),
        authMetadata,
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
      });
    }
  }
  return { clusters, unsupported };
}
