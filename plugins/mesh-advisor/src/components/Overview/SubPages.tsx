import { Content } from '@backstage/core-components';
import { DecisionsList } from '../Decisions';
import { OverviewContent } from './OverviewContent';

/**
 * The Services sub-page: the platform pick and every service, in the
 * app's page layout (the header and tabs come from the app).
 * @public
 */
export function ServicesOverview() {
  return (
    <Content>
      <OverviewContent />
    </Content>
  );
}

/** The Decisions sub-page: every adoption decision. @public */
export function DecisionsOverview() {
  return (
    <Content>
      <DecisionsList />
    </Content>
  );
}
