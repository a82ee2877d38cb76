/**
 * Catalog module for Mesh Advisor: reports malformed mesh-advisor.io/*
 * annotations as entity validation errors.
 *
 * @packageDocumentation
 */
export { catalogModuleMeshAdvisor as default } from './module';
export { MeshAdvisorAnnotationsProcessor } from './processor';
export type { AnnotationErrorMode } from './processor';
