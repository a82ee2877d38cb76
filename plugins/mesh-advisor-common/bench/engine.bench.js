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

const SIZES = [1_000, 10_000, 100_000];
const kb = loadKnowledgeBase();

// Deterministic pseudo-random generator (mulberry32), so every run sees the same catalog.
function rng(initial) {
  let seed = initial;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pickSome = (r, max) => {
  const out = [];
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) {
    const c = CAPABILITIES[Math.floor(r() * CAPABILITIES.length)];
    if (!out.includes(c)) out.push(c);
  }
  return out;
};
function* syntheticServices(count, seed = 42) {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const annotations = { 'backstage.io/kubernetes-id': `svc-${i}` };
    const requires = pickSome(r, 4);
    const prefers = pickSome(r, 3);
    if (requires.length)
      annotations['mesh-advisor.io/requires'] = requires.join(', ');
    if (prefers.length)
      annotations['mesh-advisor.io/prefers'] = prefers.join(', ');
    if (r() < 0.3)
      annotations['mesh-advisor.io/latency-budget-ms'] = String(
        [0.3, 0.5, 1, 2][Math.floor(r() * 4)],
      );
    if (r() < 0.7)
      annotations['mesh-advisor.io/replicas'] = String(
        1 + Math.floor(r() * 30),
      );
    if (r() < 0.5)
      annotations['mesh-advisor.io/rps'] = String(Math.floor(r() * 5000));
    if (r() < 0.6)
      annotations['mesh-advisor.io/ops-capacity'] = ['low', 'medium', 'high'][
        Math.floor(r() * 3)
      ];
    if (r() < 0.02)
      annotations['mesh-advisor.io/requires'] = 'mtls, fault-injektion';
    yield {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${i}`, namespace: 'default', annotations },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `team-${i % 40}`,
      },
      depth: 1 + Math.floor(r() * 5),
    };
  }
}

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
 * - soft (with `scoring`): a required capability only partly supported or
 *   unverified, a preferred one lacking, more operations than the team
 *   declares it can absorb — each a `penalty` event with the points our
 *   scoring takes off for it, summed into a score per mesh and ranked.
 */
function rulesEngine({ scoring }) {
  const REQUIRED = { partial: 0.2, unknown: 0.35 };
  const PREFERRED = { no: 0.25, unknown: 0.2, partial: 0.1 };
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const mesh of MESH_IDS) {
    const add = (fact, operator, value, type, params) =>
      engine.addRule({
        conditions: { all: [{ fact, operator, value }] },
        event: { type, params: { mesh, ...params } },
      });
    const facts = kb.meshes[mesh];
    for (const cap of CAPABILITIES) {
      const level = kb.capabilities[cap].support[mesh]?.level ?? 'unknown';
      if (level === 'no')
        add('requires', 'contains', cap, 'blocked', { capability: cap });
      if (!scoring) continue;
      if (REQUIRED[level])
        add('requires', 'contains', cap, 'penalty', {
          points: REQUIRED[level],
        });
      if (PREFERRED[level])
        add('prefers', 'contains', cap, 'penalty', {
          points: PREFERRED[level],
        });
    }
    const p99 = facts.overhead?.p99Ms.value ?? 0;
    add('budget', 'lessThan', p99, 'blocked', { reason: 'latency-budget' });
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
    cni: 'cilium',
    opsLevel: OPS_LEVEL[a['mesh-advisor.io/ops-capacity'] ?? 'medium'],
  };
}

/** Runs the rules for one entity and ranks the meshes by what the penalties leave of 100 (blocked last). */
async function runRules(engine, facts) {
  const { events } = await engine.run(facts);
  const scores = new Map(MESH_IDS.map(mesh => [mesh, 100]));
  for (const { type, params } of events) {
    if (type === 'blocked') scores.set(params.mesh, -1);
    else if (scores.get(params.mesh) >= 0)
      scores.set(params.mesh, scores.get(params.mesh) - params.points * 20);
  }
  return [...scores].sort((a, b) => b[1] - a[1]);
}

async function main() {
  const evaluate = createEvaluator({
    knowledgeBase: kb,
    platform: { cni: 'cilium', serviceCount: 10_000 },
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
    }, one core; the median run of each size (3 runs of 100k, 10 of 10k, 100 of 1k)\n`,
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
  const platform = platformSituation(resolvePlatform({ cni: 'cilium' }), ckb);
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
