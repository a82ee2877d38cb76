import type {
  CandidateResult,
  EvaluationResult,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const ms = (v: number) => String(Math.round(v * 100) / 100);

/** "0.2–0.4 ms (estimated)"; one figure when the sources leave no range. */
export function latencyRange(c: CandidateResult): string | null {
  const o = c.overhead;
  if (!o.p99PerHopRange || o.p99PerHopMs === null) return null;
  const { low, high } = o.p99PerHopRange;
  const figure = low === high ? ms(low) : `${ms(low)}–${ms(high)}`;
  return `${figure} ms${o.p99Basis ? ` (${o.p99Basis})` : ''}`;
}

/**
 * What a platform engineer should know before taking a candidate, beyond
 * its score: what choosing it does to the installed mesh, the hard
 * requirements it meets only partly, unverified or through a feature
 * upstream has not called stable, and an estimated or uncertain added
 * latency.
 */
export function caveatsOf(r: EvaluationResult, c: CandidateResult): string[] {
  const installed =
    r.ranking.find(k => k.mesh === r.platform.currentMesh)?.name ??
    r.platform.currentMesh;
  const out: string[] = [];
  if (c.adoption === 'mode-change')
    out.push(`a mode change from the installed ${installed}, not a new mesh`);
  else if (c.adoption === 'second-mesh')
    out.push(
      `a second mesh beside the installed ${installed}: a second control plane, trust domain and upgrade cadence`,
    );
  else if (c.adoption === 'leave-mesh')
    out.push(`leaves the service outside the installed ${installed}`);

  // one entry per set of hard requirements that share the same qualifiers
  const qualifiers = new Map<string, string[]>();
  const qualify = (caps: readonly string[], q: string) =>
    caps.forEach(cap =>
      qualifiers.set(cap, [...(qualifiers.get(cap) ?? []), q]),
    );
  qualify(c.partial, 'only partly');
  qualify(c.unverified, 'unverified');
  qualify(c.immature, 'alpha or experimental upstream');
  qualify(c.beta, 'beta upstream');
  const byText = new Map<string, string[]>();
  for (const [cap, qs] of qualifiers) {
    const text = qs.join(', ');
    byText.set(text, [...(byText.get(text) ?? []), cap]);
  }
  for (const [text, caps] of byText) out.push(`${caps.join(', ')}: ${text}`);

  const o = c.overhead;
  const range = o.p99PerHopRange;
  if (range && (o.p99Basis === 'estimated' || range.low !== range.high))
    out.push(`p99 per hop ${latencyRange(c)}`);
  return out;
}
