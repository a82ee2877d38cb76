import { stringifyEntityRef } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  authEntity,
  checkoutEntity,
  evaluationFixture,
  evaluationsByRef,
  excludedEntity,
  FakeMeshAdvisorApi,
  paymentsEntity,
  typoEntity,
  vmEntity,
  websiteEntity,
} from '../../__testUtils__';
import { MeshTab } from './MeshTab';

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a collapsed section of the tab by its heading. */
async function openSection(title: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: new RegExp(`^${title}`) }),
  );
}

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

  it('explains the score part by part, by weight', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const evaluation = api.evaluations['component:default/checkout'];
    const rec = evaluation.recommendation!;
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await userEvent.click(
      await screen.findByRole('button', { name: 'How the score adds up' }),
    );
    const table = screen.getByRole('table', {
      name: `${rec.name} score by part`,
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[0]).toHaveTextContent(/^Hard requirements.* of 35$/);
    expect(rows[rows.length - 1]).toHaveTextContent(
      `Score (rounded)${rec.score}`,
    );
  });

  it('keeps the detail in collapsed sections, rendered only when opened', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await screen.findByTestId('recommendation-summary');
    expect(screen.queryByText('Capability comparison')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Estimated overhead' }),
    ).toBeNull();
    for (const title of ['What if', 'Ranking and costs', 'Compare meshes']) {
      expect(
        screen.getByRole('heading', {
          level: 2,
          name: new RegExp(`^${title}`),
        }),
      ).toBeInTheDocument();
    }
    await openSection('Ranking and costs');
    expect(
      await screen.findByRole('table', { name: 'Estimated overhead' }),
    ).toBeInTheDocument();
    // each "Why" says whose reasons it opens
    expect(
      screen.getAllByRole('button', { name: /^Why: / }).map(b => b.textContent),
    ).toHaveLength(
      api.evaluations['component:default/checkout'].ranking.length,
    );
  });

  it('lists blocked candidates with each blocker and its source link', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const evaluation = api.evaluations[stringifyEntityRef(vmEntity)];
    const ambient = evaluation.ranking.find(c => c.mesh === 'istio-ambient')!;
    expect(ambient.blocked).toBe(true);
    const blocker = ambient.blockers.find(
      b => b.capability === 'vm-workloads',
    )!;

    await renderWithApis(<MeshTab />, { api, entity: vmEntity });
    await openSection('Ranking and costs');

    const row = await screen.findByRole('listitem', {
      name: `${ambient.name} (blocked)`,
    });
    const blockers = within(row).getByRole('list', {
      name: `Blockers of ${ambient.name}`,
    });
    expect(within(blockers).getByText(blocker.message)).toBeInTheDocument();
    const link = within(blockers).getByRole('link', {
      name: new RegExp(escapeRegExp(blocker.sources[0].title)),
    });
    expect(link).toHaveAttribute('href', blocker.sources[0].url);
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

  it('shows overhead side by side, with unknown where no source gives a figure', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await openSection('Ranking and costs');
    const table = await screen.findByRole('table', {
      name: 'Estimated overhead',
    });
    const rows = within(table).getAllByRole('row');
    const evaluation = api.evaluations['component:default/checkout'];
    expect(rows).toHaveLength(evaluation.ranking.length + 1);
    const linkerd = evaluation.ranking.find(c => c.mesh === 'linkerd')!;
    const linkerdRow = within(table).getByText(linkerd.name).closest('tr')!;
    expect(linkerdRow).toHaveTextContent(
      `${Number(linkerd.overhead.p99PerHopMs!.toFixed(2))} ms`,
    );
    // No rps declared: CPU cannot be estimated.
    expect(linkerd.overhead.cpuVcpu).toBeNull();
    expect(within(linkerdRow).getAllByText('unknown').length).toBeGreaterThan(
      0,
    );
  });

  it('suggests the north–south companion for an edge service', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshTab />, { api, entity: paymentsEntity });
    expect(
      await screen.findByText('North–south: Envoy Gateway'),
    ).toBeInTheDocument();
  });

  it('lists what would change the pick', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    const flip =
      api.evaluations['component:default/payments'].whatWouldChange[0];
    await renderWithApis(<MeshTab />, { api, entity: paymentsEntity });
    expect(
      await screen.findByText(`${flip.change} →`, { exact: false }),
    ).toBeInTheDocument();
  });

  it('compares capabilities with the required ones first and highlighted', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await openSection('Compare meshes');
    const table = await screen.findByRole('table', {
      name: 'Capability comparison',
    });
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(
      bodyRows.slice(0, 2).map(r => r.getAttribute('data-capability')),
    ).toEqual(['mtls', 'traffic-split']);
    expect(within(bodyRows[0]).getByText('required')).toBeInTheDocument();
    const kb = api.knowledgeBase;
    const fact = kb.capabilities.mtls.support.cilium!;
    expect(
      within(bodyRows[0]).getByRole('img', {
        name: `${kb.meshes.cilium!.name}: ${fact.level}`,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Practical guidance')).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: `${kb.meshes.none!.name} guidance` }),
    ).toHaveTextContent(kb.meshes.none!.chooseWhen[0]);
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

  it('falls back to the bundled knowledge base when the backend cannot serve it', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations: evaluationsByRef(),
    }).failWith('getKnowledgeBase', 500, 'kb unavailable');
    await renderWithApis(<MeshTab />, { api, entity: checkoutEntity });
    await openSection('Compare meshes');
    expect(
      await screen.findByText(/Could not load the backend's knowledge base/),
    ).toHaveTextContent('showing the bundled copy');
    expect(screen.getByText('Capability comparison')).toBeInTheDocument();
    await openSection('What if');
    expect(await screen.findByTestId('what-if-top')).toBeInTheDocument();
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
