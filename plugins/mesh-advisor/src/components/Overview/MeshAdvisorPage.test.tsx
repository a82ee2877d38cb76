import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  decisionFixture,
  FakeMeshAdvisorApi,
  fixtureId,
  summaryFixture,
} from '../../__testUtils__';
import {
  lastListQuery,
  makePageApi,
  manyRows,
  pageEvaluations as evaluations,
} from '../../__testUtils__/meshAdvisorPageSetup';
import { MeshAdvisorPage } from './MeshAdvisorPage';

describe('MeshAdvisorPage', () => {
  it('shows the platform recommendation and links unsatisfied services to their Mesh tab', async () => {
    const api = makePageApi();
    const platform = api.summary.platform!;
    expect(platform.unsatisfied.length).toBeGreaterThan(0);
    await renderWithApis(<MeshAdvisorPage />, { api });

    expect(
      screen.getByRole('heading', { name: 'Mesh Advisor' }),
    ).toBeInTheDocument();
    const pick = await screen.findByTestId('platform-recommendation');
    expect(pick).toHaveTextContent(platform.recommendation!.name);
    expect(pick).toHaveTextContent(
      `${platform.recommendation!.confidence} confidence`,
    );

    const unsatisfied = screen.getByRole('list', {
      name: 'Unsatisfied services',
    });
    const first = platform.unsatisfied[0];
    // named by name, not by ref
    const { name } = first.entityRef.match(/\/(?<name>.+)$/)!.groups!;
    const link = within(unsatisfied).getByRole('link', { name });
    expect(link).toHaveAttribute(
      'href',
      `/catalog/default/component/${name}/mesh`,
    );
    for (const missing of first.missing) {
      expect(
        within(link.closest('li')!).getByText(missing),
      ).toBeInTheDocument();
    }
  });

  it('charts the services per recommended mesh, and a bar filters the table', async () => {
    const api = makePageApi();
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    const linkerdCount = api.summary.byMesh.linkerd;
    expect(linkerdCount).toBeGreaterThan(0);
    await screen.findByText(/^1–50 of 120$/);
    const bar = screen.getByRole('button', {
      name: `Linkerd ${linkerdCount} services`,
    });
    expect(bar).toHaveAttribute('aria-pressed', 'false');
    await user.click(bar);
    expect(bar).toHaveAttribute('aria-pressed', 'true');
    expect(
      screen.getByRole('combobox', { name: 'Recommendation' }),
    ).toHaveValue('linkerd');
    await waitFor(() =>
      expect(lastListQuery(api)).toMatchObject({ mesh: 'linkerd' }),
    );
  });

  it('links each service to its Mesh tab and shows its decision and staleness', async () => {
    const rows = manyRows(3);
    rows[0] = {
      ...rows[0],
      stale: true,
      decision: {
        id: fixtureId(1),
        chosen: 'istio-sidecar',
        status: 'accepted',
      },
    };
    const api = makePageApi(rows);
    await renderWithApis(<MeshAdvisorPage />, { api });
    const link = await screen.findByRole('link', { name: 'svc-0000' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/svc-0000/mesh',
    );
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('accepted');
    expect(row).toHaveTextContent('differs');
    expect(within(row).getByText('stale')).toBeInTheDocument();
  });

  it('shows how to annotate a service when nothing is evaluated yet', async () => {
    const api = new FakeMeshAdvisorApi({ summary: summaryFixture([]) });
    await renderWithApis(<MeshAdvisorPage />, { api });
    expect(
      await screen.findByText('No services evaluated yet'),
    ).toBeInTheDocument();
    expect(screen.getByText(/mesh-advisor.io\/requires/)).toBeInTheDocument();
    expect(api.callsTo('listEvaluations')).toEqual([]);
  });

  it('shows the error when the summary cannot be loaded', async () => {
    const api = makePageApi().failWith(
      'getSummary',
      503,
      'backend starting up',
    );
    await renderWithApis(<MeshAdvisorPage />, { api });
    expect(
      await screen.findByText(
        /backend failed while loading the Mesh Advisor summary \(HTTP 503: backend starting up\)/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.callsTo('getSummary')).toHaveLength(2));
  });

  it('warns when the last sweep failed', async () => {
    const api = makePageApi();
    api.summary = {
      ...api.summary,
      stale: true,
      lastSweep: {
        ...api.summary.lastSweep!,
        outcome: 'failed',
        message: 'catalog unreachable',
      },
    };
    await renderWithApis(<MeshAdvisorPage />, { api });
    expect(await screen.findByText(/Results may be stale/)).toBeInTheDocument();
    expect(screen.getByText(/catalog unreachable/)).toBeInTheDocument();
  });

  it('lists decisions on the Decisions tab, filtered by status', async () => {
    const api = new FakeMeshAdvisorApi({
      evaluations,
      decisions: [
        decisionFixture({
          id: fixtureId(1),
          title: 'Adopt Linkerd for checkout',
        }),
        decisionFixture({
          id: fixtureId(2),
          title: 'Ambient for payments',
          entityRef: 'component:default/payments',
          chosen: 'istio-ambient',
          status: 'accepted',
        }),
      ],
    });
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, {
      api,
      routeEntries: ['/decisions'],
    });
    const table = await screen.findByRole('table', { name: 'Decisions' });
    expect(
      within(table).getByText('Adopt Linkerd for checkout'),
    ).toBeInTheDocument();
    expect(
      within(table).getByRole('link', { name: 'payments' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments/mesh');

    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Decision status' }),
      'accepted',
    );
    await waitFor(() =>
      expect(api.callsTo('listDecisions').slice(-1)[0][0]).toMatchObject({
        status: 'accepted',
      }),
    );
    await waitFor(() =>
      expect(
        screen.queryByText('Adopt Linkerd for checkout'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Ambient for payments')).toBeInTheDocument();
  });
});
