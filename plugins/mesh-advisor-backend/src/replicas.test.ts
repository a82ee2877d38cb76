import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { meshAdvisorPlugin } from './plugin';
import { loadExampleEntities } from './__testUtils__/exampleCatalog';
import { FakeCatalog } from './__testUtils__/fakeCatalog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const FREQUENCY_S = 2;

// PostgreSQL only: skipped when no server is configured (scripts/test starts one).
const describeOnPostgres = databases.eachSupportedId().length
  ? describe
  : describe.skip;

describeOnPostgres('two backend replicas on one PostgreSQL', () => {
  it('sweep once per interval between them, never concurrently', async () => {
    const knex = await databases.init('POSTGRES_15');
    const catalog = new FakeCatalog(loadExampleEntities());
    const replica = () =>
      startTestBackend({
        features: [
          meshAdvisorPlugin,
          // the real scheduler: global tasks are coordinated through the database
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              meshAdvisor: {
                schedule: {
                  frequency: { seconds: FREQUENCY_S },
                  initialDelay: { seconds: 0 },
                },
              },
            },
          }),
          catalog.factory(),
        ],
      });
    const started = Date.now();
    const [a, b] = await Promise.all([replica(), replica()]);
    await new Promise(r => setTimeout(r, 12_000));
    await Promise.all([a.stop(), b.stop()]);
    const elapsed = (Date.now() - started) / 1000;

    const sweeps = await knex('mesh_advisor_sweeps').orderBy('started_at');
    expect(sweeps.length).toBeGreaterThanOrEqual(2);
    // once per interval: no more sweeps than intervals, although two replicas run the task
    expect(sweeps.length).toBeLessThanOrEqual(
      Math.ceil(elapsed / FREQUENCY_S) + 1,
    );
    for (let i = 1; i < sweeps.length; i++) {
      // never two at once …
      expect(Number(sweeps[i].started_at)).toBeGreaterThanOrEqual(
        Number(sweeps[i - 1].finished_at),
      );
      // … and at least (almost) one interval apart
      expect(
        Number(sweeps[i].started_at) - Number(sweeps[i - 1].started_at),
      ).toBeGreaterThanOrEqual(FREQUENCY_S * 1000 * 0.9);
    }
    expect(sweeps.every(s => s.outcome === 'succeeded')).toBe(true);
  });
});
