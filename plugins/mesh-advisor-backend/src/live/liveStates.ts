import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ActualState } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { LiveInput, PreviousState } from '../database/DatabaseLiveStore';
import type { ReadPass } from './clusterReader';
import { decisionAtRisk } from './drift';
import { serviceActual } from './serviceActual';
import { workloadSelector } from './workloadSelector';

/**
 * The catalog fields the live pass reads: the ref, whether it is a service,
 * and the annotations that select its pods.
 */
export const LIVE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.type',
];

/** A service's actual state, with what its transitions are judged on. */
export type JudgedState = ActualState & {
  decisionAtRisk: boolean;
  decisionId: string | null;
  atRiskReason: string | null;
};

/**
 * The actual states of one page of services: their pods in the clusters
 * joined with their stored advice and accepted decision (`inputs`, by
 * lower-case ref). `previous` (by lower-case ref) keeps a service's last
 * known state when the clusters that ran its pods could not be read.
 */
export function judgeServices(
  services: Entity[],
  read: Pick<ReadPass, 'views' | 'states'> & { at: Date },
  inputs: ReadonlyMap<string, LiveInput>,
  previous: ReadonlyMap<string, PreviousState>,
): JudgedState[] {
  const unreachable = read.states.some(s => !s.reachable);
  return services.map(entity => {
    const entityRef = stringifyEntityRef(entity);
    const key = entityRef.toLowerCase();
    const input = inputs.get(key);
    const evaluation = input?.evaluation ?? null;
    const decided = input?.decision?.chosen ?? null;
    let actual = serviceActual({
      entityRef,
      selector: workloadSelector(entity),
      clusters: read.views,
      evaluation,
      decided,
      observedAt: read.at,
    });
    // No pods now because clusters failed (e.g. after a restart, before any
    // read succeeded): keep what was known, marked stale.
    const before = previous.get(key);
    if (actual.pods === 0 && unreachable && before && before.actual.pods > 0) {
      actual = { ...before.actual, stale: true };
    }
    const atRiskReason = decisionAtRisk(evaluation, decided);
    return {
      ...actual,
      decisionAtRisk: Boolean(atRiskReason),
      decisionId: input?.decision?.id ?? null,
      atRiskReason,
    };
  });
}
