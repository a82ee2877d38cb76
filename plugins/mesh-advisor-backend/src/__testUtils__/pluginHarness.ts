import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { meshAdvisorPlugin } from '../plugin';
import { CONFIG } from './decisionHarness';
import { loadExampleEntities } from './exampleCatalog';
import { FakeCatalog } from './fakeCatalog';

/**
 * Starts the plugin on one of `databases`, with a fake catalog (the example
 * catalog unless given) and no permission policy; `meshAdvisor` overrides
 * parts of the plugin's configuration. The sweep runs at start.
 */
export function pluginBackendStarter(databases: TestDatabases) {
  return async function start(
    databaseId: Parameters<typeof databases.init>[0],
    catalog = new FakeCatalog(loadExampleEntities()),
    meshAdvisor: object = {},
  ) {
    const knex = await databases.init(databaseId);
    const scheduler = mockServices.scheduler() as any;
    const backend = await startTestBackend({
      features: [
        meshAdvisorPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { meshAdvisor: { ...CONFIG.meshAdvisor, ...meshAdvisor } },
        }),
        scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
        catalog.factory(),
      ],
    });
    const sweep = () => scheduler.triggerTask('mesh-advisor-sweep');
    return { backend, catalog, knex, sweep, api: request(backend.server) };
  };
}
