import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { needsL7Proxy, p99PerHop } from './constraints';
import { Situation } from './situation';
import type { OverheadEstimate } from './types';

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Memory this service is charged across its replicas, on the L4 path or with the waypoint. */
export function serviceMemoryMiB(
  m: CompiledMesh,
  replicas: number,
  withWaypoint: boolean,
  ckb: CompiledKnowledgeBase,
): number | null {
  if (m.placement === 'none') return 0;
  if (m.memoryMiB === null) return null;
  // A sidecar per pod; a per-node proxy is shared, so the service is charged
  // its pods' share of it. A waypoint (one per service) is charged whole.
  let mem =
    m.placement === 'pod'
      ? m.memoryMiB * replicas
      : (m.memoryMiB * replicas) / ckb.podsPerNode;
  if (withWaypoint) {
    if (m.l7MemoryMiB === null) return null;
    mem += m.l7MemoryMiB;
  }
  return mem;
}

/** vCPU per 1000 RPS through the data plane for one request's hop into this service. */
export function cpuPer1k(
  m: CompiledMesh,
  withWaypoint: boolean,
): number | null {
  if (m.placement === 'none') return 0;
  if (m.cpuPer1k === null) return null;
  if (!withWaypoint) return m.cpuPer1k;
  return m.l7CpuPer1k === null ? null : m.cpuPer1k + m.l7CpuPer1k;
}

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
  if (waypoint) note += '; plus one waypoint proxy for L7 features';
  if (!s.replicasDeclared) note += '; replicas not declared, 1 assumed';
  return note;
}

// The same few notes recur across a catalog: kept per mesh, by replicas up to
// NOTED_REPLICAS, data-plane path and whether the replicas were declared.
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
  if (!noted) notes.set(m, (noted = new Array(NOTED_REPLICAS * 4)));
  const key = replicas * 4 + (waypoint ? 2 : 0) + (s.replicasDeclared ? 1 : 0);
  return (noted[key] ??= writeOverheadNote(m, s, waypoint, ckb));
}

export function estimateOverhead(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): OverheadEstimate {
  const l7 = needsL7Proxy(m, s, ckb);
  const mem = serviceMemoryMiB(m, s.replicas, l7, ckb);
  const cpu = cpuPer1k(m, l7);
  const p99 = p99PerHop(m, s, ckb);
  const p50 = m.p50Ms;
  return {
    placement: m.placement,
    needsL7Proxy: l7,
    memoryMiB: mem === null ? null : round1(mem),
    cpuVcpu:
      cpu === null || s.rps === null ? null : round3((cpu * s.rps) / 1000),
    // The sources give no p50 for the waypoint path, so there is none to add up.
    p50PerHopMs: p50 === null || l7 ? null : round2(p50),
    p99PerHopMs: p99 === null ? null : round2(p99),
    p99ChainMs: p99 === null ? null : round2(p99 * s.depth),
    callChainDepth: s.depth,
    replicas: s.replicas,
    rps: s.rps,
    note: overheadNote(m, s, l7, ckb),
  };
}
