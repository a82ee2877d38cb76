import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import meshAdvisorPlugin, {
  meshAdvisorEntityCard,
  meshAdvisorEntityContent,
  meshAdvisorPage,
} from './alpha';
import { meshAdvisorApiRef } from './api';
import { rootRouteRef } from './routes';
import {
  checkoutEntity,
  evaluationsByRef,
  FakeMeshAdvisorApi,
  websiteEntity,
} from './__testUtils__';

describe('new frontend system plugin', () => {
  it('provides the API, the page the sidebar takes, the entity content and card', () => {
    expect(meshAdvisorPlugin.id).toBe('mesh-advisor');
    for (const id of [
      'api:mesh-advisor',
      'page:mesh-advisor',
      'sub-page:mesh-advisor/services',
      'sub-page:mesh-advisor/decisions',
      'entity-content:mesh-advisor',
      'entity-card:mesh-advisor',
      // opt-in: the actual state (the Mesh tab shows it) and the scorecard
      'entity-card:mesh-advisor/actual-state',
      'entity-card:mesh-advisor/scorecard',
    ] as const) {
      expect(meshAdvisorPlugin.getExtension(id)).toBeDefined();
    }
    expect(meshAdvisorPlugin.routes.root).toBe(rootRouteRef);
  });

  it('mounts the page at /mesh-advisor, titled Mesh Advisor', () => {
    const tester = createExtensionTester(meshAdvisorPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/mesh-advisor');
    expect(tester.get(coreExtensionData.title)).toBe('Mesh Advisor');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
  });

  it('shows the Mesh tab and the card on services only', () => {
    const content = createExtensionTester(meshAdvisorEntityContent);
    expect(content.get(coreExtensionData.routePath)).toBe('/mesh');
    expect(content.get(EntityContentBlueprint.dataRefs.title)).toBe('Mesh');
    const tabFilter = content.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(tabFilter(checkoutEntity)).toBe(true);
    expect(tabFilter(websiteEntity)).toBe(false);

    const card = createExtensionTester(meshAdvisorEntityCard);
    const cardFilter = card.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect(cardFilter(checkoutEntity)).toBe(true);
    expect(cardFilter({ ...checkoutEntity, kind: 'API' })).toBe(false);
  });

  it('renders the page in an app, with a "Mesh Advisor" nav item', async () => {
    const api = new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() });
    renderTestApp({
      features: [meshAdvisorPlugin],
      apis: [[meshAdvisorApiRef, api]],
      initialRouteEntries: ['/mesh-advisor'],
    });
    expect(
      await screen.findByRole('heading', { name: 'Mesh Advisor' }),
    ).toBeInTheDocument();
    // the app's header carries the sub-pages as tabs
    expect(
      await screen.findByRole('tab', { name: 'Services' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Decisions' })).toBeInTheDocument();
    const navItem = screen.getByRole('navigation', { name: /sidebar/i })
      ? within(screen.getByRole('navigation', { name: /sidebar/i })).getByRole(
          'link',
          { name: 'Mesh Advisor' },
        )
      : screen.getAllByRole('link', { name: 'Mesh Advisor' })[0];
    expect(navItem).toHaveAttribute('href', '/mesh-advisor');
    expect(navItem.closest('nav')).not.toBeNull();
    // The overview loaded through the plugin's API extension override.
    expect(
      await screen.findByTestId('platform-recommendation'),
    ).toBeInTheDocument();
  });
});
