import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import type { ActualState } from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshAdvisorApiRef, MeshAdvisorApi } from '../api/MeshAdvisorApi';

/**
 * The most actual states the overview reads to join with its rows: the
 * evaluation rows do not carry the actual mesh, and GET /live/services has
 * no filter by entity ref, so the join reads its pages (500 each) — at most
 * this many services, i.e. 10 requests, once per visit.
 */
export const LIVE_JOIN_MAX = 5000;
const LIVE_PAGE_SIZE = 500;

/** GET /live/clusters: the last live pass, with counts; null-at when none. */
export function useLiveClusters() {
  const api = useApi(meshAdvisorApiRef);
  return useAsyncRetry(() => api.getLiveClusters(), [api]);
}

/** Every actual state the caller may read, page by page, up to `max`. */
export async function fetchActualStates(
  api: MeshAdvisorApi,
  max = LIVE_JOIN_MAX,
): Promise<{ byRef: Map<string, ActualState>; truncated: boolean }> {
  const byRef = new Map<string, ActualState>();
  let cursor: string | undefined;
  for (;;) {
    const page = await api.listActualStates({
      limit: Math.min(LIVE_PAGE_SIZE, max - byRef.size),
      cursor,
    });
    for (const a of page.items) byRef.set(a.entityRef, a);
    if (!page.nextCursor || page.items.length === 0) {
      return { byRef, truncated: false };
    }
    if (byRef.size >= max) return { byRef, truncated: true };
    cursor = page.nextCursor;
  }
}

/** The actual states by entity ref, read only when `enabled`. */
export function useActualStateIndex(enabled: boolean) {
  const api = useApi(meshAdvisorApiRef);
  return useAsync(
    async () => (enabled ? fetchActualStates(api) : undefined),
    [api, enabled],
  );
}
