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

function measure(label, count, fn) {
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
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
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }
  const seconds = Number(elapsed) / 1e9;
  global.gc?.();
  const retainedMiB =
    (process.memoryUsage().heapUsed - baseline.heapUsed) / 2 ** 20;
  return {
    retainedMiB,
    label,
    count,
    seconds,
    perSecond: count / seconds,
    peakRssMiB: peakRss / 2 ** 20,
    heapGrowthMiB: (peakHeap - baseline.heapUsed) / 2 ** 20,
  };
}

async function measureAsync(count, fn) {
  let elapsed = 0n;
  const entities = [...syntheticServices(count)];
  const start = process.hrtime.bigint();
  for (const entity of entities) await fn(entity);
  elapsed += process.hrtime.bigint() - start;
  const seconds = Number(elapsed) / 1e9;
  return { count, seconds, perSecond: count / seconds };
}

/** The same hard requirements as json-rules-engine rules: one engine per mesh, one rule per capability it lacks, plus the latency budget. */
function rulesEngines() {
  return MESH_IDS.map(mesh => {
    const engine = new Engine([], { allowUndefinedFacts: true });
    for (const cap of CAPABILITIES) {
      if (kb.capabilities[cap].support[mesh].level === 'no') {
        engine.addRule({
          conditions: {
            all: [{ fact: 'requires', operator: 'contains', value: cap }],
          },
          event: { type: 'blocked', params: { mesh, capability: cap } },
        });
      }
    }
    const p99 = kb.meshes[mesh].overhead.p99Ms.value ?? 0;
    engine.addRule({
      conditions: {
        all: [{ fact: 'budget', operator: 'lessThan', value: p99 }],
      },
      event: { type: 'blocked', params: { mesh, reason: 'latency-budget' } },
    });
    return engine;
  });
}

function parseFacts(entity) {
  const a = entity.metadata.annotations;
  const requires = (a['mesh-advisor.io/requires'] ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const budget = a['mesh-advisor.io/latency-budget-ms']
    ? Number(a['mesh-advisor.io/latency-budget-ms'])
    : undefined;
  return { requires, budget };
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
  measure('warm-up', 20_000, run);

  console.log(
    `\nMesh Advisor engine ${
      require('../src').ENGINE_VERSION
    }, knowledge base ${kb.version}, Node ${
      process.version
    }, one core, median of 3 runs per size\n`,
  );
  console.log(
    'catalog size | seconds | entities/s | peak RSS MiB | heap retained after GC, MiB',
  );
  console.log(
    '-------------|---------|------------|--------------|----------------',
  );
  // The median of three runs per size: the machine is shared, one run can be unlucky.
  const RUNS = 3;
  const results = SIZES.map(n => {
    const runs = Array.from({ length: RUNS }, () => measure('engine', n, run));
    return runs.sort((a, b) => a.perSecond - b.perSecond)[RUNS >> 1];
  });
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

  // json-rules-engine: the hard constraints only (it has no scoring or explanations)
  const engines = rulesEngines();
  const rules = async e => {
    const facts = parseFacts(e);
    for (const engine of engines)
      sink += (await engine.run(facts)).events.length;
  };
  await measureAsync(500, rules); // warm up
  const RULES_N = 5_000;
  const jreRuns = [];
  for (let i = 0; i < RUNS; i++)
    jreRuns.push(await measureAsync(RULES_N, rules));
  const jre = jreRuns.sort((a, b) => a.perSecond - b.perSecond)[RUNS >> 1];
  const ours = results.find(r => r.count === 100_000);
  const ratio = ours.perSecond / jre.perSecond;
  console.log(
    `\njson-rules-engine (hard constraints only, ${RULES_N.toLocaleString(
      'en-US',
    )} entities): ${Math.round(jre.perSecond).toLocaleString(
      'en-US',
    )} entities/s`,
  );
  console.log(
    `Mesh Advisor engine (constraints + scoring + explanations + what-would-change): ${Math.round(
      ours.perSecond,
    ).toLocaleString('en-US')} entities/s`,
  );
  console.log(`ratio: ${ratio.toFixed(1)}× faster`);

  // Like for like: only the hard-constraint stage of our engine (parse the
  // annotations, check every candidate's blockers), as the rules do.
  const ckb = compileKnowledgeBase(kb);
  const platform = platformSituation(resolvePlatform({ cni: 'cilium' }), ckb);
  const constraintsOnly = measure('constraints', 100_000, e => {
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
  row('≥ 20× json-rules-engine (full)', `${ratio.toFixed(1)}×`, ratio >= 20);
  row(
    '≥ 20× json-rules-engine (same work)',
    `${likeForLike.toFixed(0)}×`,
    likeForLike >= 20,
  );
  if (sink < 0) console.log(sink);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
