import { registerFileMeshDecisionAction } from './fileMeshDecisionAction';
import { registerGetMeshAdviceAction } from './getMeshAdviceAction';
import { registerListUnsatisfiedServicesAction } from './listUnsatisfiedServicesAction';
import { registerPlatformRecommendationAction } from './platformRecommendationAction';
import type { MeshAdvisorActionsOptions } from './types';
import { registerWhatIfMeshAdviceAction } from './whatIfMeshAdviceAction';

export type { MeshAdvisorActionsOptions } from './types';

/**
 * Mesh Advisor's actions in Backstage's actions registry (for MCP clients,
 * the scaffolder and other plugins), each calling the service the matching
 * REST route calls, with the caller's credentials.
 */
export function registerMeshAdvisorActions(options: MeshAdvisorActionsOptions) {
  registerGetMeshAdviceAction(options);
  registerWhatIfMeshAdviceAction(options);
  registerListUnsatisfiedServicesAction(options);
  registerPlatformRecommendationAction(options);
  registerFileMeshDecisionAction(options);
}
