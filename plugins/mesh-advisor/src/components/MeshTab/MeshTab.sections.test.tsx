import { stringifyEntityRef } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  checkoutEntity,
  evaluationsByRef,
  FakeMeshAdvisorApi,
  paymentsEntity,
  vmEntity,
} from '../../__testUtils__';
import { openSection } from '../../__testUtils__/meshTabSetup';
import { MeshTab } from './MeshTab';

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('MeshTab: detail sections', () => {
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
});
