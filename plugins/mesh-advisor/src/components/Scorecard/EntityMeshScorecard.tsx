import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { MeshScorecard, ScorecardCheckResult } from './MeshScorecard';

/** The fact retriever whose facts Mesh Advisor's checks read. */
export const MESH_ADVISOR_FACT_ID = 'mesh-advisor';

/**
 * The Mesh Advisor checks of the Tech Insights backend for the current
 * entity, each passed or failed with its description:
 * `POST /api/tech-insights/checks/run/:namespace/:kind/:name` (the route the
 * Tech Insights frontend's scorecards use), keeping the checks that read
 * Mesh Advisor's facts. Needs `@backstage-community/plugin-tech-insights-backend`
 * with the Mesh Advisor module and checks in app-config (see the README).
 * @public
 */
export function EntityMeshScorecard(props: {
  /** the checks to run; default: every check, keeping those on Mesh Advisor's facts */
  checkIds?: string[];
  title?: string;
}) {
  const { checkIds, title = 'Mesh scorecard' } = props;
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { namespace, kind, name } = getCompoundEntityRef(entity);
  const state = useAsync(async (): Promise<ScorecardCheckResult[]> => {
    const base = await discoveryApi.getBaseUrl('tech-insights');
    const res = await fetchApi.fetch(
      `${base}/checks/run/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind.toLowerCase(),
      )}/${encodeURIComponent(name)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(checkIds ? { checks: checkIds } : {}),
      },
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const results: ScorecardCheckResult[] = await res.json();
    return checkIds
      ? results
      : results.filter(r =>
          (r.check.factIds ?? []).includes(MESH_ADVISOR_FACT_ID),
        );
  }, [namespace, kind, name, checkIds?.join(',')]);

  if (state.loading) return <Progress />;
  if (state.error)
    return <ResponseErrorPanel error={state.error} title={title} />;
  return (
    <InfoCard title={title} titleTypographyProps={{ component: 'h2' }}>
      <MeshScorecard results={state.value ?? []} />
    </InfoCard>
  );
}
