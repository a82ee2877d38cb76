/* eslint-disable no-console */
// yarn bench:engine — evaluates synthetic catalogs of 1,000 / 10,000 / 100,000
// services on one core and prints entities per second and memory; then runs
// the same hard requirements as json-rules-engine rules (the engine Backstage
// Tech Insights checks use) and prints the ratio.
// Entities are generated a thousand at a time, evaluated and dropped
// (streamed), so memory must stay flat as the catalog grows.
// Beside it: the timing (engineMeasure.js), the json-rules-engine baseline
// (jsonRulesBaseline.js) and the printing (engineReport.js).
require('@backstage/cli/config/nodeTransform.cjs');
const {
  createEvaluator,
  loadKnowledgeBase,
  ENGINE_VERSION,
} = require('../src');
const { parseAnnotations } = require('../src/annotations');
const { compileKnowledgeBase } = require('../src/knowledgeBase/compile');
const {
  buildSituation,
  platformSituation,
} = require('../src/engine/situation');
const { blockedBy } = require('../src/engine/constraints');
const { resolvePlatform } = require('../src/platform');
const { measure } = require('./engineMeasure');
const { measureRules } = require('./jsonRulesBaseline');
const report = require('./engineReport');

const SIZES = [1_000, 10_000, 100_000];
const kb = loadKnowledgeBase();
// Both engines see the same platform, one that exercises every platform
// criterion: an installed Istio sidecar (coherence), two clusters (every mesh
// must span them) and an open-source-stable release policy.
const PLATFORM = {
  cni: 'cilium',
  currentMesh: 'istio-sidecar',
  clusters: 2,
  releasePolicy: 'open-source-stable',
};
const RUNS = 3;
let sink = 0;

/** Our engine over every catalog size, the median run of each. */
function measureEngine() {
  const evaluate = createEvaluator({
    knowledgeBase: kb,
    platform: { ...PLATFORM, serviceCount: 10_000 },
  });
  const run = e => {
    const r = evaluate(e, e.depth);
    sink += r.ranking.length + r.whatWouldChange.length;
  };
  // warm up the JIT
  measure(20_000, run);
  report.printSetting(ENGINE_VERSION, kb, PLATFORM);
  // The median run per size: the machine is shared, one run can be unlucky,
  // and a small catalog takes a few milliseconds, within the reach of one
  // hiccup — so every size is run until it has evaluated at least 100,000
  // entities, and at least three times.
  return SIZES.map(n => measure(n, run, Math.max(3, Math.ceil(100_000 / n))));
}

/**
 * Like for like: only the hard-constraint stage of our engine (parse the
 * annotations, check every candidate's blockers), as the rules do.
 */
function measureConstraintsOnly() {
  const ckb = compileKnowledgeBase(kb);
  const platform = platformSituation(resolvePlatform(PLATFORM), ckb);
  return measure(100_000, e => {
    const { requirements } = parseAnnotations(e.metadata.annotations);
    const situation = buildSituation(
      requirements,
      platform,
      ckb,
      e.depth,
      'production',
    );
    for (const m of ckb.meshes) sink += blockedBy(m, situation, ckb);
  });
}

async function main() {
  const results = measureEngine();
  report.printSizes(results);

  // json-rules-engine, the same requirements as rules: ranked (hard and
  // soft), and the hard constraints alone. The median of three runs each.
  const RULES_N = 5_000;
  const rules = { count: RULES_N, runs: RUNS };
  const jreRanked = await measureRules(kb, PLATFORM, {
    ...rules,
    scoring: true,
  });
  const jre = await measureRules(kb, PLATFORM, { ...rules, scoring: false });
  const ours = results.find(r => r.count === 100_000);
  const ratio = ours.perSecond / jreRanked.perSecond;
  report.printRulesComparison({
    rulesCount: RULES_N,
    jreRanked,
    jre,
    ours,
    ratio,
  });

  const constraintsOnly = measureConstraintsOnly();
  const likeForLike = constraintsOnly.perSecond / jre.perSecond;
  report.printLikeForLike(constraintsOnly, likeForLike);

  report.printTargets(results, ratio, likeForLike);
  if (sink < 0) console.log(sink);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
