import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { MeshDecisionCollatorFactory } from './MeshDecisionCollatorFactory';

/** Decisions change by hand, a few a day: every ten minutes is fresh enough. */
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 15 },
};

/**
 * Search module that indexes Mesh Advisor's adoption decisions.
 * @public
 */
export const searchModuleMeshAdvisorDecisions = createBackendModule({
  pluginId: 'search',
  moduleId: 'mesh-advisor-decisions',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, discovery, auth, scheduler, indexRegistry }) {
        const key = 'search.collators.meshAdvisorDecisions.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: MeshDecisionCollatorFactory.fromOptions({ discovery, auth }),
        });
      },
    });
  },
});
