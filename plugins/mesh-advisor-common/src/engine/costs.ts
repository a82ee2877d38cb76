import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';
import { needsL7Proxy, p99PerHop } from './constraints';
import { Situation } from './situation';
import type { OverheadEstimate } from './types';

const round = (v: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** Memory this service is charged, across its replicas. */
export function serviceMemoryMiB(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number | null {
  if (m.placement === 'none') return 0;
  if (m.memoryMiB === null) return null;
  // A sidecar per pod; a per-node proxy is shared, so the service is charged
  // its pods' share of it. A waypoint (one per service) is charged whole.
  let mem =
    m.placement === 'pod'
      ? m.memoryMiB * s.replicas
      : (m.memoryMiB * s.replicas) / ckb.podsPerNode;
  if (needsL7Proxy(m, s, ckb)) {
    if (m.l7MemoryMiB === null) return null;
    mem += m.l7MemoryMiB;
  }
  return mem;
}

/** vCPU per 1000 RPS through the data plane for one request's hop into this service. */
export function cpuPer1k(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): number | null {
  if (m.placement === 'none') return 0;
  if (m.cpuPer1k === null) return null;
  if (!needsL7Proxy(m, s, ckb)) return m.cpuPer1k;
  return m.l7CpuPer1k === null ? null : m.cpuPer1k + m.l7CpuPer1k;
}

export function estimateOverhead(
  m: CompiledMesh,
  s: Situation,
  ckb: CompiledKnowledgeBase,
): OverheadEstimate {
  const l7 = needsL7Proxy(m, s, ckb);
  const mem = serviceMemoryMiB(m, s, ckb);
  const cpu = cpuPer1k(m, s, ckb);
  const p99 = p99PerHop(m, s, ckb);
  const p50 = m.p50Ms;
  const parts: string[] = [];
  if (m.placement === 'pod')
    parts.push(
      `one proxy per pod × ${s.replicas} replica${s.replicas === 1 ? '' : 's'}`,
    );
  if (m.placement === 'node')
    parts.push(
      `share of a per-node proxy (${ckb.podsPerNode} pods per node assumed)`,
    );
  if (l7) parts.push('plus one waypoint proxy for L7 features');
  if (!s.replicasDeclared && m.placement !== 'none')
    parts.push('replicas not declared, 1 assumed');
  return {
    placement: m.placement,
    needsL7Proxy: l7,
    memoryMiB: mem === null ? null : round(mem, 1),
    cpuVcpu:
      cpu === null || s.rps === null ? null : round((cpu * s.rps) / 1000, 3),
    // The sources give no p50 for the waypoint path, so there is none to add up.
    p50PerHopMs: p50 === null || l7 ? null : round(p50),
    p99PerHopMs: p99 === null ? null : round(p99),
    p99ChainMs: p99 === null ? null : round(p99 * s.depth),
    callChainDepth: s.depth,
    replicas: s.replicas,
    rps: s.rps,
    note: m.placement === 'none' ? 'no data plane to run' : parts.join('; '),
  };
}
