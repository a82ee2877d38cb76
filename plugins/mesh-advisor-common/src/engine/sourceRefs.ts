import type { KnowledgeBase } from '../knowledgeBase/schema';
import type { Reason, SourceRef } from './types';

/** Two source lists as one, without repeats (kept: it is shared by frozen reasons). */
const mergedCache = new WeakMap<
  readonly string[],
  Map<readonly string[], string[]>
>();
export function merged(a: readonly string[], b: readonly string[]): string[] {
  let byB = mergedCache.get(a);
  if (!byB) mergedCache.set(a, (byB = new Map()));
  let out = byB.get(b);
  if (!out) byB.set(b, (out = [...a, ...b.filter(id => !a.includes(id))]));
  return out;
}

const refCache = new WeakMap<readonly string[], SourceRef[]>();

/**
 * Resolves source ids to links. Facts' id lists are the knowledge base's own
 * arrays, so the links are resolved once per fact and shared (read-only).
 */
export function sourceRefs(
  kb: KnowledgeBase,
  ids: readonly string[],
): SourceRef[] {
  let refs = refCache.get(ids);
  if (!refs) {
    refs = ids.flatMap(id => {
      const s = kb.sources[id];
      return s ? [Object.freeze({ id, url: s.url, title: s.title })] : [];
    });
    Object.freeze(refs);
    refCache.set(ids, refs);
  }
  return refs;
}

export const reason = (
  factId: string,
  text: string,
  effect: Reason['effect'],
  sources: SourceRef[],
): Reason => Object.freeze({ factId, text, effect, sources });

/** The sources of a fact, as links (sourceRefs bound to one knowledge base). */
export type Refs = (ids: readonly string[]) => SourceRef[];
