/**
 * Tech Insights module for Mesh Advisor: facts per service from the stored
 * evaluations, and ready-made checks for scorecards.
 *
 * @packageDocumentation
 */
export { techInsightsModuleMeshAdvisor as default } from './module';
export {
  meshAdvisorFactRetriever,
  MESH_ADVISOR_FACT_RETRIEVER_ID,
} from './meshAdvisorFactRetriever';
export { meshAdvisorChecks } from './checks';
