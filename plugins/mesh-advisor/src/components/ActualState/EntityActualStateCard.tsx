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
import Typography from '@material-ui/core/Typography';
import type { ActualState } from '@mesh-advisor/plugin-mesh-advisor-common';
import useAsync from 'react-use/esm/useAsync';
import { ActualStateCard } from './ActualStateCard';

/**
 * The current entity's actual mesh state, read from
 * `GET /api/mesh-advisor/entities/:namespace/:kind/:name/actual` (self-contained:
 * it needs only the app's discovery and fetch APIs). For the Mesh tab, beside
 * the recommendation and decisions.
 * @public
 */
export function EntityActualStateCard() {
  const { entity } = useEntity();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { namespace, kind, name } = getCompoundEntityRef(entity);
  const state = useAsync(async (): Promise<ActualState | null> => {
    const base = await discoveryApi.getBaseUrl('mesh-advisor');
    const res = await fetchApi.fetch(
      `${base}/entities/${encodeURIComponent(namespace)}/${encodeURIComponent(
        kind.toLowerCase(),
      )}/${encodeURIComponent(name)}/actual`,
    );
    if (res.status === 404) return null;
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }, [namespace, kind, name]);

  if (state.loading) return <Progress />;
  if (state.error)
    return <ResponseErrorPanel error={state.error} title="Actual mesh" />;
  if (!state.value) {
    return (
      <InfoCard title="Actual mesh" titleTypographyProps={{ component: 'h3' }}>
        <Typography variant="body2">
          No live state for this service yet: Mesh Advisor reads the clusters
          configured for the Kubernetes plugin
          (kubernetes.clusterLocatorMethods) on each sweep, and finds a
          service's pods by its backstage.io/kubernetes-id or
          kubernetes-label-selector annotation.
        </Typography>
      </InfoCard>
    );
  }
  return <ActualStateCard actual={state.value} />;
}
