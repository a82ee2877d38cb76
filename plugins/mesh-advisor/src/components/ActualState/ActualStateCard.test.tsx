import type { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ActualState } from '@mesh-advisor/plugin-mesh-advisor-common';
import { screen, within } from '@testing-library/react';
import { ActualStateCard } from './ActualStateCard';
import { EntityActualStateCard } from './EntityActualStateCard';

// As GET /entities/default/component/checkout/actual answers for the test
// suite's `east` cluster (Istio's injector sample, decided Linkerd).
const drifted: ActualState = {
  entityRef: 'component:default/checkout',
  mesh: 'istio-sidecar',
  pods: 4,
  meshedPods: 3,
  meshedShare: 0.75,
  podsByMesh: { 'istio-sidecar': 3, none: 1 },
  versions: ['istio-sidecar 1.26.4'],
  waypoints: [],
  clusters: ['east'],
  namespaceLabels: ['checkout: istio-injection=enabled'],
  stale: false,
  drift: 'drift',
  driftReason: 'decided linkerd, runs istio-sidecar',
  recommended: 'linkerd',
  decided: 'linkerd',
  evidence: [
    {
      cluster: 'east',
      namespace: 'checkout',
      name: 'hellopod',
      mesh: 'istio-sidecar',
      version: '1.26.4',
      waypoint: null,
      evidence: [
        {
          rule: 'istio-sidecar-container',
          detail:
            'container istio-proxy (registry.istio.io/testing/proxyv2:1.26.4)',
        },
      ],
    },
  ],
  observedAt: '2026-11-30T12:00:00.000Z',
};

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

function withApis(fetch: (url: string) => Promise<Response>) {
  const calls: string[] = [];
  const apis = [
    [
      discoveryApiRef,
      { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
    ],
    [
      fetchApiRef,
      {
        fetch: (url: string) => {
          calls.push(url);
          return fetch(url);
        },
      },
    ],
  ] as const;
  return { apis, calls };
}

describe('ActualStateCard', () => {
  it('shows actual beside recommended and decided, the drift state, and the evidence', async () => {
    await renderInTestApp(<ActualStateCard actual={drifted} />);
    expect(screen.getByText('Drift')).toBeInTheDocument();
    expect(
      screen.getByText('decided linkerd, runs istio-sidecar'),
    ).toBeInTheDocument();
    const recommended = screen.getByRole('heading', { name: 'Recommended' })
      .parentElement!;
    expect(within(recommended).getByText('Linkerd')).toBeInTheDocument();
    const actual = screen.getByRole('heading', { name: 'Actual' })
      .parentElement!;
    expect(within(actual).getByText('Istio sidecar')).toBeInTheDocument();
    expect(
      within(actual).getByText('3 of 4 pods meshed (75%)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Proxy versions: istio-sidecar 1.26.4'),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Pods and the evidence for their mesh',
    });
    expect(
      within(table).getByText('istio-sidecar-container'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('east · checkout/hellopod'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Stale')).not.toBeInTheDocument();
  });

  it('marks a last known state from unreachable clusters as stale, and says when nothing is decided', async () => {
    await renderInTestApp(
      <ActualStateCard
        actual={{
          ...drifted,
          stale: true,
          decided: null,
          drift: 'undecided',
          driftReason: 'runs istio-sidecar on all 4 pods',
        }}
      />,
    );
    expect(screen.getByText('Stale')).toBeInTheDocument();
    expect(screen.getByText('No decision')).toBeInTheDocument();
    expect(screen.getByText('no accepted decision')).toBeInTheDocument();
  });
});

describe('EntityActualStateCard', () => {
  it("reads the entity's actual state from the backend", async () => {
    const { apis, calls } = withApis(
      async () => new Response(JSON.stringify(drifted), { status: 200 }),
    );
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <EntityProvider entity={entity}>
          <EntityActualStateCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Drift')).toBeInTheDocument();
    expect(calls).toEqual([
      'http://backend/api/mesh-advisor/entities/default/component/checkout/actual',
    ]);
  });

  it('explains where live state comes from when there is none yet (404)', async () => {
    const { apis } = withApis(async () => new Response('{}', { status: 404 }));
    await renderInTestApp(
      <TestApiProvider apis={apis as any}>
        <EntityProvider entity={entity}>
          <EntityActualStateCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/No live state for this service yet/),
    ).toBeInTheDocument();
  });
});
