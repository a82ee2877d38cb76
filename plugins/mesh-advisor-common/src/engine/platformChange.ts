import type { CompiledKnowledgeBase } from '../knowledgeBase/compile';
import type { PlatformContext } from '../platform';
import { MESH_IDS, MeshId } from '../vocabulary';
import type { PlatformChange } from './fleetTypes';

/** One mesh of the compiled knowledge base. */
export const meshOf = (ckb: CompiledKnowledgeBase, mesh: MeshId) =>
  ckb.meshes[MESH_IDS.indexOf(mesh)];

/**
 * What choosing `mesh` means on a platform that runs `current`. Meshes of
 * one family in the knowledge base (`coherence.families`: Istio's sidecar
 * and ambient modes) share a control plane, so moving between them is a
 * mode change, not a new mesh.
 */
export function platformChange(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  current: MeshId,
): PlatformChange {
  if (mesh === current) return 'keep';
  if (current === 'none') return 'adopt';
  if (mesh === 'none') return 'remove';
  return meshOf(ckb, current).family & (1 << MESH_IDS.indexOf(mesh))
    ? 'mode-change'
    : 'migrate';
}

/**
 * A per-node proxy that already runs on every node costs the platform
 * nothing more: the CNI's agent (Cilium's data plane is the cilium-agent
 * the CNI runs) or the installed mesh's node proxy (ztunnel). Per-pod
 * proxies are still charged: which pods are injected is not known.
 */
export function nodeProxyPaid(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  platform: PlatformContext,
): 'cni' | 'installed' | null {
  const m = meshOf(ckb, mesh);
  if (m.placement !== 'node') return null;
  if (m.requiresCni && m.requiresCni === platform.cni) return 'cni';
  if (mesh === platform.currentMesh) return 'installed';
  return null;
}

/** What choosing `mesh` does not charge because the platform already pays it, in sentences. */
export function alreadyPaidNotes(
  ckb: CompiledKnowledgeBase,
  mesh: MeshId,
  platform: PlatformContext,
): string[] {
  const m = meshOf(ckb, mesh);
  const notes: string[] = [];
  const perNode = m.memoryMiB === null ? '' : ` (${m.memoryMiB} MiB per node)`;
  const paid = nodeProxyPaid(ckb, mesh, platform);
  if (paid === 'cni')
    notes.push(
      `${m.name}'s per-node agent already runs as the ${platform.cni} CNI, so it is not charged again${perNode}.`,
    );
  else if (paid === 'installed')
    notes.push(
      `${m.name}'s per-node proxy already runs on every node, so it is not charged again${perNode}.`,
    );
  const change = platformChange(ckb, mesh, platform.currentMesh);
  if (change === 'keep' && mesh !== 'none')
    notes.push(`${m.name}'s control plane is already installed.`);
  else if (change === 'mode-change')
    notes.push(
      `The installed ${
        meshOf(ckb, platform.currentMesh).name
      } control plane serves this mode too.`,
    );
  return notes;
}
