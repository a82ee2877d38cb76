/**
 * Search module for Mesh Advisor: indexes mesh adoption decisions, so
 * Backstage search finds "payments linkerd".
 *
 * @packageDocumentation
 */
export { searchModuleMeshAdvisorDecisions as default } from './module';
export {
  MeshDecisionCollatorFactory,
  MESH_DECISION_DOCUMENT_TYPE,
  toDocument,
} from './MeshDecisionCollatorFactory';
export type {
  MeshDecisionCollatorFactoryOptions,
  MeshDecisionDocument,
} from './MeshDecisionCollatorFactory';
