import {
  loadKnowledgeBase,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

let names: Record<string, string> | undefined;

/** The display name of a mesh, from the bundled knowledge base. */
export function meshName(mesh: MeshId | string): string {
  if (!names) {
    try {
      names = Object.fromEntries(
        Object.entries(loadKnowledgeBase().meshes).map(([id, m]) => [
          id,
          m?.name ?? id,
        ]),
      );
    } catch {
      names = {};
    }
  }
  return names[mesh] ?? mesh;
}
