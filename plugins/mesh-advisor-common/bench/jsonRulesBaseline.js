// The json-rules-engine baseline of the engine benchmark: Mesh Advisor's
// requirements written as json-rules-engine rules (the engine Backstage Tech
// Insights checks use), run per entity and ranked.
const { Engine } = require('json-rules-engine');
const { CAPABILITIES, MESH_IDS } = require('../src');
const { measureAsync } = require('./engineMeasure');

const REQUIRED = { partial: 0.2, unknown: 0.35 };
const PREFERRED = { no: 0.25, unknown: 0.2, partial: 0.1 };
const IMMATURE = 0.15;

/** The candidates sharing `mesh`'s control plane (itself included). */
const familyOf = (kb, mesh) =>
  Object.values(kb.coherence.families).find(f => f.includes(mesh)) ?? [mesh];

/** Per capability: blocked where `mesh` lacks it; with `scoring`, penalties. */
function addCapabilityRules(kb, mesh, add, scoring) {
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
}

/**
 * The platform's penalties on `mesh`: multi-cluster required of every mesh,
 * the release policy, a mode change or a second mesh beside the installed one.
 */
function addPlatformRules(kb, mesh, engine, add) {
  const facts = kb.meshes[mesh];
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
  else if (REQUIRED[multi]) clusters('penalty', { points: REQUIRED[multi] });
  if (facts.releaseModel.stableReleases === 'vendor-subscription')
    add('releasePolicy', 'equal', 'open-source-stable', 'penalty', {
      points: kb.coherence.releasePolicy.points / 20,
    });
  for (const current of MESH_IDS) {
    if (current === mesh || current === 'none') continue;
    const cost = familyOf(kb, mesh).includes(current)
      ? kb.coherence.modeChange
      : kb.coherence.secondMesh;
    add('currentMesh', 'equal', current, 'penalty', {
      points: cost.points / 20,
    });
  }
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
function rulesEngine(kb, { scoring }) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const mesh of MESH_IDS) {
    const add = (fact, operator, value, type, params) =>
      engine.addRule({
        conditions: { all: [{ fact, operator, value }] },
        event: { type, params: { mesh, ...params } },
      });
    const facts = kb.meshes[mesh];
    addCapabilityRules(kb, mesh, add, scoring);
    // a budget blocks only below the low end of the figure's range
    const p99 = facts.overhead?.p99Ms;
    add('budget', 'lessThan', p99?.low ?? p99?.value ?? 0, 'blocked', {
      reason: 'latency-budget',
    });
    if (scoring && mesh !== 'none') addPlatformRules(kb, mesh, engine, add);
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

/** The facts the rules read: an entity's annotations and the platform. */
function parseFacts(entity, platform) {
  const a = entity.metadata.annotations;
  const budget = a['mesh-advisor.io/latency-budget-ms']
    ? Number(a['mesh-advisor.io/latency-budget-ms'])
    : undefined;
  return {
    requires: list(a['mesh-advisor.io/requires']),
    prefers: list(a['mesh-advisor.io/prefers']),
    budget,
    ...platform,
    opsLevel: OPS_LEVEL[a['mesh-advisor.io/ops-capacity'] ?? 'medium'],
  };
}

/**
 * Runs the rules for one entity and ranks the meshes by what the penalties
 * leave of 100 (blocked last; a second mesh after the installed mesh's modes
 * and no mesh while one of those modes is unblocked).
 */
async function runRules(kb, engine, facts) {
  const { events } = await engine.run(facts);
  const scores = new Map(MESH_IDS.map(mesh => [mesh, 100]));
  for (const { type, params } of events) {
    if (type === 'blocked') scores.set(params.mesh, -1);
    else if (scores.get(params.mesh) >= 0)
      scores.set(params.mesh, scores.get(params.mesh) - params.points * 20);
  }
  const family = familyOf(kb, facts.currentMesh);
  const anchored = family.some(m => scores.get(m) >= 0);
  const rank = ([mesh, points]) => {
    if (points < 0) return -2000;
    if (!anchored || family.includes(mesh) || mesh === 'none') return points;
    return points - 1000;
  };
  return [...scores].sort((a, b) => rank(b) - rank(a));
}

let sink = 0;

/**
 * json-rules-engine over `count` entities on `platform`, ranked (hard and
 * soft, with `scoring`) or the hard constraints alone: the median of `runs`
 * runs, after a warm-up.
 */
async function measureRules(kb, platform, { scoring, count, runs }) {
  const engine = rulesEngine(kb, { scoring });
  const rules = async e => {
    sink += (await runRules(kb, engine, parseFacts(e, platform))).length;
  };
  await measureAsync(500, rules); // warm up
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measureAsync(count, rules));
  if (sink < 0) console.log(sink); // eslint-disable-line no-console
  return results.sort((a, b) => a.perSecond - b.perSecond)[runs >> 1];
}

module.exports = { measureRules };
