import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { meshAdvisorApiRef } from '../api/MeshAdvisorApi';
import type { EvaluationListQuery } from '@mesh-advisor/plugin-mesh-advisor-common';
import { useDebouncedValue } from './useDebouncedValue';

/** The overview table's filters and sort, as the user set them. */
export type EvaluationFilters = Omit<EvaluationListQuery, 'limit' | 'cursor'>;

/** How long the search box waits for typing to stop. */
export const SEARCH_DEBOUNCE_MS = 300;

/** The query the server gets: empty filters left out, text trimmed. */
export function effectiveQuery(
  filters: EvaluationFilters,
): EvaluationListQuery {
  const query: EvaluationListQuery = {};
  for (const [key, value] of Object.entries(filters)) {
    const text = typeof value === 'string' ? value.trim() : value;
    if (text !== undefined && text !== '') {
      (query as Record<string, unknown>)[key] = text;
    }
  }
  return query;
}

/**
 * One page of the overview table. Filtering, sorting and paging happen on
 * the server; the search text is debounced. The caller keeps the cursor
 * (in the URL), so Back and shared links land on the same page.
 */
export function useEvaluations(
  filters: EvaluationFilters,
  pageSize: number,
  cursor: string | undefined,
) {
  const api = useApi(meshAdvisorApiRef);
  // Typed filters wait for the typing to stop; choices apply at once.
  const typed = useDebouncedValue(
    JSON.stringify({
      q: filters.q,
      owner: filters.owner,
      system: filters.system,
    }),
    SEARCH_DEBOUNCE_MS,
  );
  const chosen = JSON.stringify({
    ...filters,
    q: undefined,
    owner: undefined,
    system: undefined,
  });
  const query = useMemo(
    () => effectiveQuery({ ...JSON.parse(chosen), ...JSON.parse(typed) }),
    [chosen, typed],
  );
  const queryKey = JSON.stringify(query);
  const state = useAsyncRetry(
    () => api.listEvaluations({ ...query, limit: pageSize, cursor }),
    [api, queryKey, pageSize, cursor],
  );
  return {
    /** the filters the shown page was asked with (search debounced) */
    query,
    pageSize,
    page: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
    hasNext: Boolean(state.value?.nextCursor),
  };
}
