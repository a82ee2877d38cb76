import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { as, CONFIG, OUTSIDER } from './__testUtils__/decisionHarness';
import { meshAdvisorPlugin } from './plugin';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * What the root README's Security section says about the sweep's trigger:
 * Backstage's scheduler serves it on the plugin's router with no
 * permission of its own. Fails when a Backstage upgrade changes that, so
 * the README gets revisited.
 */
it("Backstage's scheduler lets any signed-in user trigger the sweep", async () => {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      meshAdvisorPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: CONFIG }),
      schedulerServiceFactory,
      new FakeCatalog(loadExampleEntities()).factory(),
    ],
  });
  const api = request(server);
  const tasks = await api
    .get('/api/mesh-advisor/.backstage/scheduler/v1/tasks')
    .set('Authorization', as(OUTSIDER));
  expect(tasks.body.tasks.map((t: { taskId: string }) => t.taskId)).toContain(
    'mesh-advisor-sweep',
  );
  const trigger = await api
    .post(
      '/api/mesh-advisor/.backstage/scheduler/v1/tasks/mesh-advisor-sweep/trigger',
    )
    .set('Authorization', as(OUTSIDER));
  expect(trigger.status).toBe(200);
});
