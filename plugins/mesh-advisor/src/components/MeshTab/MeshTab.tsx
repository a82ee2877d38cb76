import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isMeshAdvisorAvailable } from '../../isMeshAdvisorAvailable';
import { useEntityEvaluation } from '../../hooks/useEntityEvaluation';
import { NotAServicePanel } from '../shared';
import { MeshTabContent } from './MeshTabContent';
import { NotEvaluatedPanel } from './NotEvaluatedPanel';

function ServiceMeshTab(props: { entity: Entity }) {
  const { entity } = props;
  const state = useEntityEvaluation(stringifyEntityRef(entity));
  if (state.notEvaluated) {
    return <NotEvaluatedPanel onEvaluateNow={state.evaluateNow} />;
  }
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (!state.evaluation) return <Progress />;
  return (
    <MeshTabContent
      entity={entity}
      evaluation={state.evaluation}
      onEvaluateNow={state.evaluateNow}
    />
  );
}

/**
 * The Mesh tab of a service's entity page: the recommendation, why, at what
 * cost, what would change it, a what-if editor and the adoption decision.
 * @public
 */
export function MeshTab() {
  const { entity } = useEntity();
  if (!isMeshAdvisorAvailable(entity)) {
    return <NotAServicePanel entity={entity} />;
  }
  return <ServiceMeshTab entity={entity} />;
}
