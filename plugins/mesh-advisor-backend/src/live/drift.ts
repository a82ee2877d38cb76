import type {
  DriftState,
  EvaluationResult,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** What drift is judged from. */
export type DriftInput = {
  /** pods per mesh (`none` included) across the service's clusters */
  podsByMesh: Partial<Record<MeshId, number>>;
  /** the stored advice; its ranking says which meshes are blocked for the service */
  evaluation: Pick<EvaluationResult, 'ranking' | 'status'> | null;
  /** the mesh of the accepted decision in force */
  decided: MeshId | null;
  /** at least one of the service's clusters has been read, now or before */
  anyClusterRead: boolean;
};

export type Drift = { state: DriftState; reason: string; mesh: MeshId | null };

const MESHES: MeshId[] = [
  'istio-sidecar',
  'istio-ambient',
  'linkerd',
  'cilium',
];

function blockedFor(
  evaluation: DriftInput['evaluation'],
  mesh: MeshId,
): string | null {
  const candidate = evaluation?.ranking.find(c => c.mesh === mesh);
  if (!candidate?.blocked) return null;
  return candidate.blockers[0]?.message ?? 'a hard blocker';
}

/** The mesh most pods run (meshes before `none` on a tie). */
export function dominantMesh(
  podsByMesh: Partial<Record<MeshId, number>>,
): MeshId | null {
  let best: MeshId | null = null;
  let bestCount = 0;
  for (const mesh of [...MESHES, 'none' as const]) {
    const n = podsByMesh[mesh] ?? 0;
    if (n > bestCount) {
      best = mesh;
      bestCount = n;
    }
  }
  return best;
}

/**
 * The drift state of one service. Checked most serious first: a running mesh
 * that cannot serve the declared needs, a required mesh that is missing, a
 * decision not followed, a half-done rollout; then agreement.
 */
export function computeDrift(input: DriftInput): Drift {
  const { podsByMesh, evaluation, decided } = input;
  const total = Object.values(podsByMesh).reduce((a, b) => a + (b ?? 0), 0);
  if (total === 0) {
    return {
      state: 'unknown',
      mesh: null,
      reason: input.anyClusterRead
        ? 'no pods found for this service in the clusters read'
        : 'none of the clusters could be read yet',
    };
  }
  const mesh = dominantMesh(podsByMesh)!;
  const meshed = total - (podsByMesh.none ?? 0);
  const running = MESHES.filter(m => (podsByMesh[m] ?? 0) > 0);

  for (const m of running) {
    const blocker = blockedFor(evaluation, m);
    if (blocker) {
      return {
        state: 'blocked-mesh',
        mesh,
        reason: `${podsByMesh[m]} of ${total} pods run ${m}, which is blocked for this service: ${blocker}`,
      };
    }
  }
  if (meshed === 0) {
    const needsMesh = blockedFor(evaluation, 'none');
    if (needsMesh) {
      return {
        state: 'unmeshed-but-required',
        mesh,
        reason: `runs no mesh on any of its ${total} pods, but ${needsMesh}`,
      };
    }
  }
  if (decided) {
    const onDecided = podsByMesh[decided] ?? 0;
    if (onDecided === 0 || (decided === 'none' && meshed > 0)) {
      return {
        state: 'drift',
        mesh,
        reason: `decided ${decided}, runs ${
          running.length ? running.join(' + ') : 'no mesh'
        }`,
      };
    }
  }
  if (meshed > 0 && meshed < total) {
    return {
      state: 'partially-meshed',
      mesh,
      reason: `${meshed} of ${total} pods meshed (${Math.round(
        (meshed / total) * 100,
      )}%)`,
    };
  }
  if (running.length > 1) {
    return {
      state: decided ? 'drift' : 'partially-meshed',
      mesh,
      reason: `pods split across ${running.join(' and ')}`,
    };
  }
  if (decided) {
    return {
      state: 'as-decided',
      mesh,
      reason: `runs ${decided} on all ${total} pods, as decided`,
    };
  }
  return {
    state: 'undecided',
    mesh,
    reason: `runs ${
      mesh === 'none' ? 'no mesh' : mesh
    } on all ${total} pods; no accepted decision to compare with`,
  };
}

/**
 * A decision at risk: the accepted decision's mesh is blocked by the current
 * advice (e.g. a knowledge-base update removed a capability it relied on).
 */
export function decisionAtRisk(
  evaluation: DriftInput['evaluation'],
  decided: MeshId | null,
): string | null {
  return decided ? blockedFor(evaluation, decided) : null;
}
