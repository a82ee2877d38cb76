import type { z } from 'zod';
import { CAPABILITIES, MESH_IDS } from '../vocabulary';
import type { capabilitySchema } from './capabilitySchema';
import type { coherenceSchema } from './guidanceSchema';
import type { meshSchema } from './meshSchema';
import type { disagreementSchema } from './sourceSchema';

/** The parts of a knowledge base that name each other: by source id, mesh id and capability. */
export type CrossReferenced = {
  sources: Record<string, unknown>;
  meshes: Partial<Record<string, z.infer<typeof meshSchema>>>;
  capabilities: Partial<Record<string, z.infer<typeof capabilitySchema>>>;
  coherence: z.infer<typeof coherenceSchema>;
  disagreements: z.infer<typeof disagreementSchema>[];
};

/** A broken reference, at the path of the field that holds it. */
export type ReferenceIssue = { path: (string | number)[]; message: string };

/**
 * What the field-by-field schema cannot check: every fact's sources exist,
 * every candidate is there and covers every capability, and no mesh is in
 * two families.
 */
export function referenceIssues(kb: CrossReferenced): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const known = new Set(Object.keys(kb.sources));
  const checkSources = (ids: string[], path: (string | number)[]) =>
    ids.forEach((id, i) => {
      if (!known.has(id))
        issues.push({
          path: [...path, i],
          message: `unknown source "${id}"; add it under sources`,
        });
    });
  meshIssues(kb, checkSources, issues);
  capabilityIssues(kb, checkSources, issues);
  coherenceIssues(kb, checkSources, issues);
  kb.disagreements.forEach((d, i) =>
    d.claims.forEach((c, j) =>
      checkSources([c.source], ['disagreements', i, 'claims', j, 'source']),
    ),
  );
  return issues;
}

type CheckSources = (ids: string[], path: (string | number)[]) => void;

/** Each mesh's sources; a candidate's overhead figures; every candidate present. */
function meshIssues(
  kb: CrossReferenced,
  checkSources: CheckSources,
  issues: ReferenceIssue[],
) {
  for (const [meshId, mesh] of Object.entries(kb.meshes)) {
    if (!mesh) continue;
    const at = (...path: string[]) => ['meshes', meshId, ...path];
    checkSources(mesh.license.sources, at('license', 'sources'));
    checkSources(mesh.releaseModel.sources, at('releaseModel', 'sources'));
    checkSources(
      mesh.operationalComplexity.sources,
      at('operationalComplexity', 'sources'),
    );
    checkSources(mesh.guidanceSources, at('guidanceSources'));
    if (mesh.overhead) {
      for (const key of [
        'memoryMiB',
        'cpuVcpuPer1kRps',
        'p50Ms',
        'p99Ms',
      ] as const)
        checkSources(
          mesh.overhead[key].sources,
          at('overhead', key, 'sources'),
        );
    } else if (mesh.role === 'candidate') {
      issues.push({
        path: at('overhead'),
        message: 'a candidate mesh needs overhead figures',
      });
    }
  }
  missingIssues(MESH_IDS, kb.meshes, 'meshes', 'candidate', issues);
}

/** Every capability present, with a fact for every candidate and only for meshes of this knowledge base, each fact's sources. */
function capabilityIssues(
  kb: CrossReferenced,
  checkSources: CheckSources,
  issues: ReferenceIssue[],
) {
  for (const [capId, cap] of Object.entries(kb.capabilities)) {
    if (!cap) continue;
    const at = (...path: string[]) => [
      'capabilities',
      capId,
      'support',
      ...path,
    ];
    for (const meshId of MESH_IDS)
      if (!cap.support[meshId])
        issues.push({
          path: at(meshId),
          message: `no fact for "${meshId}"; write level: unknown if nobody sourced it`,
        });
    for (const [meshId, fact] of Object.entries(cap.support)) {
      if (!kb.meshes[meshId])
        issues.push({
          path: at(meshId),
          message: `"${meshId}" is not a mesh of this knowledge base`,
        });
      checkSources(fact.sources, at(meshId, 'sources'));
      if (fact.maturity)
        checkSources(fact.maturity.sources, at(meshId, 'maturity', 'sources'));
    }
  }
  missingIssues(
    CAPABILITIES,
    kb.capabilities,
    'capabilities',
    'capability',
    issues,
  );
}

/** `the candidate "linkerd" is missing`: each of `ids` that `section` lacks. */
function missingIssues(
  ids: readonly string[],
  present: Partial<Record<string, unknown>>,
  section: string,
  what: string,
  issues: ReferenceIssue[],
) {
  for (const id of ids)
    if (!present[id])
      issues.push({
        path: [section, id],
        message: `the ${what} "${id}" is missing`,
      });
}

/** The coherence costs' sources; no mesh (nor "none") in two families. */
function coherenceIssues(
  kb: CrossReferenced,
  checkSources: CheckSources,
  issues: ReferenceIssue[],
) {
  for (const key of [
    'modeChange',
    'secondMesh',
    'migration',
    'releasePolicy',
    'leaveMesh',
  ] as const)
    checkSources(kb.coherence[key].sources, ['coherence', key, 'sources']);
  const inFamily = new Set<string>();
  for (const [family, members] of Object.entries(kb.coherence.families))
    members.forEach((mesh, i) => {
      if (inFamily.has(mesh) || mesh === 'none')
        issues.push({
          path: ['coherence', 'families', family, i],
          message: `"${mesh}" cannot be in a family (no mesh, or already in another)`,
        });
      inFamily.add(mesh);
    });
}
