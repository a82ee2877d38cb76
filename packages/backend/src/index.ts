/*
 * The Backstage backend that hosts Mesh Advisor: catalog, auth (guest),
 * permissions with an owner-only policy for mesh decisions, the
 * mesh-advisor plugin with its catalog module, its actions over MCP, and
 * search with its decisions, Tech Insights facts and checks, and the events
 * backend whose bus carries events between backend instances.
 */
import { createBackend } from '@backstage/backend-defaults';
import { meshAdvisorPermissionPolicyModule } from './permissionPolicy';
import { explainStartupError } from './startupErrors';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for local use
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with Mesh Advisor's annotation validation
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mesh-advisor/plugin-catalog-backend-module-mesh-advisor'));

// permissions: everything allowed, except that mesh decisions may only be
// filed and transitioned by the owners of the entity they are about
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(meshAdvisorPermissionPolicyModule);

backend.add(import('@backstage/plugin-user-settings-backend'));

// events: the bus behind the events service. The catalog module announces
// changed Mesh Advisor inputs on it; on PostgreSQL the bus also delivers
// them to a subscriber that runs in another backend instance (in memory on
// SQLite: one process)
backend.add(import('@backstage/plugin-events-backend'));

backend.add(import('@mesh-advisor/plugin-mesh-advisor-backend'));

// notifications (with signals for live delivery): Mesh Advisor tells
// service owners when a service drifts from its mesh decision
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// AI agents: the actions of the plugins in backend.actions.pluginSources
// (catalog, mesh-advisor) as MCP tools at /api/mcp-actions/v1
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// search (Lunr, in memory), with Mesh Advisor's decisions indexed
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@mesh-advisor/plugin-search-backend-module-mesh-advisor'));

// scorecards: Tech Insights with Mesh Advisor's facts and json-rules-engine checks
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-community/plugin-tech-insights-backend-module-jsonfc'),
);
backend.add(
  import('@mesh-advisor/plugin-tech-insights-backend-module-mesh-advisor'),
);

backend.start().catch(error => {
  const hint = explainStartupError(error);
  // Backstage has already logged the details; end with what to do.
  process.stderr.write(`\n${hint ?? `Backstage failed to start: ${error}`}\n`);
  process.exit(1);
});
