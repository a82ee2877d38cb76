import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import jsonRulesEngineModule from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the facts come from the real Mesh Advisor backend
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor-backend';
import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { meshAdvisorChecks } from './checks';
import { MESH_ADVISOR_FACT_RETRIEVER_ID } from './meshAdvisorFactRetriever';
import { techInsightsModuleMeshAdvisor } from './module';

jest.setTimeout(90_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const OWNER = 'user:default/jonas.weber';

/** The example catalog the app ships (data/examples), as entities. */
function exampleEntities(): Entity[] {
  const dir = path.resolve(__dirname, '../../../data/examples');
  const files = [
    'org.yaml',
    'systems.yaml',
    ...fs.readdirSync(path.join(dir, 'components')).map(f => `components/${f}`),
  ];
  return files.flatMap(f =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => {
      const e = d.toJS() as Entity;
      return { ...e, metadata: { namespace: 'default', ...e.metadata } };
    }),
  );
}

/** The ready-made checks as a platform team writes them in app-config. */
// (plain JSON, as config holds it)
const checksConfig = JSON.parse(
  JSON.stringify(
    Object.fromEntries(
      meshAdvisorChecks.map(({ id, ...check }) => [id, check]),
    ),
  ),
);

describe.each(databases.eachSupportedId())(
  'Mesh Advisor facts and checks in Tech Insights on %s',
  databaseId => {
    it('stores the facts of every example service from the stored evaluations, and the checks pass and fail with them', async () => {
      // each plugin its own database, as in production
      const dbs = {
        'mesh-advisor': await databases.init(databaseId),
        'tech-insights': await databases.init(databaseId),
      } as Record<string, Awaited<ReturnType<TestDatabases['init']>>>;
      const database = createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => ({
          getClient: async () => dbs[plugin.getId()],
        }),
      });
      const scheduler = mockServices.scheduler() as any;
      const { server } = await startTestBackend({
        features: [
          meshAdvisorPlugin,
          techInsightsPlugin,
          jsonRulesEngineModule,
          techInsightsModuleMeshAdvisor,
          catalogServiceMock.factory({ entities: exampleEntities() }),
          database,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.rootConfig.factory({
            data: {
              meshAdvisor: {
                platform: { cni: 'cilium', currentMesh: 'none', clusters: 2 },
              },
              techInsights: {
                factRetrievers: {
                  'mesh-advisor': { cadence: '*/15 * * * *' },
                },
                factChecker: { checks: checksConfig },
              },
            },
          }),
        ],
      });
      const api = request(server);
      const as = mockCredentials.user.header(OWNER);
      await scheduler.triggerTask('mesh-advisor-sweep');
      await scheduler.triggerTask(MESH_ADVISOR_FACT_RETRIEVER_ID);

      const evaluations = await api
        .get('/api/mesh-advisor/evaluations?limit=500')
        .set('Authorization', as);
      const services: { entityRef: string }[] = evaluations.body.items;
      expect(services.length).toBeGreaterThan(30);

      const factsOf = async (entityRef: string) => {
        const res = await api
          .get('/api/tech-insights/facts/latest')
          .query({ entity: entityRef, ids: [MESH_ADVISOR_FACT_RETRIEVER_ID] })
          .set('Authorization', as);
        expect(res.status).toBe(200);
        return res.body[MESH_ADVISOR_FACT_RETRIEVER_ID]?.facts;
      };
      const seen = { valid: new Set<boolean>(), met: new Set<boolean>() };
      for (const { entityRef } of services) {
        const [kind, rest] = entityRef.split(':');
        const [namespace, name] = rest.split('/');
        const evaluation = (
          await api
            .get(
              `/api/mesh-advisor/entities/${namespace}/${kind}/${name}/evaluation`,
            )
            .set('Authorization', as)
        ).body;
        const facts = await factsOf(entityRef);
        expect({ entityRef, ...facts }).toEqual({
          entityRef,
          meshAdviceAvailable: evaluation.status !== 'excluded',
          annotationsValid: evaluation.issues.length === 0,
          hardRequirementsMet: evaluation.recommendation !== null,
          decisionRecorded: false,
          recommendedMesh: evaluation.recommendation?.mesh ?? '',
        });
        seen.valid.add(facts.annotationsValid);
        seen.met.add(facts.hardRequirementsMet);
      }
      // the example catalog has both sides of each
      expect(seen.valid).toEqual(new Set([true, false]));
      expect(seen.met).toEqual(new Set([true, false]));

      const run = async (entity: string, checks: string[]) => {
        const res = await api
          .post(`/api/tech-insights/checks/run/${entity}`)
          .set('Authorization', as)
          .send({ checks });
        expect(res.status).toBe(200);
        return Object.fromEntries(
          res.body.map((r: any) => [r.check.id, r.result]),
        );
      };
      expect(
        await run('default/component/payments-api', [
          'meshAnnotationsValid',
          'meshDecisionRecorded',
        ]),
      ).toEqual({ meshAnnotationsValid: true, meshDecisionRecorded: false });
      // a deliberate typo in the example: latency-budget-ms "fast"
      expect(
        await run('default/component/tax-calculator', ['meshAnnotationsValid']),
      ).toEqual({ meshAnnotationsValid: false });

      // an accepted decision turns the decision check green at the next retrieval
      const filed = await api
        .post('/api/mesh-advisor/decisions')
        .set('Authorization', as)
        .send({
          entityRef: 'component:default/payments-api',
          chosen: 'istio-sidecar',
          title: 'payments-api adopts Istio sidecars',
          rationale: 'JWT and Wasm at the proxy.',
        });
      expect(filed.status).toBe(201);
      await scheduler.triggerTask(MESH_ADVISOR_FACT_RETRIEVER_ID);
      expect(
        await run('default/component/payments-api', ['meshDecisionRecorded']),
      ).toEqual({ meshDecisionRecorded: false }); // proposed is not recorded
      expect(
        (
          await api
            .post(`/api/mesh-advisor/decisions/${filed.body.id}/transitions`)
            .set('Authorization', as)
            .send({ action: 'accept', version: 1 })
        ).status,
      ).toBe(200);
      await scheduler.triggerTask(MESH_ADVISOR_FACT_RETRIEVER_ID);
      expect(
        await run('default/component/payments-api', ['meshDecisionRecorded']),
      ).toEqual({ meshDecisionRecorded: true });
    });
  },
);
