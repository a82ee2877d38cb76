import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { meshAdvisorFactRetriever } from './meshAdvisorFactRetriever';

/**
 * Adds Mesh Advisor's fact retriever to Tech Insights. Like every retriever,
 * it runs once `techInsights.factRetrievers.mesh-advisor.cadence` is set.
 * @public
 */
export const techInsightsModuleMeshAdvisor = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'mesh-advisor',
  register(env) {
    env.registerInit({
      deps: { factRetrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ factRetrievers }) {
        factRetrievers.addFactRetrievers({
          'mesh-advisor': meshAdvisorFactRetriever,
        });
      },
    });
  },
});
