import { stringifyEntityRef } from '@backstage/catalog-model';
import { loadOpenApiValidator } from './openApiValidator';
import { FakeMeshAdvisorApi } from './FakeMeshAdvisorApi';
import {
  decisionFixture,
  evaluationFixture,
  evaluationsByRef,
  fixtureId,
  rowFixture,
} from './fixtures';
import { errorBody } from './responseError';
import {
  checkoutEntity,
  excludedEntity,
  paymentsEntity,
  serviceEntities,
} from './testEntities';

/**
 * The fake's answers are only worth testing against if the backend could
 * give them: every fixture response is validated against the response
 * schema of its operation in the backend's OpenAPI document.
 */
describe('fixtures match the OpenAPI document', () => {
  const openApi = loadOpenApiValidator();
  const entities = [...serviceEntities, excludedEntity];
  const evaluations = evaluationsByRef(entities);
  const accepted = decisionFixture({
    id: fixtureId(2),
    status: 'accepted',
    version: 2,
    createdAt: '2026-11-10T09:00:00.000Z',
  });
  const proposed = decisionFixture({ id: fixtureId(3) });
  const makeApi = () =>
    new FakeMeshAdvisorApi({
      evaluations,
      rows: serviceEntities.map(e =>
        rowFixture(
          e,
          evaluations[stringifyEntityRef(e)],
          e === checkoutEntity
            ? { id: accepted.id, chosen: 'linkerd', status: 'accepted' }
            : null,
        ),
      ),
      decisions: [accepted, proposed],
    });

  it('documents every operation the client calls', () => {
    expect(openApi.operationIds).toEqual(
      expect.arrayContaining([
        'GetEntityEvaluation',
        'ListEvaluations',
        'GetSummary',
        'Evaluate',
        'GetKnowledgeBase',
        'CreateDecision',
        'ListDecisions',
        'GetDecision',
        'TransitionDecision',
        'GetDecisionAdr',
      ]),
    );
  });

  it.each(entities.map(e => [stringifyEntityRef(e)]))(
    'GetEntityEvaluation 200: %s (stored and live)',
    async ref => {
      const api = makeApi();
      const stored = await api.getEntityEvaluation(ref);
      const live = await api.getEntityEvaluation(ref, { live: true });
      expect(
        openApi.validateResponse('GetEntityEvaluation', 200, stored),
      ).toEqual([]);
      expect(
        openApi.validateResponse('GetEntityEvaluation', 200, live),
      ).toEqual([]);
    },
  );

  it('ListEvaluations 200, with and without filters and cursor', async () => {
    const api = makeApi();
    const first = await api.listEvaluations({ limit: 2 });
    expect(first.nextCursor).toBeTruthy();
    const second = await api.listEvaluations({
      limit: 2,
      cursor: first.nextCursor!,
    });
    const filtered = await api.listEvaluations({ owner: 'team-b', q: 'pay' });
    expect(filtered.items.map(r => r.name)).toEqual(['payments']);
    for (const page of [first, second, filtered]) {
      expect(openApi.validateResponse('ListEvaluations', 200, page)).toEqual(
        [],
      );
    }
  });

  it('GetSummary 200', async () => {
    const summary = await makeApi().getSummary();
    expect(summary.platform?.recommendation).not.toBeNull();
    expect(openApi.validateResponse('GetSummary', 200, summary)).toEqual([]);
  });

  it('GetKnowledgeBase 200', async () => {
    const kb = await makeApi().getKnowledgeBase();
    expect(openApi.validateResponse('GetKnowledgeBase', 200, kb)).toEqual([]);
  });

  it('Evaluate: request body and 200', async () => {
    const request = { entity: paymentsEntity, callChainDepth: 3 };
    expect(openApi.validateRequestBody('Evaluate', request)).toEqual([]);
    const result = await makeApi().evaluate(request);
    expect(openApi.validateResponse('Evaluate', 200, result)).toEqual([]);
  });

  it('ListDecisions, GetDecision, CreateDecision, TransitionDecision', async () => {
    const api = makeApi();
    const list = await api.listDecisions({
      entityRef: 'component:default/checkout',
    });
    expect(list.items).toHaveLength(2);
    expect(openApi.validateResponse('ListDecisions', 200, list)).toEqual([]);

    const body = {
      entityRef: 'component:default/checkout',
      chosen: 'istio-ambient' as const,
      title: 'Move checkout to ambient',
      rationale: 'Needs JWT now.',
      alternatives: ['linkerd' as const],
    };
    expect(openApi.validateRequestBody('CreateDecision', body)).toEqual([]);
    const created = await api.createDecision(body);
    expect(openApi.validateResponse('CreateDecision', 201, created)).toEqual(
      [],
    );

    // the accepted decision is superseded by the new one, which is then accepted
    const supersede = {
      action: 'supersede' as const,
      version: accepted.version,
      supersededBy: created.id,
    };
    expect(
      openApi.validateRequestBody('TransitionDecision', supersede),
    ).toEqual([]);
    await api.transitionDecision(accepted.id, supersede);

    const transition = { action: 'accept' as const, version: created.version };
    expect(
      openApi.validateRequestBody('TransitionDecision', transition),
    ).toEqual([]);
    const after = await api.transitionDecision(created.id, transition);
    expect(openApi.validateResponse('TransitionDecision', 200, after)).toEqual(
      [],
    );

    const withEvents = await api.getDecision(accepted.id);
    expect(withEvents.events.map(e => e.type)).toEqual([
      'created',
      'superseded',
    ]);
    expect(openApi.validateResponse('GetDecision', 200, withEvents)).toEqual(
      [],
    );
  });

  it('error bodies use the documented error shape', () => {
    expect(
      openApi.validateResponse(
        'GetEntityEvaluation',
        404,
        errorBody(404, 'NotFoundError', 'x'),
      ),
    ).toEqual([]);
    expect(
      openApi.validateResponse(
        'TransitionDecision',
        409,
        errorBody(409, 'ConflictError', 'x'),
      ),
    ).toEqual([]);
  });

  it('rejects what the backend would not send (the check can fail)', () => {
    const broken = evaluationFixture(checkoutEntity) as any;
    broken.recommendation.mesh = 'consul';
    delete broken.ranking[0].overhead.memoryMiB;
    const errors = openApi.validateResponse('GetEntityEvaluation', 200, broken);
    expect(errors.join('\n')).toMatch(/recommendation\/mesh/);
    expect(errors.join('\n')).toMatch(/memoryMiB/);
    expect(
      openApi.validateRequestBody('TransitionDecision', { action: 'accept' }),
    ).not.toEqual([]);
  });
});
