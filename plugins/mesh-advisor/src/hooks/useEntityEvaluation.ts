import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import { meshAdvisorApiRef } from '../api/MeshAdvisorApi';
import type { StoredEvaluation } from '@mesh-advisor/plugin-mesh-advisor-common';
import { statusOf } from '../lib/errors';

/** @public */
export type EntityEvaluationState = {
  evaluation?: StoredEvaluation;
  loading: boolean;
  /** any failure except "not evaluated yet" */
  error?: Error;
  /** the backend has no evaluation of this entity yet (404) */
  notEvaluated: boolean;
  /** evaluates the entity now (`?live=true`) */
  evaluateNow: () => void;
  reload: () => void;
};

/**
 * The stored evaluation of one entity, with an "evaluate now" escape hatch
 * for entities the sweep has not reached yet.
 * @public
 */
export function useEntityEvaluation(entityRef: string): EntityEvaluationState {
  const api = useApi(meshAdvisorApiRef);
  const [live, setLive] = useState(false);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityEvaluation(entityRef, { live }),
    [api, entityRef, live],
  );
  const notEvaluated = !live && statusOf(error) === 404;
  const evaluateNow = useCallback(() => {
    if (live) retry();
    else setLive(true);
  }, [live, retry]);
  return {
    evaluation: value,
    loading,
    error: notEvaluated ? undefined : error,
    notEvaluated,
    evaluateNow,
    reload: retry,
  };
}
