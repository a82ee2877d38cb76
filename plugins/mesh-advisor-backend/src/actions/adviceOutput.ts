import type { z as zod } from 'zod/v3';
import type {
  EvaluationResult,
  SourceRef,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { MESH_IDS } from '@mesh-advisor/plugin-mesh-advisor-common';

type Z = typeof zod;

/** Which part of an evaluation the actions hand to a model: the answer and its why, without the score arithmetic. */
export type Advice = ReturnType<typeof toAdvice>;

const source = (z: Z) =>
  z.object({ title: z.string(), url: z.string() }).describe('a cited source');

/** The output schema of get-mesh-advice and what-if-mesh-advice. */
export const adviceSchema = (z: Z) =>
  z.object({
    entityRef: z.string(),
    status: z
      .enum(['evaluated', 'excluded', 'not-applicable', 'invalid'])
      .describe(
        'evaluated: ranked · excluded: opted out · invalid: malformed annotations (see issues), no recommendation until fixed',
      ),
    recommendation: z
      .object({
        mesh: z.enum(MESH_IDS),
        name: z.string(),
        confidence: z.enum(['high', 'medium', 'low']),
        score: z.number().describe('0–100'),
        summary: z.string().describe('the one-sentence why'),
      })
      .nullable(),
    ranking: z
      .array(
        z.object({
          mesh: z.enum(MESH_IDS),
          name: z.string(),
          score: z.number(),
          blocked: z.boolean(),
          blockers: z.array(
            z.object({
              kind: z.string(),
              message: z.string(),
              sources: z.array(source(z)),
            }),
          ),
          satisfied: z.array(z.string()),
          partial: z.array(z.string()),
          unverified: z.array(z.string()),
          preferredMissing: z.array(z.string()),
          overhead: z.object({
            memoryMiB: z.number().nullable(),
            cpuVcpu: z.number().nullable(),
            p99PerHopMs: z.number().nullable(),
            p99ChainMs: z.number().nullable(),
          }),
          operationsFit: z.string(),
        }),
      )
      .describe('every candidate, best first; blocked ones last'),
    reasons: z
      .array(
        z.object({
          text: z.string(),
          effect: z.enum(['for', 'against', 'neutral']),
          sources: z.array(source(z)),
        }),
      )
      .describe('why the recommended mesh, each reason with its sources'),
    whatWouldChange: z
      .array(
        z.object({
          change: z.string(),
          newTop: z.enum(MESH_IDS),
          annotations: z.record(z.string().nullable()).optional(),
          platform: z.record(z.unknown()).optional(),
        }),
      )
      .describe('the smallest changes that would flip the top pick'),
    issues: z
      .array(
        z.object({
          annotation: z.string(),
          value: z.string(),
          message: z.string(),
          suggestion: z.string().optional(),
        }),
      )
      .describe('malformed mesh-advisor.io/* annotations and how to fix them'),
    notes: z.array(z.string()),
    evaluatedAt: z.string(),
    stale: z
      .boolean()
      .describe('the last sweep failed; this is the result before it'),
    knowledgeBaseVersion: z.string(),
  });

const cite = (sources: SourceRef[]) =>
  sources.map(s => ({ title: s.title, url: s.url }));

/** An evaluation (stored or live) as an action's output. */
export function toAdvice(
  e: EvaluationResult & { evaluatedAt: string; stale: boolean },
) {
  const top = e.recommendation
    ? e.ranking.find(c => c.mesh === e.recommendation!.mesh)
    : undefined;
  return {
    entityRef: e.entityRef,
    status: e.status,
    recommendation: e.recommendation && {
      mesh: e.recommendation.mesh,
      name: e.recommendation.name,
      confidence: e.recommendation.confidence,
      score: e.recommendation.score,
      summary: e.recommendation.summary,
    },
    ranking: e.ranking.map(c => ({
      mesh: c.mesh,
      name: c.name,
      score: c.score,
      blocked: c.blocked,
      blockers: c.blockers.map(b => ({
        kind: b.kind,
        message: b.message,
        sources: cite(b.sources),
      })),
      satisfied: c.satisfied,
      partial: c.partial,
      unverified: c.unverified,
      preferredMissing: c.preferredMissing,
      overhead: {
        memoryMiB: c.overhead.memoryMiB,
        cpuVcpu: c.overhead.cpuVcpu,
        p99PerHopMs: c.overhead.p99PerHopMs,
        p99ChainMs: c.overhead.p99ChainMs,
      },
      operationsFit: c.operations.fit,
    })),
    reasons: (top?.reasons ?? []).map(r => ({
      text: r.text,
      effect: r.effect,
      sources: cite(r.sources),
    })),
    whatWouldChange: e.whatWouldChange.map(f => ({
      change: f.change,
      newTop: f.newTop,
      ...(f.annotations ? { annotations: f.annotations } : {}),
      ...(f.platform ? { platform: f.platform } : {}),
    })),
    issues: e.issues.map(i => ({
      annotation: i.annotation,
      value: i.value,
      message: i.message,
      ...(i.suggestion ? { suggestion: i.suggestion } : {}),
    })),
    notes: e.notes,
    evaluatedAt: e.evaluatedAt,
    stale: e.stale,
    knowledgeBaseVersion: e.knowledgeBaseVersion,
  };
}
