import { Header, Page, TabbedLayout } from '@backstage/core-components';
import { DecisionsList } from '../Decisions';
import { OverviewContent } from './OverviewContent';

/**
 * The Mesh Advisor page: the platform overview and every decision.
 * @public
 */
export function MeshAdvisorPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Mesh Advisor"
        subtitle="Which service mesh fits each service, why, at what cost — and what teams decided"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Services">
          <OverviewContent />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/decisions" title="Decisions">
          <DecisionsList />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
