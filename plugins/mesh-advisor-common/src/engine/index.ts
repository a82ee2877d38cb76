export { createEvaluator, evaluateEntity } from './evaluate';
export { callChainDepths } from './callChain';
export type { EvaluateOptions } from './evaluate';
export { createFleetAccumulator, recommendForPlatform } from './fleet';
export type {
  FleetCandidate,
  FleetOptions,
  FleetRecommendation,
  PlatformChange,
  UnsatisfiedService,
} from './fleet';
export { ENGINE_VERSION } from './version';
export type * from './types';
