import { DEFAULT_GRANTS, OWNER } from './decisionHarness';

/** A second owner of the payments services. */
export const COOWNER = 'user:default/amara.okafor';
/** The default grants, and the co-owner's, the same as the owner's. */
export const grants = { ...DEFAULT_GRANTS, [COOWNER]: DEFAULT_GRANTS[OWNER] };
export const PAYMENTS = 'component:default/payments-api';
export const LEDGER = 'component:default/ledger';
export const PAYMENTS_Q = encodeURIComponent(PAYMENTS);
