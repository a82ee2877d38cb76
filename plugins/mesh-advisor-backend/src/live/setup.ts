import type {
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { PlatformContextInput } from '@mesh-advisor/plugin-mesh-advisor-common';
import type express from 'express';
import type { Knex } from 'knex';
import { DatabaseLiveStore } from '../database/DatabaseLiveStore';
import { ReadAccessResolver } from '../service/readAccess';
import { LiveClusterReader } from './clusterReader';
import { clustersFromConfig } from './clusters';
import { createLiveRouter } from './liveRouter';
import { LiveService } from './liveService';
import type { LiveNotifier } from './notifier';

/**
 * Wires the live state: the router always (it answers with empty state when
 * no cluster is configured), the service only when
 * `kubernetes.clusterLocatorMethods` names clusters.
 */
export function setUpLive(deps: {
  config: RootConfigService;
  logger: LoggerService;
  db: Knex;
  catalog: CatalogService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  platform: PlatformContextInput;
  cacheMs: number;
  notifier?: LiveNotifier;
}): { service: LiveService | undefined; router: express.Router } {
  const store = new DatabaseLiveStore(deps.db);
  const router = createLiveRouter({
    httpAuth: deps.httpAuth,
    store,
    catalog: deps.catalog,
    readAccess: new ReadAccessResolver({
      permissions: deps.permissions,
      catalog: deps.catalog,
      cacheMs: deps.cacheMs,
    }),
  });
  const { clusters, unsupported } = clustersFromConfig(deps.config);
  if (unsupported.length) {
    deps.logger.warn(
      `Mesh Advisor live state reads clusters of locator type config and localKubectlProxy; ignoring ${unsupported.join(
        ', ',
      )}`,
    );
  }
  if (!clusters.length) return { service: undefined, router };
  const liveConfig = deps.config.getOptionalConfig('meshAdvisor.live');
  const reader = new LiveClusterReader({
    supplier: { getClusters: async () => clusters },
    logger: deps.logger,
    pageSize: liveConfig?.getOptionalNumber('pageSize'),
    timeoutMs: liveConfig?.getOptionalNumber('timeoutMs'),
  });
  deps.logger.info(
    `Mesh Advisor live state: ${clusters.length} clusters (${clusters
      .map(c => c.name)
      .join(', ')})`,
  );
  return {
    router,
    service: new LiveService({
      reader,
      store,
      catalog: deps.catalog,
      auth: deps.auth,
      logger: deps.logger,
      platform: deps.platform,
      notifier: deps.notifier,
    }),
  };
}
