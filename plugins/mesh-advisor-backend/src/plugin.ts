import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  MESH_INPUTS_CHANGED_TOPIC,
  meshAdvisorPermissions,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { registerMeshAdvisorActions } from './actions';
import { AuditedDecisionService } from './audit/AuditedDecisionService';
import { readMeshAdvisorConfig } from './config';
import { DatabaseDecisionStore } from './database/DatabaseDecisionStore';
import { DatabaseEvaluationStore } from './database/DatabaseEvaluationStore';
import { applyDatabaseMigrations } from './database/migrations';
import { ReadCache } from './readCache';
import { createRouter } from './router';
import { EvaluationService } from './service/evaluations';
import { scheduleSweep } from './service/sweepTask';
import { ChangeHandler } from './service/changes';
import { setUpLive } from './live/setup';
import { notificationsNotifier } from './live/notificationsNotifier';

/**
 * Mesh Advisor's backend: sweeps the catalog on a schedule, stores
 * evaluations and decisions, serves `/api/mesh-advisor`.
 * @public
 */
export const meshAdvisorPlugin = createBackendPlugin({
  pluginId: 'mesh-advisor',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        notifications: notificationService,
        auditor: coreServices.auditor,
        actionsRegistry: actionsRegistryServiceRef,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        catalog,
        notifications,
        auditor,
        actionsRegistry,
        events,
      }) {
        const settings = await readMeshAdvisorConfig(config);
        const db = await applyDatabaseMigrations(database);
        // one per replica: read through by the store and the summary, cleared by writes
        const readCache = new ReadCache(settings.cacheMs);
        const store = new DatabaseEvaluationStore(db, readCache);
        const decisionStore = new DatabaseDecisionStore(db);
        const { knowledgeBase, platform } = settings;

        permissionsRegistry.addPermissions(meshAdvisorPermissions);

        const evaluations = new EvaluationService({
          store,
          catalog,
          permissions,
          knowledgeBase,
          platform,
          readCache,
          cacheMs: settings.cacheMs,
        });

        // Live state from the clusters (issue 14): read before each sweep, so the
        // sweep evaluates against the derived platform; recorded after it.
        const live = setUpLive({
          config,
          logger,
          db,
          catalog,
          auth,
          httpAuth,
          permissions,
          platform,
          cacheMs: settings.cacheMs,
          notifier: notificationsNotifier(notifications),
        });

        await scheduleSweep({
          scheduler,
          schedule: settings.schedule,
          catalog,
          auth,
          store,
          logger,
          knowledgeBase,
          platform,
          live: live.service,
          readCache,
        });

        // Catalog changes announced by the catalog module: re-evaluated within
        // seconds, by one replica; the sweep above reconciles what they miss.
        const changes = new ChangeHandler({
          catalog,
          auth,
          store,
          logger,
          knowledgeBase,
          platform,
        });
        await events.subscribe({
          id: 'mesh-advisor-reevaluate',
          topics: [MESH_INPUTS_CHANGED_TOPIC],
          onEvent: params => changes.accept(params.eventPayload),
        });

        // one instance for the REST routes and the actions: both audited alike
        const decisions = new AuditedDecisionService({
          store: decisionStore,
          evaluations: store,
          readCache,
          catalog,
          permissions,
          auth,
          knowledgeBase,
          mayReadAll: credentials => evaluations.mayReadAll(credentials),
          auditor,
        });
        httpRouter.use(live.router);
        httpRouter.use(
          await createRouter({
            httpAuth,
            logger,
            knowledgeBase,
            evaluations,
            decisions,
          }),
        );
        registerMeshAdvisorActions({
          actionsRegistry,
          evaluations,
          decisions,
          catalog,
        });
        logger.info(
          `Mesh Advisor ready: knowledge base ${knowledgeBase.version} (${settings.knowledgeBaseSource})`,
        );
      },
    });
  },
});
