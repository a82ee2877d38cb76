/**
 * Mesh Advisor's isomorphic core: the annotation contract, the sourced
 * knowledge base, the evaluation engine, the permissions and the REST API's
 * request and response types. No Node-only
 * APIs, so the browser runs the same engine for what-if edits.
 *
 * @packageDocumentation
 */
export * from './vocabulary';
export * from './annotations';
export { isService } from './entities';
export { didYouMean } from './didYouMean';
export * from './platform';
export * from './knowledgeBase';
export * from './engine';
export * from './permissions';
export * from './api';
export * from './live';
export * from './catalogChanges';
