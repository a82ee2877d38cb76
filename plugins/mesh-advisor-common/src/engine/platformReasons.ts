import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { adoptionOf } from './scoring';
import { type Refs, merged, reason } from './sourceRefs';
import type { Adoption, Blocker, Reason } from './types';

/*
 * The reasons on a candidate's page (see meshPage.ts) that come from the
 * platform: what it runs, how large it is, its release policy.
 */

/** The reasons that come from what the platform runs and how large it is. */
export function platformReasons(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
  smallPlatformThreshold: number,
  refs: Refs,
) {
  const { kb } = ckb;
  const facts = kb.meshes[m.id]!;
  const o = facts.overhead;
  const meshed = m.placement !== 'none';
  const cniInPlace = !!m.requiresCni && platform.cni === m.requiresCni;
  const multiClusterFact = kb.capabilities['multi-cluster'].support[m.id];
  return {
    platformBlocker:
      m.requiresCni && !cniInPlace
        ? Object.freeze<Blocker>({
            kind: 'platform',
            message: `${m.name} needs ${m.requiresCni} as the cluster CNI; this platform runs ${platform.cni}, so adopting it means migrating the CNI.`,
            factId: `mesh.${m.id}.requiresCni`,
            sources: refs(facts.operationalComplexity.sources),
          })
        : undefined,
    noP99:
      meshed && o
        ? reason(
            `mesh.${m.id}.overhead.p99Ms`,
            `No sourced per-hop latency figure for ${m.name}.`,
            'neutral',
            refs(o.p99Ms.sources),
          )
        : undefined,
    currentMesh:
      m.id === platform.currentMesh && m.id !== 'none'
        ? reason(
            `mesh.${m.id}`,
            `The platform already runs ${m.name}: no migration.`,
            'for',
            refs(facts.releaseModel.sources),
          )
        : undefined,
    cniInPlace: cniInPlace
      ? reason(
          `mesh.${m.id}.requiresCni`,
          `${m.requiresCni} is already the cluster CNI, so its mesh data plane is in place.`,
          'for',
          refs(facts.operationalComplexity.sources),
        )
      : undefined,
    smallPlatform:
      meshed &&
      platform.serviceCount !== undefined &&
      platform.serviceCount < smallPlatformThreshold
        ? reason(
            'guidance.smallPlatformThreshold',
            `The platform has ${platform.serviceCount} services, below the ${smallPlatformThreshold}-service threshold where a mesh must earn its place.`,
            'against',
            refs(kb.guidance.smallPlatformThreshold.sources),
          )
        : undefined,
    multiCluster:
      meshed && platform.clusters > 1 && multiClusterFact
        ? reason(
            `capability.multi-cluster.${m.id}`,
            `The platform spans ${platform.clusters} clusters, so the mesh must span them too: multi-cluster counts as a hard requirement (${multiClusterFact.level}: ${multiClusterFact.note})`,
            multiClusterFact.level === 'yes' ? 'neutral' : 'against',
            refs(multiClusterFact.sources),
          )
        : undefined,
  };
}

/** How the candidate relates to the installed mesh and its release policy, and what that costs. */
export function coherenceReasons(
  m: CompiledMesh,
  ckb: CompiledKnowledgeBase,
  platform: PlatformContext,
  refs: Refs,
) {
  const { kb } = ckb;
  const facts = kb.meshes[m.id]!;
  const current = ckb.meshes[ckb.indexOf[platform.currentMesh]];
  const adoption: Adoption = adoptionOf(m, current);
  const { coherence } = kb;
  const vendorStable =
    platform.releasePolicy === 'open-source-stable' && m.vendorStable;
  let releaseModel: Reason | undefined;
  if (vendorStable)
    releaseModel = reason(
      `mesh.${m.id}.releaseModel`,
      `${coherence.releasePolicy.note} ${facts.releaseModel.note}`,
      'against',
      refs(merged(coherence.releasePolicy.sources, facts.releaseModel.sources)),
    );
  else if (m.vendorStable || facts.license.spdx !== 'Apache-2.0')
    releaseModel = reason(
      `mesh.${m.id}.releaseModel`,
      facts.releaseModel.note,
      'neutral',
      refs(facts.releaseModel.sources),
    );
  let coherenceReason: Reason | undefined;
  if (adoption === 'mode-change')
    coherenceReason = reason(
      'coherence.modeChange',
      `The platform runs ${current.name}: this is ${coherence.modeChange.note}`,
      'neutral',
      refs(coherence.modeChange.sources),
    );
  else if (adoption === 'second-mesh')
    coherenceReason = reason(
      'coherence.secondMesh',
      `The platform runs ${current.name}. ${coherence.secondMesh.note} ${coherence.migration.note}`,
      'against',
      refs(merged(coherence.secondMesh.sources, coherence.migration.sources)),
    );
  return {
    releaseModel,
    adoption,
    coherence: coherenceReason,
    heldBack: heldBackReason(adoption, current, coherence, refs),
  };
}

/** Why a candidate waits behind the installed mesh (see `eligibleMask`). */
function heldBackReason(
  adoption: Adoption,
  current: CompiledMesh,
  coherence: CompiledKnowledgeBase['kb']['coherence'],
  refs: Refs,
): Reason | undefined {
  if (adoption === 'second-mesh')
    return reason(
      'coherence.secondMesh',
      `Ranked after ${current.name}, which meets every hard requirement of this service: a second mesh is advised only when the installed one has a hard blocker.`,
      'against',
      refs(coherence.secondMesh.sources),
    );
  if (adoption === 'leave-mesh' && current.placement === 'node')
    return reason(
      'coherence.leaveMesh',
      `Ranked after ${current.name}, which meets every hard requirement of this service: ${coherence.leaveMesh.note}`,
      'against',
      refs(coherence.leaveMesh.sources),
    );
  return undefined;
}
