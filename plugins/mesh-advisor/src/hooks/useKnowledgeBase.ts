import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/core-plugin-api';
import {
  KnowledgeBase,
  loadKnowledgeBase,
  parseKnowledgeBase,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshAdvisorApiRef, MeshAdvisorApi } from '../api/MeshAdvisorApi';

export type KnowledgeBaseState = {
  knowledgeBase?: KnowledgeBase;
  /** set when the backend's copy could not be used and the bundled one is shown */
  fallbackReason?: string;
};

/** One request per API instance, however many components ask. */
const cache = new WeakMap<MeshAdvisorApi, Promise<KnowledgeBaseState>>();

async function load(api: MeshAdvisorApi): Promise<KnowledgeBaseState> {
  try {
    const data = await api.getKnowledgeBase();
    return { knowledgeBase: parseKnowledgeBase(data, 'backend') };
  } catch (e) {
    // The engine ships a copy; better slightly old facts than none.
    return {
      knowledgeBase: loadKnowledgeBase(),
      fallbackReason: `Could not load the backend's knowledge base (${
        e instanceof Error ? e.message : String(e)
      }); showing the bundled copy.`,
    };
  }
}

/**
 * The knowledge base the backend evaluates with (bundled, plus any override
 * the platform team merged), validated; the bundled copy if that fails.
 */
export function useKnowledgeBase() {
  const api = useApi(meshAdvisorApiRef);
  const state = useAsyncRetry(() => {
    let pending = cache.get(api);
    if (!pending) {
      pending = load(api);
      cache.set(api, pending);
    }
    return pending;
  }, [api]);
  return {
    knowledgeBase: state.value?.knowledgeBase,
    fallbackReason: state.value?.fallbackReason,
    loading: state.loading,
  };
}
