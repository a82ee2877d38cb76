import { evaluateEntity } from '../engine/evaluate';
import { service } from './testEntities';

/** The platform the evaluate tests assume unless they say otherwise. */
export const basePlatform = {
  cni: 'cilium',
  currentMesh: 'none' as const,
  clusters: 1,
  serviceCount: 40,
};

/** Evaluates a service `svc` with `annotations` on {@link basePlatform} (changed by `options.platform`). */
export const evaluate = (
  annotations: Record<string, string>,
  options: { platform?: object; callChainDepth?: number } = {},
  spec = {},
) =>
  evaluateEntity(service('svc', annotations, spec), {
    platform: { ...basePlatform, ...options.platform },
    callChainDepth: options.callChainDepth,
  });

/** The ranked candidate for `mesh` in an evaluation. */
export const candidate = (r: ReturnType<typeof evaluate>, mesh: string) =>
  r.ranking.find(c => c.mesh === mesh)!;
