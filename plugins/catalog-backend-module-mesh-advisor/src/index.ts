/**
 * Catalog module for Mesh Advisor: reports malformed mesh-advisor.io/*
 * annotations as entity validation errors; announces changes to the
 * mesh-relevant inputs of Components on the events service.
 *
 * @packageDocumentation
 */
export { catalogModuleMeshAdvisor as default } from './module';
export { MeshAdvisorAnnotationsProcessor } from './processor';
export { MeshInputsChangePublisher } from './changePublisher';
export type { AnnotationErrorMode } from './processor';
