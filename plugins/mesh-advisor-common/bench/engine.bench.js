/* eslint-disable no-console */
// yarn bench:engine — evaluates synthetic catalogs of 1,000 / 10,000 / 100,000
// services on one core and prints entities per second and memory; then runs
// the same hard requirements as json-rules-engine rules (the engine Backstage
// Tech Insights checks use) and prints the ratio.
// Entities are generated a thousand at a time, evaluated and dropped
// (streamed), so memory must stay flat as the catalog grows.
require('@backstage/cli/config/nodeTransform.cjs');
const { Engine } = require('json-rules-engine');
const {
  createEvaluator,
  loadKnowledgeBase,
  CAPABILITIES,
  MESH_IDS,
} = require('../src');
const { parseAnnotations } = require('../src/annotations');
const { compileKnowledgeBase } = require('../src/knowledgeBase/compile');
const {
  buildSituation,
  platformSituation,
} = require('../src/engine/situation');
const { blockedBy } = require('../src/engine/constraints');
const { resolvePlatform } = require('../src/platform');
const synthetic = require('./syntheticCatalog');

const SIZES = [1_000, 10_000, 100_000];
const kb = loadKnowledgeBase();
// Both engines see the same platform, one that exercises every platform
// criterion: an installed Istio sidecar (coherence), two clusters (every mesh
// must span them) and an open-source-stable release policy.
const familyOf = mesh =>
  Object.values(kb.coherence.families).find(f => f.includes(mesh)) ?? [mesh];
const PLATFORM = {
  cni: 'cilium',
  currentMesh: 'istio-sidecar',
  clusters: 2,
  releasePolicy: 'open-source-stable',
};

// The engine profile of the benchmarks' one synthetic-catalog generator.
const syntheticServices = count =>
  synthetic.syntheticServices('engine', count, { capabilities: CAPABILITIES });

// Entities are generated a chunk at a time outside the clock (the clock
// measures the engine, not the generator), evaluated, and dropped.
const CHUNK = 1_000;

/**
 * Evaluates a catalog of `count` entities `runs` times; returns the median
 * run's speed and the memory over all runs. A forced GC before the first run
 * sets the memory baseline and one after the last shows what was retained;
 * none runs in between — it would shrink the young generation, and the run
 * after it would measure the heap growing back.
 */
function measure(count, fn, runs = 1) {
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  const times = [];
  for (let run = 0; run < runs; run++) {
    let elapsed = 0n;
    const entities = syntheticServices(count);
    for (let done = 0; done < count; done += CHUNK) {
      const chunk = [];
      for (let i = 0; i < CHUNK && done + i < count; i++)
        chunk.push(entities.next().value);
      const start = process.hrtime.bigint();
      for (const entity of chunk) fn(entity);
      elapsed += process.hrtime.bigint() - start;
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
    }
    times.push(Number(elapsed) / 1e9);
  }
  global.gc?.();
  const seconds = times.sort((a, b) => a - b)[runs >> 1];
  return {
    count,
    seconds,
    perSecond: count / seconds,
    peakRssMiB: peakRss / 2 ** 20,
    retainedMiB: (process.memoryUsage().heapUsed - baseline.heapUsed) / 2 ** 20,
  };
}

const RUNS = 3;

async function measureAsync(count, fn) {
  let elapsed = 0n;
  const entities = [...syntheticServices(count)];
  const start = process.hrtime.bigint();
  for (const entity of entities) await fn(entity);
  elapsed += process.hrtime.bigint() - start;
  const seconds = Number(elapsed) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}

/**
 * The same requirements as json-rules-engine rules, one rule per fact it
 * applies, as a Tech Insights check would be written, in one engine (one
 * run per entity was faster than an engine per mesh):
 * - hard: a required capability a mesh lacks, the latency budget, the CNI
 *   it needs — each a `blocked` event;
 * - soft (with `scoring`): a required capability only partly supported,
 *   unverified or met by an alpha/experimental feature, a preferred one
 *   lacking, more operations than the team declares it can absorb, the
 *   platform's clusters (multi-cluster required of every mesh), its release
 *   policy, a mode change or a second mesh beside the installed one — each a
 *   `penalty` event with the points our scoring takes off for it, summed
 *   into a score per mesh and ranked, a second mesh after the installed
 *   mesh's modes while one of them is unblocked.
 */
function rulesEngine({ scoring }) {
  const REQUIRED = { partial: 0.2, unknown: 0.35 };
  const PREFERRED = { no: 0.25, unknown: 0.2, partial: 0.1 };
  const IMMATURE = 0.15;
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const mesh of MESH_IDS) {
    const add = (fact, operator, value, type, params) =>
      engine.addRule({
        conditions: { all: [{ fact, operator, value }] },
        event: { type, params: { mesh, ...params } },
      });
    const facts = kb.meshes[mesh];
    for (const cap of CAPABILITIES) {
      const fact = kb.capabilities[cap].support[mesh];
      const level = fact?.level ?? 'unknown';
      if (level === 'no')
        add('requires', 'contains', cap, 'blocked', { capability: cap });
      if (!scoring) continue;
      if (REQUIRED[level])
        add('requires', 'contains', cap, 'penalty', {
          points: REQUIRED[level],
        });
      const maturity = fact?.maturity?.level;
      if (
        (level === 'yes' || level === 'partial') &&
        (maturity === 'alpha' || maturity === 'experimental')
      )
        add('requires', 'contains', cap, 'penalty', { points: IMMATURE });
      if (PREFERRED[level])
        add('prefers', 'contains', cap, 'penalty', {
          points: PREFERRED[level],
        });
    }
    // a budget blocks only below the low end of the figure's range
    const p99 = facts.overhead?.p99Ms;
    add('budget', 'lessThan', p99?.low ?? p99?.value ?? 0, 'blocked', {
      reason: 'latency-budget',
    });
    if (scoring && mesh !== 'none') {
      // every mesh must span the platform's clusters
      const multi = kb.capabilities['multi-cluster'].support[mesh].level;
      const clusters = (type, params) =>
        engine.addRule({
          conditions: {
            all: [
              { fact: 'clusters', operator: 'greaterThan', value: 1 },
              {
                fact: 'requires',
                operator: 'doesNotContain',
                value: 'multi-cluster',
              },
            ],
          },
          event: { type, params: { mesh, ...params } },
        });
      if (multi === 'no') clusters('blocked', { reason: 'multi-cluster' });
      else if (REQUIRED[multi])
        clusters('penalty', { points: REQUIRED[multi] });
      if (facts.releaseModel.stableReleases === 'vendor-subscription')
        add('releasePolicy', 'equal', 'open-source-stable', 'penalty', {
          points: kb.coherence.releasePolicy.points / 20,
        });
      for (const current of MESH_IDS) {
        if (current === mesh || current === 'none') continue;
        const cost = familyOf(mesh).includes(current)
          ? kb.coherence.modeChange
          : kb.coherence.secondMesh;
        add('currentMesh', 'equal', current, 'penalty', {
          points: cost.points / 20,
        });
      }
    }
    if (scoring) {
      if (facts.requiresCni)
        add('cni', 'notEqual', facts.requiresCni, 'blocked', { reason: 'cni' });
      add(
        'opsLevel',
        'lessThan',
        facts.operationalComplexity.level,
        'penalty',
        { points: 0.3 },
      );
    }
  }
  return engine;
}

const OPS_LEVEL = { low: 2, medium: 3, high: 5 };
const list = raw =>
  (raw ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

function parseFacts(entity) {
  const a = entity.metadata.annotations;
  const budget = a['mesh-advisor.io/latency-budget-ms']
    ? Number(a['mesh-advisor.io/latency-budget-ms'])
    : undefined;
  return {
    requires: list(a['mesh-advisor.io/requires']),
    prefers: list(a['mesh-advisor.io/prefers']),
    budget,
    ...PLATFORM,
    opsLevel: OPS_LEVEL[a['mesh-advisor.io/ops-capacity'] ?? 'medium'],
  };
}

/**
 * Runs the rules for one entity and ranks the meshes by what the penalties
 * leave of 100 (blocked last; a second mesh after the installed mesh's modes
 * and no mesh while one of those modes is unblocked).
 */
async function runRules(engine, facts) {
  const { events } = await engine.run(facts);
  const scores = new Map(MESH_IDS.map(mesh => [mesh, 100]));
  for (const { type, params } of events) {
    if (type === 'blocked') scores.set(params.mesh, -1);
    else if (scores.get(params.mesh) >= 0)
      scores.set(params.mesh, scores.get(params.mesh) - params.points * 20);
  }
  const family = familyOf(facts.currentMesh);
  const anchored = family.some(m => scores.get(m) >= 0);
  const rank = ([mesh, points]) => {
    if (points < 0) return -2000;
    if (!anchored || family.includes(mesh) || mesh === 'none') return points;
    return points - 1000;
  };
  return [...scores].sort((a, b) => rank(b) - rank(a));
}

async function main() {
  const evaluate = createEvaluator({
    knowledgeBase: kb,
    platform: { ...PLATFORM, serviceCount: 10_000 },
  });
  let sink = 0;
  const run = e => {
    const r = evaluate(e, e.depth);
    sink += r.ranking.length + r.whatWouldChange.length;
  };
  // warm up the JIT
  measure(20_000, run);

  console.log(
    `\nMesh Advisor engine ${
      require('../src').ENGINE_VERSION
    }, knowledge base ${kb.version}, Node ${
      process.version
    }, one core, platform ${JSON.stringify(
      PLATFORM,
    )}; the median run of each size (3 runs of 100k, 10 of 10k, 100 of 1k)\n`,
  );
  console.log(
    'catalog size | seconds | entities/s | peak RSS MiB | heap retained after GC, MiB',
  );
  console.log(
    '-------------|---------|------------|--------------|----------------',
  );
  // The median run per size: the machine is shared, one run can be unlucky,
  // and a small catalog takes a few milliseconds, within the reach of one
  // hiccup — so every size is run until it has evaluated at least 100,000
  // entities, and at least three times.
  const results = SIZES.map(n =>
    measure(n, run, Math.max(3, Math.ceil(100_000 / n))),
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

  // json-rules-engine, the same requirements as rules: ranked (hard and
  // soft), and the hard constraints alone. The median of three runs each.
  const RULES_N = 5_000;
  const measureRules = async scoring => {
    const engine = rulesEngine({ scoring });
    const rules = async e => {
      sink += (await runRules(engine, parseFacts(e))).length;
    };
    await measureAsync(500, rules); // warm up
    const runs = [];
    for (let i = 0; i < RUNS; i++)
      runs.push(await measureAsync(RULES_N, rules));
    return runs.sort((a, b) => a.perSecond - b.perSecond)[RUNS >> 1];
  };
  const jreRanked = await measureRules(true);
  const jre = await measureRules(false);
  const ours = results.find(r => r.count === 100_000);
  const ratio = ours.perSecond / jreRanked.perSecond;
  const perSecond = r => Math.round(r.perSecond).toLocaleString('en-US');
  console.log(
    `\njson-rules-engine, ${RULES_N.toLocaleString(
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

  // Like for like: only the hard-constraint stage of our engine (parse the
  // annotations, check every candidate's blockers), as the rules do.
  const ckb = compileKnowledgeBase(kb);
  const platform = platformSituation(resolvePlatform(PLATFORM), ckb);
  const constraintsOnly = measure(100_000, e => {
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
  const likeForLike = constraintsOnly.perSecond / jre.perSecond;
  console.log(
    `Mesh Advisor hard-constraint stage alone (like for like): ${Math.round(
      constraintsOnly.perSecond,
    ).toLocaleString('en-US')} entities/s — ${likeForLike.toFixed(
      0,
    )}× json-rules-engine`,
  );

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
  if (sink < 0) console.log(sink);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
