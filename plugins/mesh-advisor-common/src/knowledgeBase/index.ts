export {
  KnowledgeBaseError,
  loadKnowledgeBase,
  mergeKnowledgeBaseData,
  parseKnowledgeBase,
} from './load';
export { knowledgeBaseSchema } from './schema';
export type {
  CapabilityFact,
  Figure,
  KnowledgeBase,
  MaturityLevel,
  MeshFacts,
  Source,
  SupportLevel,
} from './schema';
