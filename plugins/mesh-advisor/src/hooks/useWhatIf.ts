import { useCallback, useMemo, useState } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  Capability,
  createEvaluator,
  EvaluationResult,
  KnowledgeBase,
  OpsCapacity,
  parseAnnotations,
  Requirements,
  requirementsToAnnotations,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { StoredEvaluation } from '../api/types';
import {
  replaceMeshAnnotations,
  requirementsToYaml,
} from '../lib/annotationsYaml';

/** How a capability is declared in the what-if editor. */
export type CapabilityMode = 'required' | 'preferred' | 'off';

/** The mode of one capability in a set of requirements. */
export function modeOf(
  r: Requirements,
  capability: Capability,
): CapabilityMode {
  if (r.requires.includes(capability)) return 'required';
  if (r.prefers.includes(capability)) return 'preferred';
  return 'off';
}

/** Requirements with one capability moved to `mode`. */
export function withCapabilityMode(
  r: Requirements,
  capability: Capability,
  mode: CapabilityMode,
): Requirements {
  const requires = r.requires.filter(c => c !== capability);
  const prefers = r.prefers.filter(c => c !== capability);
  if (mode === 'required') requires.push(capability);
  if (mode === 'preferred') prefers.push(capability);
  return { ...r, requires, prefers };
}

/** The entity as it would be with these requirements declared. */
export function entityWithRequirements(
  entity: Entity,
  requirements: Requirements,
): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: replaceMeshAnnotations(
        entity.metadata.annotations,
        requirementsToAnnotations(requirements),
      ),
    },
  };
}

/**
 * The what-if editor: requirements that start from the entity's current
 * annotations, re-evaluated in the browser on every change by the same
 * engine the backend runs, with the stored evaluation's platform context
 * and call-chain depth.
 */
export function useWhatIf(
  entity: Entity,
  evaluation: StoredEvaluation,
  knowledgeBase: KnowledgeBase,
) {
  const initial = useMemo(
    () => parseAnnotations(entity.metadata.annotations).requirements,
    [entity],
  );
  const [requirements, setRequirements] = useState<Requirements>(initial);

  const evaluate = useMemo(
    () => createEvaluator({ knowledgeBase, platform: evaluation.platform }),
    [knowledgeBase, evaluation.platform],
  );
  const result: EvaluationResult = useMemo(
    () =>
      evaluate(
        entityWithRequirements(entity, requirements),
        evaluation.callChainDepth,
      ),
    [evaluate, entity, requirements, evaluation.callChainDepth],
  );
  const yaml = useMemo(() => requirementsToYaml(requirements), [requirements]);
  const changed = useMemo(
    () =>
      JSON.stringify(requirementsToAnnotations(requirements)) !==
      JSON.stringify(requirementsToAnnotations(initial)),
    [requirements, initial],
  );

  return {
    requirements,
    result,
    yaml,
    changed,
    setCapability: useCallback(
      (capability: Capability, mode: CapabilityMode) =>
        setRequirements(r => withCapabilityMode(r, capability, mode)),
      [],
    ),
    setLatencyBudget: useCallback(
      (latencyBudgetMs: number | undefined) =>
        setRequirements(r => ({ ...r, latencyBudgetMs })),
      [],
    ),
    setReplicas: useCallback(
      (replicas: number | undefined) =>
        setRequirements(r => ({ ...r, replicas })),
      [],
    ),
    setOpsCapacity: useCallback(
      (opsCapacity: OpsCapacity | undefined) =>
        setRequirements(r => ({ ...r, opsCapacity })),
      [],
    ),
    reset: useCallback(() => setRequirements(initial), [initial]),
  };
}
