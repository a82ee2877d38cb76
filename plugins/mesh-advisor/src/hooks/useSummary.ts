import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { meshAdvisorApiRef } from '../api/MeshAdvisorApi';

/** GET /summary: counts and the platform-level recommendation. */
export function useSummary() {
  const api = useApi(meshAdvisorApiRef);
  return useAsyncRetry(() => api.getSummary(), [api]);
}
