import { stringifyEntityRef } from '@backstage/catalog-model';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  authEntity,
  checkoutEntity,
  evaluationFixture,
  evaluationsByRef,
  excludedEntity,
  FakeMeshAdvisorApi,
  typoEntity,
  websiteEntity,
} from '../../__testUtils__';
import { openSection } from '../../__testUtils__/meshTabSetup';
import { MeshTab } from './MeshTab';

describe('MeshTab', () => {
  it('shows the recommendation, its confidence, the why and the evaluation age', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const evaluation = api.evaluations['component:default/checkout'];
    const rec = evaluation.recommendation!;
    expect(rec.mesh).toBe('linkerd');

    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });

    expect(
      await screen.findByTestId('recommendation-summary'),
    ).toHaveTextContent(rec.summary);
    expect(
      screen.getByText(`${rec.confidence} confidence`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        new RegExp(`knowledge base ${evaluation.knowledgeBaseVersion}`),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Evaluated/).querySelector('time'),
    ).toHaveAttribute('dateTime', evaluation.evaluatedAt);
    expect(api.callsTo('getEntityEvaluation')).toEqual([
      ['component:default/checkout', { live: false }],
    ]);
  });

  it('puts the cost for this service in the summary, against its latency budget', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const evaluation = api.evaluations[stringifyEntityRef(authEntity)];
    const rec = evaluation.recommendation!;
    const pick = evaluation.ranking.find(c => c.mesh === rec.mesh)!;
    await renderWithApis(<MeshTab />, { api, entity: authEntity });

    const cost = await screen.findByTestId('recommendation-cost');
    expect(cost).toHaveTextContent(`Memory, ${pick.overhead.replicas} replica`);
    expect(cost).toHaveTextContent(
      `${Number(pick.overhead.p99PerHopMs!.toFixed(2))} ms`,
    );
    const verdict = pick.overhead.p99PerHopMs! <= 0.6 ? 'within' : 'over';
    expect(screen.getByTestId('latency-budget')).toHaveTextContent(
      `${verdict} the 0.6 ms budget`,
    );
    expect(
      screen.getByText(/^Confidence is how far the pick leads/),
    ).toBeInTheDocument();
    // the decision in force has its line in the summary
    expect(await screen.findByTestId('summary-decision')).toHaveTextContent(
      'None yet',
    );
  });

  it('shows validation problems with the exact fix and no recommendation', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshTab />, { api, entity: typoEntity });

    expect(
      await screen.findByText(
        /No recommendation until the annotation problems/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /"jwt-auht" is not a known capability — did you mean "jwt-auth"/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('issue-fix')).toHaveTextContent(
      'mesh-advisor.io/requires: "mtls, jwt-auth"',
    );
  });

  it('says when a service opted out, without ranking or what-if', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations: evaluationsByRef([excludedEntity]),
    });
    await renderWithApis(<MeshTab />, { api, entity: excludedEntity });
    expect(
      await screen.findByText(/This service opted out/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Ranking and costs/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^What if/ }),
    ).not.toBeInTheDocument();
    await openSection('Compare meshes');
    expect(
      await screen.findByText('Capability comparison'),
    ).toBeInTheDocument();
  });

  it('warns when the evaluation is stale', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations: {
        'component:default/checkout': evaluationFixture(checkoutEntity, {
          stale: true,
        }),
      },
    });
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    expect(
      await screen.findByText(/This evaluation may be stale/),
    ).toBeInTheDocument();
  });

  it('offers to evaluate a service the sweep has not reached yet', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations: evaluationsByRef(),
      notStored: ['component:default/checkout'],
    });
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Evaluate now' }),
    );
    expect(
      await screen.findByTestId('recommendation-summary'),
    ).toBeInTheDocument();
    expect(screen.getByText(/on request, not stored yet/)).toBeInTheDocument();
    expect(api.callsTo('getEntityEvaluation').map(c => c[1])).toEqual([
      { live: false },
      { live: true },
    ]);
  });

  it('shows the error when the backend fails', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations: evaluationsByRef(),
    }).failWith('getEntityEvaluation', 500, 'database is down');
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    expect(
      (await screen.findAllByText(/database is down/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByTestId('recommendation-summary'),
    ).not.toBeInTheDocument();
  });

  it('explains itself on an entity that is not a service, without calling the backend', async () => {
    const api = new FakeMeshAdvisorApi();
    await renderWithApis(<MeshTab />, { api, entity: websiteEntity });
    expect(
      screen.getByText('Mesh Advisor evaluates services only'),
    ).toBeInTheDocument();
    expect(screen.getByText(/of type website/)).toBeInTheDocument();
    await waitFor(() => expect(api.calls).toEqual([]));
  });
});

describe('MeshTab: actual state (issue 14)', () => {
  it('shows what the service actually runs below the summary, from GET …/actual', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const calls: string[] = [];
    await renderWithApis(<MeshTab />, {
      api,
      entity: checkoutEntity,
      fetchApi: {
        fetch: async (url: RequestInfo | URL) => {
          calls.push(String(url));
          return new Response(
            JSON.stringify({
              entityRef: 'component:default/checkout',
              mesh: 'none',
              pods: 2,
              meshedPods: 0,
              meshedShare: 0,
              podsByMesh: { none: 2 },
              versions: [],
              waypoints: [],
              clusters: ['east'],
              namespaceLabels: [],
              stale: false,
              drift: 'unmeshed-but-required',
              driftReason: 'runs no mesh on any of its 2 pods',
              recommended: 'linkerd',
              decided: null,
              evidence: [],
              observedAt: '2026-11-30T12:00:00.000Z',
            }),
            { status: 200 },
          );
        },
      },
    });
    expect(
      await screen.findByText('Unmeshed but required'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 of 2 pods meshed (0%)')).toBeInTheDocument();
    expect(calls).toEqual([
      'http://backend/api/mesh-advisor/entities/default/component/checkout/actual',
    ]);
  });
});
