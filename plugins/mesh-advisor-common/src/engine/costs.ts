import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { agentPaid, needsL7Proxy, p99PerHop } from './constraints';
import { cpuPer1k, serviceMemoryMiB } from './resources';
import type { Situation } from './situation';
import type { KnowledgeBase } from '../knowledgeBase/schema';
import { sourceRefs } from './sourceRefs';
import type { FigureInfo, FigureRange, OverheadEstimate } from './types';

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function writeOverheadNote(
  m: CompiledMesh,
  s: Situation,
  waypoint: boolean,
  ckb: CompiledKnowledgeBase,
): string {
  if (m.placement === 'none') return 'no data plane to run';
  let note =
    m.placement === 'pod'
      ? `one proxy per pod × ${s.replicas} replica${
          s.replicas === 1 ? '' : 's'
        }`
      : `share of a per-node proxy (${ckb.podsPerNode} pods per node assumed)`;
  if (agentPaid(m, s))
    note = `${m.requiresCni} already runs as the cluster CNI, so its agent is not charged again`;
  if (waypoint) note += '; plus one waypoint proxy for L7 features';
  if (!s.replicasDeclared) note += '; replicas not declared, 1 assumed';
  return note;
}

// The same few notes recur across a catalog: kept per mesh, by replicas up to
// NOTED_REPLICAS, whether its CNI agent runs already, data-plane path and
// whether the replicas were declared.
const NOTED_REPLICAS = 1024;
const notes = new WeakMap<CompiledMesh, string[]>();

function overheadNote(
  m: CompiledMesh,
  s: Situation,
  waypoint: boolean,
  ckb: CompiledKnowledgeBase,
): string {
  const { replicas } = s;
  if (!(replicas < NOTED_REPLICAS && Number.isInteger(replicas)))
    return writeOverheadNote(m, s, waypoint, ckb);
  let noted = notes.get(m);
  if (!noted) notes.set(m, (noted = new Array(NOTED_REPLICAS * 8)));
  const key =
    replicas * 8 +
    (agentPaid(m, s) ? 4 : 0) +
    (waypoint ? 2 : 0) +
    (s.replicasDeclared ? 1 : 0);
  return (noted[key] ??= writeOverheadNote(m, s, waypoint, ckb));
}

/**
 * Added p99 along a chain of `depth` hops of this mesh. Percentiles do not
 * add: the chain's p99 is taken as the median of every hop but one plus the
 * tail of the worst single hop, p50 × (depth − 1) + p99. Without a p50 for
 * the path, every hop counts at its p99 (an upper bound).
 */
export function chainP99(p50: number | null, p99: number, depth: number) {
  return (p50 ?? p99) * (depth - 1) + p99;
}

/** The figures behind a candidate's estimate on one data-plane path. */
export type PathFacts = {
  figures: FigureInfo[];
  p99Basis: 'measured' | 'estimated' | null;
  /** the p99-per-hop range on this path (shared, read-only) */
  p99Range: FigureRange | null;
};

/** The p50 and p99 per hop of the data-plane path, with their ranges. */
function latencyPath(m: CompiledMesh, waypoint: boolean) {
  return waypoint
    ? {
        p50: m.l7P50Ms,
        p50Low: m.l7P50Low,
        p50High: m.l7P50High,
        p99Low: m.l7P99Low,
        p99High: m.l7P99High,
      }
    : {
        p50: m.p50Ms,
        p50Low: m.p50Low,
        p50High: m.p50High,
        p99Low: m.p99Low,
        p99High: m.p99High,
      };
}

// Chain ranges recur by path and depth: kept per path, by depth up to 64.
const chainRanges = new WeakMap<PathFacts, (FigureRange | null)[]>();

function chainRange(
  facts: PathFacts,
  path: ReturnType<typeof latencyPath>,
  depth: number,
): FigureRange | null {
  if (path.p99Low === null || path.p99High === null) return null;
  let byDepth = chainRanges.get(facts);
  if (!byDepth) chainRanges.set(facts, (byDepth = []));
  const hit = depth < 64 ? byDepth[depth] : undefined;
  if (hit !== undefined) return hit;
  const range = Object.freeze({
    low: round2(chainP99(path.p50Low, path.p99Low, depth)),
    high: round2(chainP99(path.p50High, path.p99High, depth)),
  });
  if (depth < 64) byDepth[depth] = range;
  return range;
}

/**
 * What this candidate would cost the service. `facts` are the knowledge
 * base's figures behind it on this data-plane path (from the reason book).
 */
export function estimateOverhead(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
  facts: PathFacts,
): OverheadEstimate {
  const l7 = needsL7Proxy(m, s, ckb);
  let mem: number | null;
  if (!agentPaid(m, s)) mem = serviceMemoryMiB(m, s.replicas, l7, ckb);
  else mem = l7 ? m.l7MemoryMiB : 0;
  const cpu = cpuPer1k(m, l7);
  const p99 = p99PerHop(m, s, ckb);
  const path = latencyPath(m, l7);
  return {
    placement: m.placement,
    needsL7Proxy: l7,
    memoryMiB: mem === null ? null : round1(mem),
    cpuVcpu:
      cpu === null || s.rps === null ? null : round3((cpu * s.rps) / 1000),
    p50PerHopMs: path.p50 === null ? null : round2(path.p50),
    p99PerHopMs: p99 === null ? null : round2(p99),
    p99PerHopRange: p99 === null ? null : facts.p99Range,
    p99Basis: p99 === null ? null : facts.p99Basis,
    p99ChainMs: p99 === null ? null : round2(chainP99(path.p50, p99, s.depth)),
    p99ChainRange: p99 === null ? null : chainRange(facts, path, s.depth),
    callChainDepth: s.depth,
    replicas: s.replicas,
    rps: s.rps,
    note: overheadNote(m, s, l7, ckb),
    figures: facts.figures,
  };
}

type FigureFacts = {
  value: number | null;
  unit: string;
  basis?: 'measured' | 'estimated';
  low?: number;
  high?: number;
  method?: string;
  sources: string[];
};

function figureInfo(
  kb: KnowledgeBase,
  factId: string,
  f: FigureFacts | undefined,
): FigureInfo[] {
  if (!f || f.value === null) return [];
  return [
    Object.freeze({
      factId,
      basis: f.basis ?? 'measured',
      value: f.value,
      low: f.low ?? f.value,
      high: f.high ?? f.value,
      unit: f.unit,
      method: f.method ?? f.unit,
      sources: sourceRefs(kb, f.sources),
    }),
  ];
}

/** The figures behind a candidate's estimate on its L4 path and with its waypoint. */
export function pathFactsOf(
  m: CompiledMesh,
  kb: KnowledgeBase,
): [PathFacts, PathFacts] {
  const o = kb.meshes[m.id]?.overhead;
  const id = (key: string) => `mesh.${m.id}.overhead.${key}`;
  const l4 = o
    ? [
        ...figureInfo(kb, id('memoryMiB'), o.memoryMiB),
        ...figureInfo(kb, id('cpuVcpuPer1kRps'), o.cpuVcpuPer1kRps),
        ...figureInfo(kb, id('p50Ms'), o.p50Ms),
        ...figureInfo(kb, id('p99Ms'), o.p99Ms),
      ]
    : [];
  const l7 = o?.l7Proxy
    ? [
        ...figureInfo(kb, id('memoryMiB'), o.memoryMiB),
        ...figureInfo(kb, id('cpuVcpuPer1kRps'), o.cpuVcpuPer1kRps),
        ...figureInfo(kb, id('l7Proxy.memoryMiB'), o.l7Proxy.memoryMiB),
        ...figureInfo(
          kb,
          id('l7Proxy.cpuVcpuPer1kRps'),
          o.l7Proxy.cpuVcpuPer1kRps,
        ),
        ...figureInfo(kb, id('l7Proxy.p50Ms'), o.l7Proxy.p50Ms),
        ...figureInfo(kb, id('l7Proxy.p99Ms'), o.l7Proxy.p99Ms),
      ]
    : l4;
  const facts = (figures: FigureInfo[], p99: FigureFacts | undefined) =>
    Object.freeze({
      figures: Object.freeze(figures) as FigureInfo[],
      p99Range:
        p99 === undefined || p99.value === null
          ? null
          : Object.freeze({
              low: Math.round((p99.low ?? p99.value) * 100) / 100,
              high: Math.round((p99.high ?? p99.value) * 100) / 100,
            }),
      p99Basis:
        p99 === undefined || p99.value === null
          ? null
          : p99.basis ?? 'measured',
    });
  return [
    facts(l4, o?.p99Ms),
    facts(l7, o?.l7Proxy ? o.l7Proxy.p99Ms : o?.p99Ms),
  ];
}
