import type {
  Blocker,
  SourceRef,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** Blockers that say the same thing about one candidate, shown once. */
export type BlockerGroup = {
  key: string;
  message: string;
  sources: SourceRef[];
};

const sourceKey = (sources: SourceRef[]) =>
  sources
    .map(s => s.id)
    .sort()
    .join(' ');

/**
 * Missing capabilities backed by the same sources become one line
 * ("No mesh lacks mtls, jwt-auth, wasm"): the engine writes one blocker per
 * capability, which repeated the same sentence and source five times.
 * Other blockers (latency budget, platform) stay as they are.
 */
export function groupBlockers(
  candidateName: string,
  blockers: Blocker[],
): BlockerGroup[] {
  const groups: BlockerGroup[] = [];
  const byKey = new Map<string, { capabilities: string[]; first: Blocker }>();
  for (const b of blockers) {
    if (b.kind !== 'capability' || !b.capability) {
      groups.push({
        key: b.factId + b.message,
        message: b.message,
        sources: b.sources,
      });
      continue;
    }
    const key = sourceKey(b.sources);
    const group = byKey.get(key);
    if (group) {
      group.capabilities.push(b.capability);
      continue;
    }
    byKey.set(key, { capabilities: [b.capability], first: b });
    // a placeholder keeps the engine's order; filled in below
    groups.push({ key: `cap:${key}`, message: '', sources: b.sources });
  }
  return groups.map(g => {
    if (!g.key.startsWith('cap:')) return g;
    const { capabilities, first } = byKey.get(g.key.slice(4))!;
    return {
      ...g,
      message:
        capabilities.length === 1
          ? first.message
          : `${candidateName} lacks ${capabilities.join(
              ', ',
            )}, which this service requires`,
    };
  });
}
