import { OWNER } from './decisionHarness';

/** A second owner, racing the first. */
export const SECOND_OWNER = 'user:default/amara.okafor';
/** What both owners may file and change decisions about. */
export const ENTITIES = [
  'component:default/payments-api',
  'component:default/ledger',
  'system:default/payments',
];
export const grants = { [OWNER]: ENTITIES, [SECOND_OWNER]: ENTITIES };

/** A fixed shuffle, so a failure reproduces. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
