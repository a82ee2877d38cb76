import type {
  EvaluationResult,
  FleetRecommendation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { caveatsOf } from './caveats';

/** The CLI's JSON contract for one entity (documented in the README). */
export function toJson(r: EvaluationResult) {
  return {
    entityRef: r.entityRef,
    status: r.status,
    recommendation: r.recommendation
      ? {
          mesh: r.recommendation.mesh,
          confidence: r.recommendation.confidence,
          adoption: r.recommendation.adoption,
          summary: r.recommendation.summary,
        }
      : null,
    ranking: r.ranking.map(c => ({
      mesh: c.mesh,
      score: c.score,
      adoption: c.adoption,
      heldBack: c.heldBack,
      blockers: c.blockers.map(b => b.message),
      partial: c.partial,
      unverified: c.unverified,
      immature: c.immature,
      beta: c.beta,
      latency: {
        p99PerHopMs: c.overhead.p99PerHopMs,
        p99PerHopRange: c.overhead.p99PerHopRange,
        basis: c.overhead.p99Basis,
        p99ChainMs: c.overhead.p99ChainMs,
        p99ChainRange: c.overhead.p99ChainRange,
      },
      memoryMiB: c.overhead.memoryMiB,
      caveats: caveatsOf(r, c),
      reasons: c.reasons.map(x => x.text),
    })),
    issues: r.issues.map(i => ({
      annotation: i.annotation,
      message: i.message,
    })),
  };
}

export function fleetToJson(f: FleetRecommendation) {
  return {
    recommendation: f.recommendation
      ? {
          mesh: f.recommendation.mesh,
          confidence: f.recommendation.confidence,
          summary: f.recommendation.summary,
          factIds: f.recommendation.factIds,
        }
      : null,
    explanation: f.explanation,
    ranking: f.ranking.map(c => ({
      mesh: c.mesh,
      change: c.change,
      servicesSatisfied: c.servicesSatisfied,
      firstChoiceOf: c.firstChoiceOf,
      requirementsMet: c.requirementsMet,
      requirementsPartial: c.requirementsPartial,
      requirementsUnknown: c.requirementsUnknown,
      requirementsUnmet: c.requirementsUnmet,
      totalMemoryMiB: c.totalMemoryMiB,
      costUnknown: c.costUnknown,
      alreadyPaid: c.alreadyPaid,
      meanScore: c.meanScore,
    })),
    unsatisfied: f.unsatisfied,
    servicesConsidered: f.servicesConsidered,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows
    .map(r =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function toTable(results: EvaluationResult[]): string {
  const rows = [
    ['ENTITY', 'STATUS', 'RECOMMENDATION', 'CONFIDENCE', 'RUNNER-UP', 'WHY'],
  ];
  for (const r of results) {
    const runner = r.ranking.find(
      c => c.mesh !== r.recommendation?.mesh && !c.blocked,
    );
    rows.push([
      r.entityRef,
      r.status,
      r.recommendation
        ? `${r.recommendation.mesh} (${r.recommendation.score})`
        : '-',
      r.recommendation?.confidence ?? '-',
      runner && r.recommendation ? `${runner.mesh} (${runner.score})` : '-',
      r.recommendation?.summary ?? r.notes[0] ?? '',
    ]);
  }
  const caveats = results.flatMap(r => {
    const top = r.ranking.find(c => c.mesh === r.recommendation?.mesh);
    const notes = top ? caveatsOf(r, top) : [];
    return notes.length
      ? [`  ${r.entityRef} (${top!.mesh}): ${notes.join('; ')}`]
      : [];
  });
  const problems = results.flatMap(r =>
    r.issues.map(i => `  ${r.entityRef}: ${i.message}`),
  );
  return (
    table(rows) +
    (caveats.length
      ? `\n\nCaveats of the recommended mesh:\n${caveats.join('\n')}`
      : '') +
    (problems.length ? `\n\nAnnotation problems:\n${problems.join('\n')}` : '')
  );
}

export function fleetToTable(f: FleetRecommendation): string {
  const head = f.recommendation
    ? `Platform recommendation: ${f.recommendation.name} (${f.recommendation.mesh}), confidence ${f.recommendation.confidence}, over ${f.servicesConsidered} services\n${f.recommendation.summary}`
    : 'Platform recommendation: none (no services evaluated)';
  const why = f.explanation ? `\n${f.explanation}` : '';
  const rows = [
    [
      'MESH',
      'CHANGE',
      'SATISFIED',
      'FIRST CHOICE OF',
      'REQUIREMENTS MET/PARTIAL/UNKNOWN/UNMET',
      'ADDED MEMORY (MiB)',
      'MEAN SCORE',
    ],
  ];
  for (const c of f.ranking) {
    rows.push([
      c.mesh,
      c.change,
      `${c.servicesSatisfied}/${f.servicesConsidered}`,
      String(c.firstChoiceOf),
      [
        c.requirementsMet,
        c.requirementsPartial,
        c.requirementsUnknown,
        c.requirementsUnmet,
      ].join('/'),
      `${c.totalMemoryMiB}${c.costUnknown ? ' + unknown' : ''}`,
      String(c.meanScore),
    ]);
  }
  const paid = f.ranking.flatMap(c =>
    c.alreadyPaid.map(note => `  ${c.mesh}: ${note}`),
  );
  const unsat = f.unsatisfied.map(
    u => `  ${u.entityRef}: missing ${u.missing.join(', ')}`,
  );
  return `${head}${why}\n\n${table(rows)}${
    paid.length ? `\n\nAlready paid, not charged:\n${paid.join('\n')}` : ''
  }${unsat.length ? `\n\nLeft unsatisfied:\n${unsat.join('\n')}` : ''}`;
}
