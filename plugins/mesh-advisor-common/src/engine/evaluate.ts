import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { parseAnnotations } from '../annotations';
import {
  CompiledKnowledgeBase,
  compileKnowledgeBase,
} from '../knowledgeBase/compile';
import { loadKnowledgeBase } from '../knowledgeBase/load';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import {
  PlatformContext,
  PlatformContextInput,
  resolvePlatform,
} from '../platform';
import { assertFitsSet } from './bits';
import { blockedBy } from './constraints';
import { explainCandidate } from './explain';
import { companionFor, confidenceOf, summarize } from './recommendation';
import { ReasonBook, writeReasonBook } from './reasonBook';
import { eligibleMask, scoreBreakdown, totalScore } from './scoring';
import { Situation, buildSituation, platformSituation } from './situation';
import { WhatWouldChange } from './whatWouldChange';
import type {
  CandidateResult,
  EvaluationResult,
  EvaluationStatus,
  Recommendation,
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
    const skipped = skipReason(entity, requirements.exclude);
    if (skipped) {
      return {
        ...base,
        status: skipped.status,
        recommendation: null,
        ranking: [],
        whatWouldChange: [],
        companion: null,
        notes: [skipped.note],
      };
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

    // 2. constrain and 3. score, every candidate, best first
    const { ranking, scores, breakdowns } = rank(s, ckb, book);

    // 4. explain: the pick, its confidence, and what would change it
    const top = ranking[0] && !ranking[0].blocked ? ranking[0] : undefined;
    const status: EvaluationStatus = issues.length ? 'invalid' : 'evaluated';
    const noKubernetesId = !entity.metadata?.annotations?.[KUBERNETES_ID];
    const experimental = lifecycle === 'experimental';
    return {
      ...base,
      status,
      recommendation:
        top && status === 'evaluated'
          ? recommend(top, ranking, s, experimental, noKubernetesId)
          : null,
      ranking,
      whatWouldChange: whatIf.ask(
        s,
        top ? MESH_IDS.indexOf(top.mesh) : -1,
        scores,
        breakdowns,
      ),
      companion: companionFor(book, requirements.exposure, top?.mesh),
      notes: notesOn(lifecycle, noKubernetesId, issues.length > 0, !top),
    };
  };
}

/** The top pick as the recommendation, with its confidence and summary. */
function recommend(
  top: CandidateResult,
  ranking: CandidateResult[],
  s: Situation,
  experimental: boolean,
  noKubernetesId: boolean,
): Recommendation {
  return {
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
  };
}

/** Why an entity is not evaluated, or undefined when it is. */
function skipReason(
  entity: Entity,
  excluded: boolean,
): { status: EvaluationStatus; note: string } | undefined {
  if (!isService(entity))
    return {
      status: 'not-applicable',
      note: 'Only Components of type service are evaluated.',
    };
  if (excluded)
    return {
      status: 'excluded',
      note: 'Opted out with mesh-advisor.io/exclude: "true".',
    };
  return undefined;
}

/** Every candidate scored and explained, best first; `scores` and `breakdowns` by mesh index (-1: blocked). */
function rank(s: Situation, ckb: CompiledKnowledgeBase, book: ReasonBook) {
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
  holdBack(ranking, scores, s, ckb, book);
  rankInPlace(ranking);
  return { ranking, scores, breakdowns };
}

/** A second mesh waits behind the installed mesh while one of its modes fits. */
function holdBack(
  ranking: CandidateResult[],
  scores: readonly number[],
  s: Situation,
  ckb: CompiledKnowledgeBase,
  book: ReasonBook,
) {
  const eligible = eligibleMask(scores, s, ckb);
  for (const c of ranking) {
    if (c.blocked || eligible & (1 << MESH_IDS.indexOf(c.mesh))) continue;
    c.heldBack = true;
    c.reasons.push(book.meshes[MESH_IDS.indexOf(c.mesh)].heldBack!);
  }
}

/** The notes on what the advice assumes or lacks. */
function notesOn(
  lifecycle: string | undefined,
  noKubernetesId: boolean,
  hasIssues: boolean,
  nothingFits: boolean,
): string[] {
  const notes: string[] = [];
  if (lifecycle === 'experimental')
    notes.push(
      'Experimental lifecycle: requirements may still move, so confidence is lowered.',
    );
  if (lifecycle === 'deprecated')
    notes.push(
      'Deprecated lifecycle: operational effort counts for more against each mesh.',
    );
  if (noKubernetesId)
    notes.push(
      `No ${KUBERNETES_ID} annotation: the advice assumes the service runs on Kubernetes.`,
    );
  if (hasIssues)
    notes.push(
      'Annotations have problems: the ranking uses only the valid values, and there is no recommendation until they are fixed.',
    );
  if (nothingFits)
    notes.push(
      'No candidate meets every hard requirement; see what would change it.',
    );
  return notes;
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
