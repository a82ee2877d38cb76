/**
 * Mesh Advisor backend plugin: catalog sweep, stored evaluations and
 * adoption decisions, REST API under /api/mesh-advisor.
 *
 * @packageDocumentation
 */
export { meshAdvisorPlugin as default } from './plugin';
