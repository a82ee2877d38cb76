import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { DecisionService } from '../service/decisions';
import type { EvaluationService } from '../service/evaluations';

/** What the actions call: the same services the REST routes call. */
export interface MeshAdvisorActionsOptions {
  actionsRegistry: ActionsRegistryService;
  evaluations: EvaluationService;
  decisions: DecisionService;
  catalog: CatalogService;
}
