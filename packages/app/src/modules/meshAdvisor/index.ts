import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { meshAdvisorScorecardEntityCard } from '@mesh-advisor/plugin-mesh-advisor/alpha';

/**
 * The Mesh Advisor scorecard (its Tech Insights checks, passed or failed) on
 * every service's overview tab, beside the Mesh tab: this app runs the Tech
 * Insights backend with the Mesh Advisor checks (app-config.yaml).
 */
export const meshAdvisorModule = createFrontendModule({
  pluginId: 'mesh-advisor',
  extensions: [meshAdvisorScorecardEntityCard.override({ disabled: false })],
});
