import { CompiledKnowledgeBase, CompiledMesh } from '../knowledgeBase/compile';

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
