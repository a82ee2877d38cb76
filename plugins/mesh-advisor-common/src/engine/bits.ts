/*
 * Sets as 32-bit integers, one bit per member (capabilities by vocabulary
 * index, candidates by mesh index). Iterate a set lowest member first:
 *
 *   for (let rest = set; rest !== 0; rest = withoutLowestBit(rest))
 *     use(lowestBitIndex(rest));
 *
 * as many steps as members, not as bits.
 */

/** The set's lowest member as a one-bit set (0 for the empty set). */
export const lowestBit = (set: number): number => set & -set;

/** The set without its lowest member. */
export const withoutLowestBit = (set: number): number => set & (set - 1);

/** The index of a one-bit set's member. */
export const bitIndex = (bit: number): number => 31 - Math.clz32(bit);

/** The index of the set's lowest member (-1 for the empty set). */
export const lowestBitIndex = (set: number): number =>
  31 - Math.clz32(set & -set);

/** Members a set can hold: the sign bit stays clear, so `1 << index` is a positive int32. */
export const MAX_SET_MEMBERS = 31;

/**
 * Throws when `count` members (candidate meshes) no longer fit a set; the
 * engine keeps candidates as bits in families, eligibility and the what-if
 * bookkeeping.
 */
export function assertFitsSet(count: number, what: string): void {
  if (count > MAX_SET_MEMBERS)
    throw new Error(
      `The knowledge base has ${count} ${what}, but the engine keeps them as bits of a 31-bit integer: at most ${MAX_SET_MEMBERS}.`,
    );
}
