import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ActualState,
  EvaluationRow,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import {
  evaluationsByRef,
  FakeMeshAdvisorApi,
  rowFixture,
  serviceEntities,
} from '../../__testUtils__';
import { MeshAdvisorPage } from './MeshAdvisorPage';

const evaluations = evaluationsByRef();
const rows: EvaluationRow[] = serviceEntities.map(e =>
  rowFixture(e, evaluations[stringifyEntityRef(e)]),
);

function actual(
  entityRef: string,
  overrides: Partial<ActualState> = {},
): ActualState {
  return {
    entityRef,
    mesh: 'linkerd',
    pods: 2,
    meshedPods: 2,
    meshedShare: 1,
    podsByMesh: { linkerd: 2 },
    versions: [],
    waypoints: [],
    clusters: ['east'],
    namespaceLabels: [],
    stale: false,
    drift: 'undecided',
    driftReason: 'runs linkerd on all 2 pods; no accepted decision',
    recommended: 'linkerd',
    decided: null,
    evidence: [],
    observedAt: '2026-11-30T12:00:00.000Z',
    ...overrides,
  };
}

const [first, second, third] = rows.map(r => r.entityRef);
const actualStates = [
  actual(first),
  actual(second, {
    mesh: 'none',
    meshedPods: 0,
    meshedShare: 0,
    podsByMesh: { none: 2 },
    drift: 'unmeshed-but-required',
    driftReason: 'runs no mesh on any of its 2 pods, but requires mtls',
  }),
  actual(third, {
    mesh: 'istio-sidecar',
    pods: 4,
    meshedPods: 2,
    meshedShare: 0.5,
    podsByMesh: { 'istio-sidecar': 2, none: 2 },
    drift: 'partially-meshed',
    driftReason: '2 of 4 pods meshed (50%)',
  }),
];

describe('MeshAdvisorPage with live state (issue 14)', () => {
  it('shows the actual mesh and drift state of each row, and the column can be hidden', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations, rows, actualStates });
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    const table = await screen.findByRole('table', { name: 'Services' });
    expect(
      await within(table).findByRole('columnheader', { name: 'Actual mesh' }),
    ).toBeInTheDocument();
    const name = second.split('/')[1];
    const row = (await within(table).findByRole('link', { name })).closest(
      'tr',
    )!;
    await waitFor(() =>
      expect(row.querySelector('[data-drift]')).toHaveAttribute(
        'data-drift',
        'unmeshed-but-required',
      ),
    );
    expect(within(row).getByText('Unmeshed but required')).toBeInTheDocument();
    // one bounded read of /live/services pages, not one per row
    expect(api.callsTo('listActualStates')).toEqual([[{ limit: 500 }]]);

    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(
      screen.getByRole('menuitemcheckbox', { name: 'Actual mesh' }),
    );
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(
        within(table).queryByRole('columnheader', { name: 'Actual mesh' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('summarises coverage by mesh (services and pods) and lists the services in a drift state', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations, rows, actualStates });
    const user = userEvent.setup();
    await renderWithApis(<MeshAdvisorPage />, { api });
    expect(await screen.findByTestId('coverage-summary')).toHaveTextContent(
      '2 of 3 services meshed (67%) · 4 of 8 pods meshed (50%)',
    );
    const coverage = screen.getByRole('table', {
      name: 'Coverage by actual mesh',
    });
    const linkerd = within(coverage).getByRole('row', { name: /^Linkerd / });
    const cells = within(linkerd)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual(['Linkerd', '1', '33%', '2', '25%']);

    const filter = screen.getByRole('group', { name: /^Drift/ });
    await user.click(
      within(filter).getByRole('button', { name: 'Unmeshed but required (1)' }),
    );
    const list = await screen.findByRole('table', {
      name: 'In drift state Unmeshed but required',
    });
    expect(
      within(list).getByRole('link', { name: second.split('/')[1] }),
    ).toBeInTheDocument();
    expect(list).toHaveTextContent('requires mtls');
    expect(api.callsTo('listActualStates')).toContainEqual([
      { drift: 'unmeshed-but-required', limit: 25 },
    ]);
  });

  it('shows neither the column nor the coverage without live state', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations, rows });
    await renderWithApis(<MeshAdvisorPage />, { api });
    const table = await screen.findByRole('table', { name: 'Services' });
    await within(table).findAllByRole('link');
    expect(
      within(table).queryByRole('columnheader', { name: 'Actual mesh' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText('Actual mesh coverage')).not.toBeInTheDocument();
    expect(api.callsTo('listActualStates')).toEqual([]);
  });
});
