import { screen, within } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import type { FleetRecommendation } from '@mesh-advisor/plugin-mesh-advisor-common';
import {
  evaluationsByRef,
  FakeMeshAdvisorApi,
  summaryFixture,
} from '../../__testUtils__';
import { PlatformRecommendationCard } from './PlatformRecommendationCard';

const fleet = summaryFixture(Object.values(evaluationsByRef())).platform!;

async function renderCard(platform: FleetRecommendation) {
  await renderWithApis(<PlatformRecommendationCard platform={platform} />, {
    api: new FakeMeshAdvisorApi({ evaluations: evaluationsByRef() }),
  });
  return screen.getByRole('table', { name: 'Platform ranking' });
}

describe('PlatformRecommendationCard', () => {
  it("says what the pick covers and why it is not each service's own pick", async () => {
    await renderCard({
      ...fleet,
      explanation:
        'Each service slightly prefers Linkerd; one mesh for all is Istio because two services need jwt-auth.',
    });
    expect(screen.getByText(fleet.recommendation!.summary)).toBeInTheDocument();
    expect(screen.getByTestId('platform-explanation')).toHaveTextContent(
      'one mesh for all is Istio because two services need jwt-auth',
    );
  });

  it('shows no explanation when the services agree', async () => {
    await renderCard({ ...fleet, explanation: null });
    expect(screen.queryByTestId('platform-explanation')).toBeNull();
  });

  it('shows per candidate what it changes, the requirement counts apart and what is already paid', async () => {
    const [first, ...rest] = fleet.ranking;
    const table = await renderCard({
      ...fleet,
      ranking: [
        {
          ...first,
          change: 'mode-change',
          firstChoiceOf: 7,
          requirementsMet: 11,
          requirementsPartial: 3,
          requirementsUnknown: 2,
          requirementsUnmet: 1,
          alreadyPaid: ["Cilium's per-node agent already runs as the CNI."],
        },
        ...rest,
      ],
    });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Mode change');
    expect(row).toHaveTextContent('11 · 3 · 2 · 1');
    expect(row).toHaveTextContent('*');
    expect(
      screen.getByRole('list', { name: 'Costs already paid' }),
    ).toHaveTextContent(
      `${first.name}, not charged again: Cilium's per-node agent already runs as the CNI.`,
    );
  });
});
