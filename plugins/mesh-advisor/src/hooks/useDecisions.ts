import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { meshAdvisorApiRef } from '../api/MeshAdvisorApi';
import type {
  Decision,
  DecisionStatus,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { useCursorPagination } from './useCursorPagination';

/** How many decisions about one entity the Mesh tab reads. */
const ENTITY_DECISIONS_LIMIT = 100;

/** The decision in force: the newest proposed or accepted one. */
export function decisionInForce(decisions: Decision[]): Decision | undefined {
  return [...decisions]
    .filter(d => d.status === 'proposed' || d.status === 'accepted')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
}

/** Every decision about one entity, newest first, and the one in force. */
export function useEntityDecisions(entityRef: string) {
  const api = useApi(meshAdvisorApiRef);
  const state = useAsyncRetry(
    () => api.listDecisions({ entityRef, limit: ENTITY_DECISIONS_LIMIT }),
    [api, entityRef],
  );
  const decisions = useMemo(() => state.value?.items ?? [], [state.value]);
  return {
    decisions,
    inForce: useMemo(() => decisionInForce(decisions), [decisions]),
    loading: state.loading,
    error: state.error,
    reload: state.retry,
  };
}

/** One decision with its event history; reloads when `refreshKey` changes. */
export function useDecision(id: string | undefined, refreshKey?: unknown) {
  const api = useApi(meshAdvisorApiRef);
  return useAsyncRetry(
    async () => (id ? api.getDecision(id) : undefined),
    [api, id, refreshKey],
  );
}

/** A page of all decisions, optionally of one status. */
export function useDecisionList(status: DecisionStatus | undefined) {
  const api = useApi(meshAdvisorApiRef);
  const pagination = useCursorPagination(status ?? '');
  const { cursor } = pagination;
  const state = useAsyncRetry(
    () => api.listDecisions({ status, cursor, limit: 50 }),
    [api, status, cursor],
  );
  return {
    ...pagination,
    page: state.value,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
    hasNext: Boolean(state.value?.nextCursor),
    next: () => pagination.next(state.value?.nextCursor),
  };
}
