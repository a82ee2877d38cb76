import { screen, within } from '@testing-library/react';
import { renderWithApis } from '../../__testUtils__/renderWithApis';
import { checkoutEntity, FakeMeshAdvisorApi } from '../../__testUtils__';
import { EntityMeshScorecard } from './EntityMeshScorecard';
import type { ScorecardCheckResult } from './MeshScorecard';

const check = (
  id: string,
  name: string,
  description: string,
  result: boolean,
  factIds = ['mesh-advisor'],
): ScorecardCheckResult => ({
  check: { id, type: 'json-rules-engine', name, description, factIds },
  facts: {},
  result,
});

// As POST /api/tech-insights/checks/run/… answers with the app's three checks
// (and another plugin's check, which the card leaves out).
const results = [
  check(
    'meshAnnotationsValid',
    'Mesh annotations valid',
    'Every mesh-advisor.io/* annotation of the service is well-formed',
    true,
  ),
  check(
    'meshDecisionRecorded',
    'Mesh decision recorded',
    'An accepted mesh adoption decision is in force for the service',
    false,
  ),
  check(
    'meshHardRequirementsMet',
    'Mesh requirements met',
    "The recommended mesh meets every one of the service's hard requirements",
    true,
  ),
  check('hasReadme', 'Has a README', 'Not ours', false, ['docs']),
];

function fetchReturning(body: unknown, status = 200) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  return {
    calls,
    fetchApi: {
      fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
        calls.push({ url: String(url), init });
        return new Response(JSON.stringify(body), { status });
      },
    },
  };
}

describe('EntityMeshScorecard', () => {
  it("runs the entity's checks on the Tech Insights backend and shows each passed or failed with its description", async () => {
    const { calls, fetchApi } = fetchReturning(results);
    await renderWithApis(<EntityMeshScorecard />, {
      api: new FakeMeshAdvisorApi({}),
      entity: checkoutEntity,
      fetchApi,
    });
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent(
      '2 of 3 checks passed',
    );
    const list = screen.getByRole('list', { name: 'Mesh Advisor checks' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Mesh annotations valid — passedEvery mesh-advisor.io/* annotation of the service is well-formed',
      'Mesh decision recorded — failedAn accepted mesh adoption decision is in force for the service',
      "Mesh requirements met — passedThe recommended mesh meets every one of the service's hard requirements",
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(
      'http://backend/api/tech-insights/checks/run/default/component/checkout',
    );
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({});
  });

  it('runs only the checks asked for', async () => {
    const { calls, fetchApi } = fetchReturning([results[1]]);
    await renderWithApis(
      <EntityMeshScorecard checkIds={['meshDecisionRecorded']} />,
      { api: new FakeMeshAdvisorApi({}), entity: checkoutEntity, fetchApi },
    );
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent(
      '0 of 1 checks passed',
    );
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      checks: ['meshDecisionRecorded'],
    });
  });

  it('says where results come from when there are none yet, and shows errors', async () => {
    const empty = fetchReturning([]);
    const { unmount } = await renderWithApis(<EntityMeshScorecard />, {
      api: new FakeMeshAdvisorApi({}),
      entity: checkoutEntity,
      fetchApi: empty.fetchApi,
    });
    expect(
      await screen.findByText(/No Mesh Advisor check has a result/),
    ).toBeInTheDocument();
    unmount();

    const failing = fetchReturning(
      { error: { name: 'NotAllowedError', message: 'Unauthorized' } },
      403,
    );
    await renderWithApis(<EntityMeshScorecard />, {
      api: new FakeMeshAdvisorApi({}),
      entity: checkoutEntity,
      fetchApi: failing.fetchApi,
    });
    expect((await screen.findAllByText(/Unauthorized/)).length).toBeGreaterThan(
      0,
    );
  });
});
