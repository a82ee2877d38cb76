/* eslint-disable no-console */
// What the engine benchmark prints: the run's setting, the table of catalog
// sizes, the comparison with json-rules-engine and the targets.

const perSecond = r => Math.round(r.perSecond).toLocaleString('en-US');

/** The engine, knowledge base, Node and platform the figures are for. */
function printSetting(engineVersion, kb, platform) {
  console.log(
    `\nMesh Advisor engine ${engineVersion}, knowledge base ${
      kb.version
    }, Node ${process.version}, one core, platform ${JSON.stringify(
      platform,
    )}; the median run of each size (3 runs of 100k, 10 of 10k, 100 of 1k)\n`,
  );
}

/** One row per catalog size: time, speed, peak RSS, heap retained. */
function printSizes(results) {
  console.log(
    'catalog size | seconds | entities/s | peak RSS MiB | heap retained after GC, MiB',
  );
  console.log(
    '-------------|---------|------------|--------------|----------------',
  );
  for (const r of results) {
    console.log(
      `${String(r.count).padStart(12)} | ${r.seconds
        .toFixed(2)
        .padStart(7)} | ${Math.round(r.perSecond)
        .toLocaleString('en-US')
        .padStart(10)} | ${r.peakRssMiB
        .toFixed(0)
        .padStart(12)} | ${r.retainedMiB.toFixed(1).padStart(14)}`,
    );
  }
}

/** json-rules-engine (ranked, hard constraints alone) against our engine. */
function printRulesComparison({ rulesCount, jreRanked, jre, ours, ratio }) {
  console.log(
    `\njson-rules-engine, ${rulesCount.toLocaleString(
      'en-US',
    )} entities: ${perSecond(
      jreRanked,
    )} entities/s with every requirement as rules (hard constraints and penalties, ranked); ${perSecond(
      jre,
    )} entities/s with the hard constraints alone`,
  );
  console.log(
    `Mesh Advisor engine (constraints + scoring + explanations + what-would-change): ${perSecond(
      ours,
    )} entities/s`,
  );
  console.log(
    `ratio: ${ratio.toFixed(1)}× the ranked rules (and ${(
      ours.perSecond / jre.perSecond
    ).toFixed(1)}× the hard-constraint rules, which do less than it)`,
  );
}

/** Our hard-constraint stage alone against the hard-constraint rules. */
function printLikeForLike(constraintsOnly, likeForLike) {
  console.log(
    `Mesh Advisor hard-constraint stage alone (like for like): ${Math.round(
      constraintsOnly.perSecond,
    ).toLocaleString('en-US')} entities/s — ${likeForLike.toFixed(
      0,
    )}× json-rules-engine`,
  );
}

/** The targets, each PASS or MISS. */
function printTargets(results, ratio, likeForLike) {
  // Streaming: what stays on the heap after a run must not grow with the catalog.
  const flat =
    results[2].retainedMiB < results[0].retainedMiB + 2 &&
    results[2].peakRssMiB < results[0].peakRssMiB + 64;
  console.log(
    '\ntarget                         | measured                       | result',
  );
  const row = (target, measured, pass) =>
    console.log(
      `${target.padEnd(30)} | ${measured.padEnd(30)} | ${
        pass ? 'PASS' : 'MISS'
      }`,
    );
  row(
    '≥ 100,000 entities/s (100k)',
    Math.round(results[2].perSecond).toLocaleString('en-US'),
    results[2].perSecond >= 100_000,
  );
  row(
    'memory flat 1k → 100k',
    `retained ${results[0].retainedMiB.toFixed(
      1,
    )} → ${results[2].retainedMiB.toFixed(
      1,
    )} MiB, RSS ${results[0].peakRssMiB.toFixed(
      0,
    )} → ${results[2].peakRssMiB.toFixed(0)} MiB`,
    flat,
  );
  row('≥ 20× json-rules-engine (ranked)', `${ratio.toFixed(1)}×`, ratio >= 20);
  row(
    '≥ 20× json-rules-engine (constraints)',
    `${likeForLike.toFixed(0)}×`,
    likeForLike >= 20,
  );
}

module.exports = {
  printSetting,
  printSizes,
  printRulesComparison,
  printLikeForLike,
  printTargets,
};
