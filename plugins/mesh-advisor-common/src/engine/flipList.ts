import { type Answer, KINDS } from './describeChange';

const MAX_FLIPS = 5;

/**
 * The answers to the what-if questions, as (kind, new top, what was
 * changed): one per kind and new top pick, never the current pick or
 * nothing-fits. Sentences are written only for the ones kept.
 */
export class FlipList {
  private answers: Answer[] = [];
  private currentTop = -1;
  /** by kind, one bit per new top pick answered */
  private readonly seen = new Int32Array(KINDS.length);

  /** Empties the list for a service whose top pick is `currentTop` (-1: none). */
  reset(currentTop: number) {
    this.answers = [];
    this.currentTop = currentTop;
    this.seen.fill(0);
  }

  /** Notes an answer when it is a new one of its kind. */
  note(kind: number, top: number, change: number | string) {
    if (top === this.currentTop || top < 0) return;
    const key = 1 << top;
    if (this.seen[kind] & key) return;
    this.seen[kind] |= key;
    this.answers.push({ kind, top, change });
  }

  /**
   * Whether asking more of a kind can add to the list: past the list's
   * length it only needs its first answer, and once every candidate it can
   * make the top pick (`reachable`) has been answered, the rest are repeats.
   */
  enough(kind: number, reachable: number): boolean {
    const seen = this.seen[kind];
    return (
      (this.answers.length >= MAX_FLIPS && seen !== 0) ||
      (seen & reachable) === reachable
    );
  }

  /**
   * The answers the list keeps, in the order asked: the first of each kind,
   * then the others in order, up to MAX_FLIPS.
   */
  kept(): Answer[] {
    const answers = this.answers;
    if (answers.length <= MAX_FLIPS) return answers;
    const first = answers.map(
      (a, i) => answers.findIndex(b => b.kind === a.kind) === i,
    );
    const keep = answers.map(() => false);
    let room = MAX_FLIPS;
    for (const wanted of [true, false]) {
      for (let i = 0; i < answers.length && room > 0; i++) {
        if (first[i] === wanted) {
          keep[i] = true;
          room--;
        }
      }
    }
    return answers.filter((_, i) => keep[i]);
  }
}
