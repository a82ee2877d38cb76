import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseAnnotations } from '../annotations';
import { compileKnowledgeBase } from '../knowledgeBase/compile';
import { loadKnowledgeBase } from '../knowledgeBase/load';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import {
  PlatformContext,
  PlatformContextInput,
  resolvePlatform,
} from '../platform';
import { assertFitsSet } from './bits';
import { blockedBy } from './constraints';
import {
  companionFor,
  confidenceOf,
  explainCandidate,
  summarize,
} from './explain';
import { writeReasonBook } from './reasonBook';
import { eligibleMask, scoreBreakdown, totalScore } from './scoring';
import { buildSituation, platformSituation } from './situation';
import { WhatWouldChange } from './whatWouldChange';
import type {
  CandidateResult,
  EvaluationResult,
  EvaluationStatus,
} from './types';
import { ENGINE_VERSION } from './version';
import { MESH_IDS } from '../vocabulary';
import { isService } from '../entities';

/** @public */
export interface EvaluateOptions {
  knowledgeBase?: KnowledgeBase;
  platform?: PlatformContextInput | Partial<PlatformContext>;
  /** hops from the edge to this service (1 when unknown); the backend derives it from dependsOn */
  callChainDepth?: number;
}

const KUBERNETES_ID = 'backstage.io/kubernetes-id';

function entityRefOf(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    return `${String(entity?.kind ?? 'unknown').toLowerCase()}:${String(
      entity?.metadata?.namespace ?? 'default',
    )}/${String(entity?.metadata?.name ?? 'unknown')}`;
  }
}

/**
 * Best first: unblocked before blocked, a second mesh held back after the
 * installed mesh's modes and no mesh, then by score; ties keep the
 * vocabulary order the candidates come in (the sort is stable). An
 * insertion sort: for five candidates, Array.prototype.sort's set-up costs
 * more than the sorting.
 */
function rankInPlace(candidates: CandidateResult[]) {
  const worse = (a: CandidateResult, b: CandidateResult) => {
    if (a.blocked !== b.blocked) return a.blocked;
    if (a.heldBack !== b.heldBack) return a.heldBack;
    return a.score < b.score;
  };
  for (let i = 1; i < candidates.length; i++) {
    const c = candidates[i];
    let j = i - 1;
    for (; j >= 0 && worse(candidates[j], c); j--)
      candidates[j + 1] = candidates[j];
    candidates[j + 1] = c;
  }
}

/**
 * Builds an evaluator bound to one knowledge base and platform: the form the
 * backend sweep and the benchmark use, so the knowledge base is validated
 * and compiled once.
 * @public
 */
export function createEvaluator(
  options: Omit<EvaluateOptions, 'callChainDepth'> = {},
) {
  const kb = options.knowledgeBase ?? loadKnowledgeBase();
  const ckb = compileKnowledgeBase(kb);
  assertFitsSet(ckb.meshes.length, 'candidate meshes');
  const platform = resolvePlatform(options.platform);
  const book = writeReasonBook(ckb, platform);
  const onPlatform = platformSituation(platform, ckb);
  const whatIf = new WhatWouldChange(ckb);

  return function evaluate(
    entity: Entity,
    callChainDepth = 1,
  ): EvaluationResult {
    // 1. parse: what the entity declares
    const { requirements, issues } = parseAnnotations(
      entity?.metadata?.annotations,
    );
    const base = {
      entityRef: entityRefOf(entity),
      issues,
      requirements,
      platform,
      callChainDepth: Math.max(1, Math.floor(callChainDepth) || 1),
      engineVersion: ENGINE_VERSION,
      knowledgeBaseVersion: kb.version,
    };
    const skipped = (
      status: EvaluationStatus,
      note: string,
    ): EvaluationResult => ({
      ...base,
      status,
      recommendation: null,
      ranking: [],
      whatWouldChange: [],
      companion: null,
      notes: [note],
    });
    if (!isService(entity)) {
      return skipped(
        'not-applicable',
        'Only Components of type service are evaluated.',
      );
    }
    if (requirements.exclude) {
      return skipped(
        'excluded',
        'Opted out with mesh-advisor.io/exclude: "true".',
      );
    }

    const spec = (entity.spec ?? {}) as { lifecycle?: unknown };
    const lifecycle =
      typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined;
    const s = buildSituation(
      requirements,
      onPlatform,
      ckb,
      base.callChainDepth,
      lifecycle,
    );

    // 2. constrain and 3. score, every candidate
    const breakdowns = ckb.meshes.map(m => scoreBreakdown(m, s, ckb));
    const ranking: CandidateResult[] = ckb.meshes.map(m =>
      explainCandidate(
        m,
        book,
        s,
        ckb,
        blockedBy(m, s, ckb),
        breakdowns[m.index],
        totalScore(breakdowns[m.index], s),
      ),
    );
    const scores = ranking.map(c => (c.blocked ? -1 : c.score));
    // A second mesh waits behind the installed mesh while one of its modes fits.
    const eligible = eligibleMask(scores, s, ckb);
    for (const c of ranking) {
      if (c.blocked || eligible & (1 << MESH_IDS.indexOf(c.mesh))) continue;
      c.heldBack = true;
      c.reasons.push(book.meshes[MESH_IDS.indexOf(c.mesh)].heldBack!);
    }
    rankInPlace(ranking);

    // 4. explain: the pick, its confidence, and what would change it
    const notes: string[] = [];
    const experimental = lifecycle === 'experimental';
    if (experimental)
      notes.push(
        'Experimental lifecycle: requirements may still move, so confidence is lowered.',
      );
    if (lifecycle === 'deprecated')
      notes.push(
        'Deprecated lifecycle: operational effort counts for more against each mesh.',
      );
    const noKubernetesId = !entity.metadata?.annotations?.[KUBERNETES_ID];
    if (noKubernetesId)
      notes.push(
        `No ${KUBERNETES_ID} annotation: the advice assumes the service runs on Kubernetes.`,
      );
    if (issues.length)
      notes.push(
        'Annotations have problems: the ranking uses only the valid values, and there is no recommendation until they are fixed.',
      );

    const top = ranking[0] && !ranking[0].blocked ? ranking[0] : undefined;
    if (!top)
      notes.push(
        'No candidate meets every hard requirement; see what would change it.',
      );
    const status: EvaluationStatus = issues.length ? 'invalid' : 'evaluated';
    const recommendation =
      top && status === 'evaluated'
        ? {
            mesh: top.mesh,
            name: top.name,
            adoption: top.adoption,
            score: top.score,
            confidence: confidenceOf(
              top,
              ranking[1]?.heldBack ? undefined : ranking[1],
              experimental,
              noKubernetesId,
              s.budgetMs,
            ),
            summary: summarize(top, ranking, s),
          }
        : null;
    const topIndex = top ? MESH_IDS.indexOf(top.mesh) : -1;
    return {
      ...base,
      status,
      recommendation,
      ranking,
      whatWouldChange: whatIf.ask(s, topIndex, scores, breakdowns),
      companion: companionFor(book, requirements.exposure, top?.mesh),
      notes,
    };
  };
}

/**
 * Evaluates one catalog entity. Pure and deterministic; never throws on
 * entity content (malformed annotations become issues).
 * @public
 */
export function evaluateEntity(
  entity: Entity,
  options: EvaluateOptions = {},
): EvaluationResult {
  return createEvaluator(options)(entity, options.callChainDepth);
}
