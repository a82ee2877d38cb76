import type {
  EvaluationResult,
  FleetRecommendation,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** The CLI's JSON contract for one entity (documented in the README). */
export function toJson(r: EvaluationResult) {
  return {
    entityRef: r.entityRef,
    status: r.status,
    recommendation: r.recommendation
      ? { mesh: r.recommendation.mesh, confidence: r.recommendation.confidence }
      : null,
    ranking: r.ranking.map(c => ({
      mesh: c.mesh,
      score: c.score,
      blockers: c.blockers.map(b => b.message),
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
      ? { mesh: f.recommendation.mesh, confidence: f.recommendation.confidence }
      : null,
    ranking: f.ranking.map(c => ({
      mesh: c.mesh,
      servicesSatisfied: c.servicesSatisfied,
      requirementsMet: c.requirementsMet,
      totalMemoryMiB: c.totalMemoryMiB,
      meanScore: c.meanScore,
    })),
    unsatisfied: f.unsatisfied,
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
  const problems = results.flatMap(r =>
    r.issues.map(i => `  ${r.entityRef}: ${i.message}`),
  );
  return (
    table(rows) +
    (problems.length ? `\n\nAnnotation problems:\n${problems.join('\n')}` : '')
  );
}

export function fleetToTable(f: FleetRecommendation): string {
  const head = f.recommendation
    ? `Platform recommendation: ${f.recommendation.name} (${f.recommendation.mesh}), confidence ${f.recommendation.confidence}, over ${f.servicesConsidered} services`
    : 'Platform recommendation: none (no services evaluated)';
  const rows = [
    [
      'MESH',
      'SERVICES SATISFIED',
      'REQUIREMENTS MET',
      'MEMORY (MiB)',
      'MEAN SCORE',
    ],
  ];
  for (const c of f.ranking) {
    rows.push([
      c.mesh,
      String(c.servicesSatisfied),
      String(c.requirementsMet),
      String(c.totalMemoryMiB),
      String(c.meanScore),
    ]);
  }
  const unsat = f.unsatisfied.map(
    u => `  ${u.entityRef}: missing ${u.missing.join(', ')}`,
  );
  return `${head}\n\n${table(rows)}${
    unsat.length ? `\n\nLeft unsatisfied:\n${unsat.join('\n')}` : ''
  }`;
}
