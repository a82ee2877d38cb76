import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  EvaluationListQuery,
  EvaluationRow,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { FakeMeshAdvisorApi } from './FakeMeshAdvisorApi';
import { evaluationsByRef, rowFixture } from './fixtures';
import { serviceEntities } from './testEntities';

/** The evaluations of the test services, by entity ref (MeshAdvisorPage tests). */
export const pageEvaluations = evaluationsByRef();

/** `count` rows, cycling through the evaluated test services. */
export function manyRows(count: number): EvaluationRow[] {
  return Array.from({ length: count }, (_, i) => {
    const entity = serviceEntities[i % serviceEntities.length];
    const row = rowFixture(entity, pageEvaluations[stringifyEntityRef(entity)]);
    const name = `svc-${String(i).padStart(4, '0')}`;
    return { ...row, name, entityRef: `component:default/${name}` };
  });
}

/** A fake API serving `rows` (120 by default) and the test evaluations. */
export function makePageApi(rows = manyRows(120)) {
  return new FakeMeshAdvisorApi({ evaluations: pageEvaluations, rows });
}

/** Every query the page sent to listEvaluations, in order. */
export const listQueries = (api: FakeMeshAdvisorApi) =>
  api.callsTo('listEvaluations').map(([q]) => q as EvaluationListQuery);

/** The last query the page sent to listEvaluations. */
export const lastListQuery = (api: FakeMeshAdvisorApi) =>
  listQueries(api).slice(-1)[0];
