import type { EvaluationRow } from '@mesh-advisor/plugin-mesh-advisor-common';
import { shortRef } from './refs';

/** One owner's or system's services, counted. */
export type RollupRow = {
  key: string;
  name: string;
  services: number;
  /** with a recommendation */
  recommended: number;
  invalid: number;
  /** with an accepted decision */
  decided: number;
  /** the mesh recommended most often, with how many */
  topMesh: { mesh: string; count: number } | null;
};

/** Services counted per owner or per system, most services first. */
export function rollup(
  rows: EvaluationRow[],
  by: 'owner' | 'system',
): RollupRow[] {
  const groups = new Map<string, RollupRow & { meshes: Map<string, number> }>();
  for (const r of rows) {
    const key = r[by] ?? '';
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        name: key ? shortRef(key) : `no ${by}`,
        services: 0,
        recommended: 0,
        invalid: 0,
        decided: 0,
        topMesh: null,
        meshes: new Map(),
      };
      groups.set(key, g);
    }
    g.services++;
    if (r.status === 'invalid') g.invalid++;
    if (r.decision?.status === 'accepted') g.decided++;
    if (r.recommendedMesh) {
      g.recommended++;
      g.meshes.set(
        r.recommendedMesh,
        (g.meshes.get(r.recommendedMesh) ?? 0) + 1,
      );
    }
  }
  return [...groups.values()]
    .map(({ meshes, ...g }) => {
      const [mesh, count] = [...meshes.entries()].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      )[0] ?? [undefined, 0];
      return { ...g, topMesh: mesh ? { mesh, count } : null };
    })
    .sort((a, b) => b.services - a.services || a.name.localeCompare(b.name));
}
