import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
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
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import {
  replaceMeshAnnotations,
  requirementsToYaml,
} from '../lib/annotationsYaml';
import { whatIfFromUrl, withWhatIf } from '../lib/whatIfUrl';

/** The what-if's number fields, which can hold text that is not yet valid. */
export type WhatIfField = 'latencyBudgetMs' | 'replicas';

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

const sameAnnotations = (a: Requirements, b: Requirements) =>
  JSON.stringify(requirementsToAnnotations(a)) ===
  JSON.stringify(requirementsToAnnotations(b));

/**
 * The what-if editor: requirements that start from the entity's current
 * annotations (or from the URL, when a what-if was shared), re-evaluated in
 * the browser on every change by the same engine the backend runs, with
 * the stored evaluation's platform context and call-chain depth. Edits are
 * written to the URL (replacing the history entry) so a what-if can be
 * shared and survives a reload.
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
  const [searchParams, setSearchParams] = useSearchParams();
  const [requirements, setRequirements] = useState<Requirements>(
    () => whatIfFromUrl(searchParams, initial) ?? initial,
  );
  const [invalid, setInvalid] = useState<Partial<Record<WhatIfField, boolean>>>(
    {},
  );
  const changed = useMemo(
    () => !sameAnnotations(requirements, initial),
    [requirements, initial],
  );
  useEffect(() => {
    setSearchParams(
      prev => withWhatIf(prev, changed ? requirements : undefined),
      { replace: true },
    );
  }, [requirements, changed, setSearchParams]);
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
  const yaml = useMemo(
    () => requirementsToYaml(requirements, entity.metadata.annotations),
    [requirements, entity],
  );
  return {
    initial,
    requirements,
    result,
    yaml,
    changed,
    /** number fields whose text is not a valid value: the snippet waits */
    invalid,
    setFieldInvalid: useCallback(
      (field: WhatIfField, isInvalid: boolean) =>
        setInvalid(v =>
          v[field] === isInvalid ? v : { ...v, [field]: isInvalid },
        ),
      [],
    ),
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
    reset: useCallback(() => {
      setRequirements(initial);
      setInvalid({});
    }, [initial]),
  };
}
